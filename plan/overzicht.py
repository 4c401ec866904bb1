"""The plan's board view: the one-page summary and the timeline of actions and reviews.

Both are sections of the plan itself (EigenSectie), built from the render's shared reads,
so the page and the PDF show the same. Two reads come from other work in progress and sit
behind one small function each, so they are easy to switch (see plan/README.md):
`opening` (the shared challenge, mandate and normative frame of chapter 2) and `go_no_go`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kwartiermaken import selectors as kwartiermaken
from oefeningen import selectors as oefeningen_selectors
from trajecten.models import Traject

from . import bronnen
from .models import Actie, Onderwerp
from .secties import EigenSectie, PlanRender
from .voeding import NUMMER

# How many goals, risks and next actions the summary names; the sections hold them all.
SAMENVATTING_TOP = 3
VOLGENDE_ACTIES = 5
# The timeline shows this many months from the first; the table lists every date.
MAANDEN = 12


@dataclass(frozen=True)
class Opening:
    """The group's shared challenge, the mandate they were given and their normative frame."""

    uitdaging: str
    mandaat: str
    kader: str = ""


def opening(traject: Traject) -> Opening | None:
    """The opening exercise of chapter 2 (`vertrekpunt-waarom`), through the visibility policy:
    the challenge, the mandate and the normative frame under the template's headings; the
    whole text as the challenge once the team wrote it their own way; None while empty."""
    samenvatting = oefeningen_selectors.opening(traject)
    if samenvatting is None or not samenvatting.regels:
        return None
    tekst = samenvatting.regels[0]
    delen = samenvatting.oefening.kind.delen(samenvatting.oefening, tekst)
    if len(delen) < 4:
        return Opening(uitdaging=tekst, mandaat="")
    return Opening(uitdaging=delen[0], mandaat=delen[1], kader=delen[3])


def go_no_go(traject: Traject):
    """The go/no-go decision that counts, and what it means (or None): the one read of
    kwartiermaken here (`besluit_voor`)."""
    return kwartiermaken.besluit_voor(traject)


def _volgende_acties(acties: list[Actie]) -> list[Actie]:
    lopend = [a for a in acties if a.status in (Actie.Status.OPEN, Actie.Status.BEZIG)]
    return sorted(lopend, key=lambda a: (a.wanneer is None, a.wanneer or date.max))[:VOLGENDE_ACTIES]


def _risicos(render: PlanRender) -> list[dict[str, Any]]:
    """The west cards with the most votes, then risks written without a card, with responses."""
    west = render.kaarten_per_richting["west"]
    reacties = {r.kaart_id: r.reactie for r in render.risicos if r.kaart_id}
    top = bronnen.top(west, SAMENVATTING_TOP)  # more than the top when cards tie
    rijen = [{"tekst": k.tekst, "reactie": reacties.get(k.id, "")} for k in top]
    kaart_ids = {k.id for k in west}
    rijen += [
        {"tekst": r.omschrijving, "reactie": r.reactie} for r in render.risicos if r.kaart_id not in kaart_ids
    ]
    return rijen[: max(SAMENVATTING_TOP, len(top))]


def _samenvatting(render: PlanRender) -> dict[str, Any]:
    traject = render.traject
    return {
        "opening": opening(traject),
        "go_no_go": go_no_go(traject),
        "doelen": bronnen.top(render.kaarten_per_richting["noord"], SAMENVATTING_TOP),
        "risicos": _risicos(render),
        "acties": _volgende_acties(render.acties),
        "open": render.ontbreekt,
    }


# -- the timeline -------------------------------------------------------------------


@dataclass(frozen=True)
class Moment:
    datum: date
    soort: str  # "actie" (due) or "herzien" (review)
    wat: str
    wie: Any = None


def momenten(render: PlanRender) -> list[Moment]:
    """Every dated action and review of the plan, earliest first."""
    result = [Moment(a.wanneer, "actie", a.wat, a.eigenaar) for a in render.acties if a.wanneer]
    result += [Moment(a.herzien_op, "herzien", a.wat, a.eigenaar) for a in render.acties if a.herzien_op]
    # Decisions reviewed on the same day make one line: "besluiten 1, 2 en 5".
    per_dag: dict[date, list] = {}
    for b in sorted(render.besluiten, key=lambda b: NUMMER[b.onderwerp]):
        if b.herzien_op and not b.is_leeg:
            per_dag.setdefault(b.herzien_op, []).append(b)
    for dag, besluiten in per_dag.items():
        nummers = ", ".join(str(NUMMER[b.onderwerp]) for b in besluiten)
        eigenaren = {b.eigenaar for b in besluiten}
        wat = (
            f"{NUMMER[besluiten[0].onderwerp]}. {Onderwerp(besluiten[0].onderwerp).label}"
            if len(besluiten) == 1
            else gettext("Besluiten %(nummers)s") % {"nummers": nummers}
        )
        result.append(Moment(dag, "herzien", wat, eigenaren.pop() if len(eigenaren) == 1 else None))
    return sorted(result, key=lambda m: (m.datum, m.soort))


def _maand(d: date) -> date:
    return d.replace(day=1)


def _volgende_maand(d: date) -> date:
    return d.replace(year=d.year + 1, month=1) if d.month == 12 else d.replace(month=d.month + 1)


# The drawing's geometry (SVG user units; the PDF scales it to the text width).
BREEDTE, LABEL, RIJ, KOP = 680, 130, 44, 28


def _tijdlijn(render: PlanRender) -> dict[str, Any]:
    lijst = momenten(render)
    if not lijst:
        return {"momenten": []}
    eerste = min(_maand(lijst[0].datum), _maand(timezone.localdate()))
    maanden = [eerste]
    while len(maanden) < MAANDEN and maanden[-1] < _maand(lijst[-1].datum):
        maanden.append(_volgende_maand(maanden[-1]))
    kolom = (BREEDTE - LABEL) / len(maanden)
    tellingen = {(m.soort, _maand(m.datum)): 0 for m in lijst}
    for m in lijst:
        tellingen[m.soort, _maand(m.datum)] += 1
    rijen = []
    for i, (soort, label) in enumerate((("actie", _("Acties klaar")), ("herzien", _("Herzieningen")))):
        y = KOP + i * RIJ + RIJ // 2
        punten = [
            {"x": round(x, 1), "x0": round(x - 13, 1), "n": tellingen[soort, maand]}
            for j, maand in enumerate(maanden)
            if (soort, maand) in tellingen
            for x in [LABEL + j * kolom + kolom / 2]
        ]
        rijen.append({"soort": soort, "label": label, "y": y, "y0": y - 13, "yt": y + 5, "punten": punten})
    per_maand: dict[date, dict[str, list[Moment]]] = {}
    for m in lijst:
        per_maand.setdefault(_maand(m.datum), {"actie": [], "herzien": []})[m.soort].append(m)
    return {
        "momenten": lijst,
        # The table: one row per month with something in it (also after the drawing's months).
        "tabel": [{"maand": d, "acties": v["actie"], "herzien": v["herzien"]} for d, v in per_maand.items()],
        "maanden": [
            {"datum": m, "x": round(LABEL + j * kolom + kolom / 2, 1)} for j, m in enumerate(maanden)
        ],
        "rijen": rijen,
        "breedte": BREEDTE,
        "hoogte": KOP + 2 * RIJ + 4,
        "label": LABEL,
        "later": sum(1 for m in lijst if _maand(m.datum) > maanden[-1]),
    }


SECTIES = [
    EigenSectie("samenvatting", _("Samenvatting"), 5, _samenvatting, "plan/secties/samenvatting.html"),
    # Right after the summary: the plan on one page, its timeline on the next (the PDF breaks after each).
    EigenSectie("tijdlijn", _("Tijdlijn"), 5, _tijdlijn, "plan/secties/tijdlijn.html"),
]
