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

from .voeding import ALLE_SLUGS, ONDERWERP_VAN, VOEDING

RICHTINGEN = ("noord", "oost", "zuid", "west")


@dataclass(frozen=True)
class Kaart:
    """One compass card: id (stable, to link an action or risk to it), direction, text."""

    id: int
    richting: str
    tekst: str
    stemmen: int = 0


@dataclass(frozen=True)
class Antwoord:
    """The result of one exercise that feeds a decision, summarised for the plan."""

    slug: str
    titel: str
    regels: tuple[str, ...]
    afgerond: bool  # False: the group is still working on it (the plan marks it)
    hoofdstuk: str = ""  # chapter slug


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
