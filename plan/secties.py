"""The plan's own sections, and the assembly of every registered section into one plan.

The page and the PDF both call `bouw_plan`: each section's template is rendered once
into HTML and the two outer templates (plan.html, print.html) only place them, so
the page and the PDF cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from trajecten.models import Lidmaatschap, Perspectief, Traject
from trajecten.registries import PlanSection, Signal, plan_sections, signals_for

from . import bronnen
from .models import BRON_HOOFDSTUKKEN, Actie, Besluit, Herziening, Onderwerp

# What the review list calls "due": overdue, or coming up within this many days.
BINNENKORT = timedelta(days=14)
# How many north and south cards (most votes first) frame the plan's goals; all cards are
# in the compass section.
DOELEN_TOP = 5

# Sections other apps are expected to register (see plan/README.md); named in
# "what is still missing" when absent.
VERWACHT = {
    "go-no-go": _("Het go/no-go-besluit"),
    "kompas": _("Het kompas (hoofdstuk 10)"),
    "ed-plekken": _("De plekken voor ervaringsdeskundigen"),
    "fasen": _("De voortgang van de fasen"),
    "bijlage-oefeningen": _("De bijlage met afgeronde oefeningen"),
}


@dataclass
class Sectie:
    key: str
    title: str
    html: SafeString


@dataclass
class Plan:
    traject: Traject
    secties: list[Sectie]
    ontbreekt: list[str] = field(default_factory=list)
    datum: Any = None


def _perspectieven(traject: Traject) -> dict[str, Any]:
    per = dict(
        Lidmaatschap.objects.filter(team_id=traject.team_id)
        .values_list("perspectief")
        .annotate(n=Count("pk"))
        .values_list("perspectief", "n")
    )
    rijen = [(p.label, per.get(p.value, 0)) for p in Perspectief]
    ervaring = sum(
        per.get(p, 0) for p in (Perspectief.ERVARINGSDESKUNDIGE, Perspectief.CLIENT, Perspectief.FAMILIE)
    )
    return {"rijen": rijen, "totaal": sum(per.values()), "zonder_ervaring": ervaring == 0}


def _kaarten_per_richting(traject: Traject) -> dict[str, list[bronnen.Kaart]] | None:
    kaarten = bronnen.kompas_kaarten(traject)
    if kaarten is None:
        return None
    per: dict[str, list[bronnen.Kaart]] = {r: [] for r in bronnen.RICHTINGEN}
    for kaart in kaarten:
        per.setdefault(kaart.richting, []).append(kaart)
    return per


def _acties(traject: Traject) -> list[Actie]:
    cache = bronnen._cache(traject)
    if "acties" not in cache:
        cache["acties"] = list(traject.plan_acties.select_related("eigenaar"))
    return cache["acties"]


def _besluiten_rijen(traject: Traject) -> list[Besluit]:
    """The saved decisions (with owners), read once per render."""
    cache = bronnen._cache(traject)
    if "besluiten" not in cache:
        cache["besluiten"] = list(traject.plan_besluiten.select_related("eigenaar"))
    return cache["besluiten"]


def _top(kaarten: list[bronnen.Kaart]) -> list[bronnen.Kaart]:
    """The cards with the most votes, earliest first among equals (sorted() is stable)."""
    return sorted(kaarten, key=lambda k: -k.stemmen)[:DOELEN_TOP]


def _doelen(traject: Traject) -> dict[str, Any]:
    per = _kaarten_per_richting(traject) or {}
    actie_kaarten = {a.kaart_id for a in _acties(traject) if a.kaart_id}
    return {
        "beschikbaar": bool(per),
        "noord": _top(per.get("noord", [])),
        "zuid": _top(per.get("zuid", [])),
        "aantal": {r: len(per.get(r, [])) for r in bronnen.RICHTINGEN},
        "top": DOELEN_TOP,
        # Every card of north, east and south, only for the begeleider's buttons on the page.
        "omzetten": [(r, per.get(r, [])) for r in ("noord", "oost", "zuid") if per.get(r)],
        "actie_kaarten": actie_kaarten,
    }


def _besluiten(traject: Traject) -> dict[str, Any]:
    antwoorden = bronnen.antwoorden(traject)
    bestaand = {b.onderwerp: b for b in _besluiten_rijen(traject)}
    rijen = []
    for onderwerp in Onderwerp:
        besluit = bestaand.get(onderwerp.value) or Besluit(traject=traject, onderwerp=onderwerp.value)
        hoofdstukken = BRON_HOOFDSTUKKEN[besluit.onderwerp]
        voeding = None
        if antwoorden is not None:
            voeding = [a for h in hoofdstukken for a in antwoorden.get(h, [])]
        rijen.append({"besluit": besluit, "hoofdstukken": hoofdstukken, "voeding": voeding})
    return {"rijen": rijen, "leeg": all(r["besluit"].is_leeg for r in rijen)}


def _acties_context(traject: Traject) -> dict[str, Any]:
    return {"acties": _acties(traject), "vandaag": timezone.localdate()}


def _risicos(traject: Traject) -> dict[str, Any]:
    per = _kaarten_per_richting(traject)
    risicos = list(traject.plan_risicos.all())
    per_kaart = {r.kaart_id: r for r in risicos if r.kaart_id}
    rijen = [{"kaart": k, "risico": per_kaart.get(k.id)} for k in (per or {}).get("west", [])]
    kaart_ids = {k.id for k in (per or {}).get("west", [])}
    # Risks whose card was removed from the compass keep their response in the plan.
    rijen += [{"kaart": None, "risico": r} for r in risicos if r.kaart_id not in kaart_ids]
    actie_kaarten = {a.kaart_id for a in _acties(traject) if a.kaart_id}
    return {"beschikbaar": per is not None, "rijen": rijen, "actie_kaarten": actie_kaarten}


def te_herzien(traject: Traject, vandaag=None) -> list[Besluit | Actie]:
    """Decisions and actions whose review date has passed or comes within two weeks."""
    vandaag = vandaag or timezone.localdate()
    grens = vandaag + BINNENKORT
    besluiten = [b for b in _besluiten_rijen(traject) if b.herzien_op and b.herzien_op <= grens]
    acties = [
        a
        for a in _acties(traject)
        if a.herzien_op
        and a.herzien_op <= grens
        and a.status not in (Actie.Status.GESTOPT, Actie.Status.KLAAR)
    ]
    return sorted([*besluiten, *acties], key=lambda o: o.herzien_op)


def _herzieningen(traject: Traject) -> dict[str, Any]:
    vandaag = timezone.localdate()
    return {
        "te_herzien": te_herzien(traject, vandaag),
        "vandaag": vandaag,
        "gedaan": list(
            Herziening.objects.filter(traject=traject).select_related("besluit", "actie", "door")[:50]
        ),
    }


def _signalen(traject: Traject) -> dict[str, Any]:
    return {"signalen": signals_for(traject)}


def _groep(traject: Traject) -> dict[str, Any]:
    return {"perspectieven": _perspectieven(traject), "begeleiders": list(traject.begeleiders.all())}


EIGEN_SECTIES = [
    PlanSection("groep", _("De groep en hun perspectieven"), 10, _groep, "plan/secties/groep.html"),
    PlanSection("doelen", _("Richting en energie"), 35, _doelen, "plan/secties/doelen.html"),
    PlanSection("besluiten", _("Besluiten"), 40, _besluiten, "plan/secties/besluiten.html"),
    PlanSection("acties", _("Acties"), 50, _acties_context, "plan/secties/acties.html"),
    PlanSection("risicos", _("Risico's en onze reactie"), 55, _risicos, "plan/secties/risicos.html"),
    PlanSection("herzieningen", _("Herzien en borgen"), 80, _herzieningen, "plan/secties/herzieningen.html"),
    PlanSection("signalen", _("Signalen"), 90, _signalen, "plan/secties/signalen.html"),
]


def bouw_plan(traject: Traject, *, request=None, interactief: bool = False) -> Plan:
    traject._plan_bronnen = {}  # one read of each source for all sections of this render
    try:
        secties = []
        for section in plan_sections():
            context = dict(section.context(traject))
            context.update({"traject": traject, "sectie_key": section.key, "interactief": interactief})
            html = render_to_string(section.template, context, request=request if interactief else None)
            secties.append(Sectie(section.key, str(section.title), mark_safe(html)))  # noqa: S308 our template
        ontbreekt = _ontbreekt(traject, secties)
    finally:
        del traject._plan_bronnen
    return Plan(traject=traject, secties=secties, ontbreekt=ontbreekt, datum=timezone.localdate())


def _ontbreekt(traject: Traject, secties: list[Sectie]) -> list[str]:
    """Plain sentences naming what the plan still lacks; empty when it is complete."""
    keys = {s.key for s in secties}
    missing = [str(label) for key, label in VERWACHT.items() if key not in keys]
    besluiten = {b.onderwerp: b for b in _besluiten_rijen(traject)}
    leeg = [o.label for o in Onderwerp if o.value not in besluiten or besluiten[o.value].is_leeg]
    if leeg:
        missing.append(
            str(_("Nog geen besluit over: %(lijst)s.") % {"lijst": "; ".join(str(x) for x in leeg)})
        )
    if not _acties(traject):
        missing.append(str(_("Er staan nog geen acties in het plan.")))
    return missing


def herzien_signaal(traject: Traject) -> list[Signal]:
    """Signal rule: decisions and actions due for review show on the trajectory page."""
    items = te_herzien(traject)
    if not items:
        return []
    namen = "; ".join(str(o)[:60] for o in items[:3])
    meer = len(items) - 3
    reden = ngettext(
        "%(n)s afspraak uit het plan van aanpak moet herzien worden: %(namen)s",
        "%(n)s afspraken uit het plan van aanpak moeten herzien worden: %(namen)s",
        len(items),
    ) % {"n": len(items), "namen": namen}
    if meer > 0:
        reden = f"{reden} (+{meer})"
    return [
        Signal("plan-herzien", str(reden), str(_("Handreiking Kwartiermaken, fase 3: volhouden en borgen")))
    ]
