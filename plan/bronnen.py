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

from .models import Risico
from .voeding import ALLE_SLUGS, ONDERWERP_VAN, VOEDING

# The book's order (§10.1-10.4): noord (doelen), oost (kansen), west (risico's with "onze
# reactie"), zuid (energie onderweg).
RICHTINGEN = selectors.KOMPAS_RICHTINGEN
TOP = 5  # cards per direction the plan puts first (more when cards tie at the edge)


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
class Antwoord:
    """The result of one exercise that feeds a decision, summarised for the plan."""

    slug: str
    titel: str
    regels: tuple[str, ...]
    afgerond: bool  # False: the group is still working on it (the plan marks it)
    hoofdstuk: str = ""  # chapter slug


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
    if not grens:  # nobody voted at the edge: the first n written, not every card
        return tuple(gesorteerd[:n])
    return tuple(k for k in gesorteerd if k.stemmen >= grens)


def kompas_kaarten(traject: Traject) -> list[Kaart]:
    """All compass cards of the trajectory."""
    return _kompas(traject)


def kaart(traject: Traject, kaart_id: int) -> Kaart | None:
    return next((k for k in kompas_kaarten(traject) if k.id == kaart_id), None)


def antwoorden(traject: Traject) -> dict[str, list[Antwoord]]:
    """{decision: results} of the exercises that feed the decisions (plan/voeding.py).

    Only exercises with a visible result; each in the one decision it feeds, in the
    mapping's order. Visibility is oefeningen' (samenvattingen): hidden exercises, held-back
    contributions and the small-group minimum. Three queries.
    """
    oefeningen = list(Oefening.objects.filter(slug__in=ALLE_SLUGS).select_related("hoofdstuk"))
    result: dict[str, list[Antwoord]] = {}
    per_slug = {}
    for s in selectors.samenvattingen(traject, oefeningen):
        if s.regels:
            per_slug[s.oefening.slug] = Antwoord(
                slug=s.oefening.slug,
                titel=s.oefening.titel_vertaald,
                regels=tuple(s.regels),
                afgerond=s.status == "afgerond",
                hoofdstuk=s.oefening.hoofdstuk.slug,
            )
    for slug, antwoord in per_slug.items():
        result.setdefault(ONDERWERP_VAN[slug], []).append(antwoord)
    for onderwerp, lijst in result.items():
        volgorde = VOEDING[onderwerp]
        lijst.sort(key=lambda a: volgorde.index(a.slug))
    return result


def voeding(antwoorden: dict[str, list[Antwoord]], onderwerp: str) -> list[Antwoord]:
    """The results that feed the decision on this topic, in the mapping's order."""
    return antwoorden.get(onderwerp, [])
