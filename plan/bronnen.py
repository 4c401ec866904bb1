"""What the plan reads from the oefeningen app: the compass cards and the exercise answers.

The only place in `plan` that knows about `oefeningen` (plan depends on it; see
oefeningen/README.md, "For other apps"). Each read is a fixed number of queries; a render
of the page or the PDF asks for each once (secties.PlanRender).
"""

from __future__ import annotations

from dataclasses import dataclass

from oefeningen import selectors
from oefeningen.models import Oefening
from trajecten.models import Traject

from .models import BRON_HOOFDSTUKKEN, Risico

# The book's order (§10.1-10.4): noord (doelen), oost (kansen), west (risico's with "onze
# reactie"), zuid (energie onderweg).
RICHTINGEN = selectors.KOMPAS_RICHTINGEN
TOP = 5  # cards per direction the plan puts first (more when cards tie at the edge)
# The chapters whose answers feed the decisions.
ANTWOORD_HOOFDSTUKKEN = tuple(sorted({h for hs in BRON_HOOFDSTUKKEN.values() for h in hs}))


@dataclass(frozen=True)
class Kaart:
    """One compass card: id (stable, to link an action or risk to it), direction, text."""

    id: int
    richting: str
    tekst: str
    stemmen: int = 0
    # West only: the team's response, written in the plan's risk form (Risico.reactie).
    reactie: str = ""


@dataclass(frozen=True)
class Top:
    """One direction's cards with the most votes, most first. When cards tie with the last
    place, all of them are in (`gelijk`), so the plan never drops one of equal weight."""

    richting: str
    kaarten: tuple[Kaart, ...]
    totaal: int  # every card in this direction
    n: int = TOP

    @property
    def gelijk(self) -> bool:
        return len(self.kaarten) > self.n

    @property
    def gestemd(self) -> bool:
        return any(k.stemmen for k in self.kaarten)


@dataclass(frozen=True)
class Antwoord:
    """The result of one exercise, summarised for the plan."""

    hoofdstuk: str  # chapter slug
    titel: str
    regels: tuple[str, ...]


def _kompas(traject: Traject) -> list[Kaart]:
    """Every card with text on the chapter 10 compass, with its votes and, in the west, the
    team's response (two queries: oefeningen' one compass read and the risks' responses)."""
    reacties = dict(
        Risico.objects.filter(traject=traject, kaart_id__isnull=False).values_list("kaart_id", "reactie")
    )
    return [
        Kaart(
            id=k.id,
            richting=k.richting,
            tekst=k.tekst,
            stemmen=k.stemmen,
            reactie=reacties.get(k.id, "") if k.richting == "west" else "",
        )
        for k in selectors.kompas_kaarten(traject)
        if k.tekst
    ]


def top(kaarten: list[Kaart], n: int = TOP) -> tuple[Kaart, ...]:
    """The `n` cards with the most votes, earliest first among equals, plus every card that
    ties with the last of them (so the 5th and 6th with equal votes are both in)."""
    gesorteerd = sorted(kaarten, key=lambda k: -k.stemmen)  # stable: oldest first among equals
    if len(gesorteerd) <= n:
        return tuple(gesorteerd)
    grens = gesorteerd[n - 1].stemmen
    return tuple(k for k in gesorteerd if k.stemmen >= grens)


def kompas_top(kaarten: list[Kaart], n: int = TOP) -> list[Top]:
    """Per direction, in the book's order, its top cards by votes (no queries: pass the cards
    of `kompas_kaarten`)."""
    return [
        Top(
            richting=r,
            kaarten=top([k for k in kaarten if k.richting == r], n),
            totaal=sum(k.richting == r for k in kaarten),
            n=n,
        )
        for r in RICHTINGEN
    ]


def kompas_kaarten(traject: Traject) -> list[Kaart]:
    """All compass cards of the trajectory."""
    return _kompas(traject)


def kaart(traject: Traject, kaart_id: int) -> Kaart | None:
    return next((k for k in kompas_kaarten(traject) if k.id == kaart_id), None)


def antwoorden(traject: Traject) -> dict[str, list[Antwoord]]:
    """{chapter slug: answers} of the exercises, in the chapters that feed the decisions, that have answers."""
    oefeningen = list(
        Oefening.objects.filter(hoofdstuk__slug__in=ANTWOORD_HOOFDSTUKKEN)
        .select_related("hoofdstuk")
        .order_by("hoofdstuk__volgorde", "volgorde", "slug")
    )
    result: dict[str, list[Antwoord]] = {}
    for s in selectors.samenvattingen(traject, oefeningen):
        if s.regels:
            antwoord = Antwoord(
                hoofdstuk=s.oefening.hoofdstuk.slug, titel=s.oefening.titel_vertaald, regels=tuple(s.regels)
            )
            result.setdefault(antwoord.hoofdstuk, []).append(antwoord)
    return result


def voeding(antwoorden: dict[str, list[Antwoord]], onderwerp: str) -> list[Antwoord]:
    """The answers that feed the decision on this topic, in the order of its chapters."""
    return [a for h in BRON_HOOFDSTUKKEN[onderwerp] for a in antwoorden.get(h, [])]
