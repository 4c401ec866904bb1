"""The plan's own sections, and the assembly of every registered section into one plan.

The page and the PDF both call `bouw_plan`: each section's template is rendered once
into HTML and the two outer templates (plan.html, print.html) only place them, so
the page and the PDF cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cached_property
from typing import Any

from django.db.models import Count, Max
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from trajecten.models import Lidmaatschap, Perspectief, Traject
from trajecten.registries import PlanSection, Signal, plan_sections, signal_rules

from . import bronnen, voeding
from .models import Actie, Besluit, Herziening, Onderwerp

# What the review list calls "due": overdue, or coming up within this many days.
BINNENKORT = timedelta(days=14)

# Sections other apps are expected to register (see plan/README.md); named in
# "what is still missing" when absent.
VERWACHT = {
    "go-no-go": _("Het go/no-go-besluit"),
    "kompas": _("Het kompas (hoofdstuk 10)"),
    "ed-plekken": _("De plekken voor ervaringsdeskundigen"),
    "fasen": _("De voortgang van de fasen"),
    "bijlage-oefeningen": _("De bijlage met de andere oefeningen"),
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
    versie: int = 1  # the number the next stored PDF gets

    @property
    def status(self) -> str:
        if self.ontbreekt:
            return str(_("Concept: nog niet alles is besloten"))
        return str(_("Compleet: klaar om vast te stellen"))


@dataclass
class PlanRender:
    """One render of the plan (page or PDF): the reads its own sections share, each done once.

    Built by `bouw_plan` and passed to each of the plan's own sections; nothing outlives the
    render, so a later read never sees stale data.
    """

    traject: Traject
    # What the plan still lacks (plain sentences), known before any section renders.
    ontbreekt: list[str] = field(default_factory=list)

    @cached_property
    def kaarten(self) -> list[bronnen.Kaart]:
        return bronnen.kompas_kaarten(self.traject)

    @cached_property
    def kaarten_per_richting(self) -> dict[str, list[bronnen.Kaart]]:
        per: dict[str, list[bronnen.Kaart]] = {r: [] for r in bronnen.RICHTINGEN}
        for kaart in self.kaarten:
            per.setdefault(kaart.richting, []).append(kaart)
        return per

    @cached_property
    def antwoorden(self) -> dict[str, list[bronnen.Antwoord]]:
        return bronnen.antwoorden(self.traject)

    @cached_property
    def acties(self) -> list[Actie]:
        return list(self.traject.plan_acties.select_related("eigenaar"))

    @cached_property
    def besluiten(self) -> list[Besluit]:
        """The saved decisions (with owners)."""
        return list(self.traject.plan_besluiten.select_related("eigenaar"))

    @cached_property
    def risicos(self) -> list:
        return list(self.traject.plan_risicos.all())

    @property
    def actie_kaarten(self) -> set[int]:
        return {a.kaart_id for a in self.acties if a.kaart_id}


@dataclass(frozen=True)
class EigenSectie(PlanSection):
    """A section of the plan itself: its context is built from the render, not the bare traject."""

    context: Callable[[PlanRender], dict[str, Any]]


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


def _besluiten(render: PlanRender) -> dict[str, Any]:
    """Each decision with the results of the exercises that feed it (plan/voeding.py).

    A decision with neither a text nor a result is not printed as an empty block: the
    section names all of those in one line.
    """
    bestaand = {b.onderwerp: b for b in render.besluiten}
    rijen = []
    for onderwerp in Onderwerp:
        besluit = bestaand.get(onderwerp.value) or Besluit(traject=render.traject, onderwerp=onderwerp.value)
        rijen.append(
            {
                "besluit": besluit,
                "nummer": voeding.NUMMER[onderwerp.value],
                "vragen": voeding.VRAGEN[onderwerp.value],
                "voeding": bronnen.voeding(render.antwoorden, onderwerp.value),
            }
        )
    for rij in rijen:
        rij["open"] = rij["besluit"].is_leeg and not rij["voeding"]
    return {"rijen": [r for r in rijen if not r["open"]], "open": [r for r in rijen if r["open"]]}


def _acties_context(render: PlanRender) -> dict[str, Any]:
    per = render.kaarten_per_richting
    return {
        "acties": render.acties,
        "vandaag": timezone.localdate(),
        # The cards of north, east and south, only for the begeleider's buttons on the page.
        "omzetten": [(r, per[r]) for r in ("noord", "oost", "zuid") if per[r]],
        "actie_kaarten": render.actie_kaarten,
    }


def _risicos(render: PlanRender) -> dict[str, Any]:
    west = sorted(render.kaarten_per_richting["west"], key=lambda k: -k.stemmen)  # most votes first
    risicos = render.risicos
    per_kaart = {r.kaart_id: r for r in risicos if r.kaart_id}
    rijen = [{"kaart": k, "risico": per_kaart.get(k.id)} for k in west]
    kaart_ids = {k.id for k in west}
    # Risks whose card was removed from the compass keep their response in the plan.
    rijen += [{"kaart": None, "risico": r} for r in risicos if r.kaart_id not in kaart_ids]
    return {"rijen": rijen, "actie_kaarten": render.actie_kaarten}


def te_herzien(render: PlanRender, vandaag=None) -> list[Besluit | Actie]:
    """Decisions and actions whose review date has passed or comes within two weeks."""
    vandaag = vandaag or timezone.localdate()
    grens = vandaag + BINNENKORT
    besluiten = [b for b in render.besluiten if b.herzien_op and b.herzien_op <= grens]
    acties = [
        a
        for a in render.acties
        if a.herzien_op
        and a.herzien_op <= grens
        and a.status not in (Actie.Status.GESTOPT, Actie.Status.KLAAR)
    ]
    return sorted([*besluiten, *acties], key=lambda o: o.herzien_op)


def _herzieningen(render: PlanRender) -> dict[str, Any]:
    vandaag = timezone.localdate()
    return {
        "te_herzien": te_herzien(render, vandaag),
        "vandaag": vandaag,
        "gedaan": list(
            Herziening.objects.filter(traject=render.traject).select_related("besluit", "actie", "door")[:50]
        ),
    }


def _signalen(render: PlanRender) -> dict[str, Any]:
    # Every registered rule; the plan's own rule reuses this render's decisions and actions.
    return {
        "signalen": [
            signal
            for rule in signal_rules()
            for signal in (_herzien_signalen(render) if rule is herzien_signaal else rule(render.traject))
        ]
    }


def _groep(render: PlanRender) -> dict[str, Any]:
    traject = render.traject
    return {"perspectieven": _perspectieven(traject), "begeleiders": list(traject.begeleiders.all())}


EIGEN_SECTIES = [
    EigenSectie("groep", _("De groep en hun perspectieven"), 10, _groep, "plan/secties/groep.html"),
    EigenSectie("besluiten", _("Besluiten"), 40, _besluiten, "plan/secties/besluiten.html"),
    EigenSectie("acties", _("Acties"), 50, _acties_context, "plan/secties/acties.html"),
    EigenSectie("risicos", _("Risico's en onze reactie"), 55, _risicos, "plan/secties/risicos.html"),
    EigenSectie("herzieningen", _("Herzien en borgen"), 80, _herzieningen, "plan/secties/herzieningen.html"),
    EigenSectie("signalen", _("Signalen"), 90, _signalen, "plan/secties/signalen.html"),
]


def bouw_plan(traject: Traject, *, request=None, interactief: bool = False) -> Plan:
    sections = plan_sections()
    render = PlanRender(traject)
    render.ontbreekt = _ontbreekt(render, {s.key for s in sections})
    secties = []
    for section in sections:
        # The plan's own sections share the render's reads; other apps' sections get the traject.
        bron = render if isinstance(section, EigenSectie) else traject
        context = dict(section.context(bron))
        context.update({"traject": traject, "sectie_key": section.key, "interactief": interactief})
        html = render_to_string(section.template, context, request=request if interactief else None)
        secties.append(Sectie(section.key, str(section.title), mark_safe(html)))  # noqa: S308 our template
    versie = (traject.plan_versies.aggregate(m=Max("nummer"))["m"] or 0) + 1
    return Plan(
        traject=traject,
        secties=secties,
        ontbreekt=render.ontbreekt,
        datum=timezone.localdate(),
        versie=versie,
    )


def _ontbreekt(render: PlanRender, keys: set[str]) -> list[str]:
    """Plain sentences naming what the plan still lacks; empty when it is complete."""
    missing = [str(label) for key, label in VERWACHT.items() if key not in keys]
    besluiten = {b.onderwerp: b for b in render.besluiten}
    leeg = [o for o in Onderwerp if o.value not in besluiten or besluiten[o.value].is_leeg]
    if leeg:
        lijst = "; ".join(f"{voeding.NUMMER[o.value]}. {o.label}" for o in leeg)
        missing.append(str(_("Nog geen besluit over: %(lijst)s.") % {"lijst": lijst}))
    if Onderwerp.BORGING in leeg:
        missing.append(str(voeding.VRAGEN[Onderwerp.BORGING][1]))
    if not render.acties:
        missing.append(str(_("Er staan nog geen acties in het plan.")))
    return missing


def _herzien_signalen(render: PlanRender) -> list[Signal]:
    items = te_herzien(render)
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


def herzien_signaal(traject: Traject) -> list[Signal]:
    """Signal rule: decisions and actions due for review show on the trajectory page."""
    return _herzien_signalen(PlanRender(traject))
