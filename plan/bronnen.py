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

from .models import BRON_HOOFDSTUKKEN

RICHTINGEN = ("noord", "oost", "zuid", "west")
# The chapters whose answers feed the decisions.
ANTWOORD_HOOFDSTUKKEN = tuple(sorted({h for hs in BRON_HOOFDSTUKKEN.values() for h in hs}))


@dataclass(frozen=True)
class Kaart:
    """One compass card: id (stable, to link an action or risk to it), direction, text."""

    id: int
    richting: str
    tekst: str
    stemmen: int = 0


@dataclass(frozen=True)
class Antwoord:
    """The result of one exercise, summarised for the plan."""

    hoofdstuk: str  # chapter slug
    titel: str
    regels: tuple[str, ...]


def _kompas(traject: Traject) -> list[Kaart]:
    """Every card with text on the chapter 10 compass, with its votes: oefeningen' one compass read."""
    return [
        Kaart(id=k.id, richting=k.richting, tekst=k.tekst, stemmen=k.stemmen)
        for k in selectors.kompas_kaarten(traject)
        if k.tekst
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
