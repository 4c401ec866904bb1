"""What oefeningen gives the hub, registered when trajecten imports this module (autodiscover).

Links, progress (overall and per chapter), personal data, the trajectory export, two plan
sections, a signal rule, demo data (demo.py), and a check that makes `loaddata` refuse an exercise
whose settings do not fit its kind.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count
from django.db.models.signals import pre_save
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from trajecten import registries, zichtbaarheid
from trajecten.registries import (
    PersonalData,
    PlanSection,
    ProgressSource,
    Signal,
    TrajectExport,
    TrajectLink,
)
from trajecten.weergave import weergavenaam

from . import demo, selectors
from .models import Bijdrage, GedeeldeTekst, Oefening, OefeningStatus, Stem

# The chapters of the content contract (oefeningen/README.md), in the book's order. The hub
# needs each progress source's key and label when this module is imported, before any
# database is there, so the chapters are named here; their exercises come from the rows.
HOOFDSTUKKEN = [
    ("vertrekpunt", 2, _("Vertrekpunt")),
    ("context", 3, _("Context")),
    ("draagvlak", 4, _("Draagvlak")),
    ("ervaringskennis", 5, _("Ervaringskennis")),
    ("kruisbestuiving", 6, _("Kruisbestuiving")),
    ("rollen", 7, _("Rollen")),
    ("positie", 8, _("Positie")),
    ("ondersteuning", 9, _("Ondersteuning")),
    ("blik-op-morgen", 10, _("Blik op morgen")),
]


def _source(hoofdstuk: str | None):
    def compute(trajecten):
        return selectors.voortgang(trajecten, hoofdstuk=hoofdstuk)

    return compute


def _batch(trajecten):
    """All exercise sources at once (two queries), keyed as they are registered."""
    return {
        "oefeningen" if slug is None else f"oefeningen-{slug}": per
        for slug, per in selectors.voortgang_per_hoofdstuk(trajecten).items()
    }


# -- personal data ---------------------------------------------------------------------------------


def _export_bijdragen(user) -> list[dict[str, Any]]:
    return [
        {
            "traject": b.traject.titel,
            "oefening": b.oefening.titel_vertaald,
            "onderdeel": b.item,
            "tekst": b.tekst,
            "toelichting": b.toelichting,
            "waarde": b.waarde,
            "datum": b.datum.isoformat() if b.datum else None,
            "aangemaakt_op": b.aangemaakt_op.isoformat(),
        }
        for b in Bijdrage.objects.filter(auteur=user).select_related("traject", "oefening")
    ]


def _export_stemmen(user) -> list[dict[str, Any]]:
    return [
        {"traject": s.traject.titel, "oefening": s.oefening.titel_vertaald, "kaart": s.bijdrage.tekst}
        for s in Stem.objects.filter(kiezer=user).select_related("traject", "oefening", "bijdrage")
    ]


def _export_teksten(user) -> list[dict[str, Any]]:
    return [
        {
            "traject": t.traject.titel,
            "oefening": t.oefening.titel_vertaald,
            "versie": t.versie,
            "laatst_opgeslagen": True,
        }
        for t in GedeeldeTekst.objects.filter(gewijzigd_door=user).select_related("traject", "oefening")
    ]


# -- plan sections -------------------------------------------------------------------------------------


def kompas_context(traject) -> dict[str, Any]:
    """The chapter 10 compass cards per direction, most votes first (two queries)."""
    per: dict[tuple[int, str], list] = defaultdict(list)
    for kaart in sorted(selectors.kompas_kaarten(traject), key=lambda k: -k.stemmen):
        per[(kaart.oefening_id, kaart.richting)].append(kaart)
    kompassen = [
        {
            "oefening": o,
            "richtingen": [
                {"richting": r, "kaarten": per.get((o.pk, r["key"]), [])}
                for r in o.instellingen_vertaald.get("richtingen", [])
            ],
        }
        for o in selectors.kompas_oefeningen()
    ]
    return {"kompassen": kompassen, "heeft_kaarten": bool(per)}


def opening_context(traject) -> dict[str, Any]:
    """The opening exercise's text, through the plan's visibility policy (four queries)."""
    return {"opening": selectors.opening(traject)}


def bijlage_context(traject) -> dict[str, Any]:
    """A summary of each exercise in progress or finished, by chapter (fixed number of queries).

    Leaves out what the plan prints elsewhere, so each result appears once: the compasses
    (their own section) and every exercise another app says it uses
    (`registries.plan_feeds`, e.g. the plan's decisions).
    """
    alle = selectors.begonnen_samenvattingen(traject)
    elders = {s.oefening.slug for s in alle if registries.plan_feeds(s.oefening.slug)}
    samenvattingen = [s for s in alle if s.oefening.slug not in elders]
    return {
        "samenvattingen": samenvattingen,
        "bezig": [s for s in samenvattingen if s.status != OefeningStatus.Status.AFGEROND],
    }


# -- trajectory export ----------------------------------------------------------------------------------


def _export_rijen(traject) -> list[dict[str, Any]]:
    return _bijdrage_rijen(traject) + _tekst_rijen(traject)


def _bijdrage_rijen(traject) -> list[dict[str, Any]]:
    bijdragen = list(
        selectors.onthuld(Bijdrage.objects.filter(traject=traject), traject)
        .select_related("oefening__hoofdstuk", "auteur", "cluster")
        .annotate(aantal_stemmen=Count("stemmen"))
        .order_by("oefening__hoofdstuk__volgorde", "oefening__volgorde", "aangemaakt_op", "pk")
    )
    per_oefening = defaultdict(list)
    for b in bijdragen:
        per_oefening[b.oefening_id].append(b)
    rijen = []
    for groep in per_oefening.values():
        kind = groep[0].oefening.kind
        if kind.antwoord_per_persoon and not zichtbaarheid.aggregaat_zichtbaar(zichtbaarheid.mensen(groep)):
            continue  # one answer per person is an aggregate: not below the minimum
        met_naam = zichtbaarheid.naam_bij_antwoord(kind)
        rijen += [_bijdrage_rij(b, met_naam=met_naam) for b in zichtbaarheid.losse_antwoorden(kind, groep)]
    return rijen


def _bijdrage_rij(b, *, met_naam: bool) -> dict[str, Any]:
    return {
        "hoofdstuk": b.oefening.hoofdstuk.slug,
        "oefening": b.oefening.slug,
        "soort": b.oefening.soort,
        "onderdeel": b.item,
        "tekst": b.tekst,
        "toelichting": b.toelichting,
        "waarde": b.waarde,
        "datum": b.datum.isoformat() if b.datum else None,
        "auteur": weergavenaam(b.auteur) if b.auteur_id and met_naam else None,
        "anoniem": b.is_anoniem,
        "namens_groep": b.namens_groep,
        "groep": b.cluster.naam if b.cluster_id else None,
        "stemmen": b.aantal_stemmen,
        "aangemaakt_op": b.aangemaakt_op.isoformat() if met_naam else None,
    }


def _tekst_rijen(traject) -> list[dict[str, Any]]:
    return [
        {
            "hoofdstuk": t.oefening.hoofdstuk.slug,
            "oefening": t.oefening.slug,
            "soort": t.oefening.soort,
            "onderdeel": f"versie {t.versie}",
            "tekst": t.tekst,
            "toelichting": "",
            "waarde": None,
            "datum": None,
            "auteur": None,
            "anoniem": False,
            "namens_groep": False,
            "groep": None,
            "stemmen": 0,
            "aangemaakt_op": t.gewijzigd_op.isoformat(),
        }
        for t in selectors.onthuld(GedeeldeTekst.objects.filter(traject=traject), traject).select_related(
            "oefening__hoofdstuk"
        )
    ]


# -- signals ------------------------------------------------------------------------------------------------

SAMENSTELLING = "context-samenstelling"  # §3.4.1: which perspectives are in the group (a checklist)
ERVARINGSPERSPECTIEVEN = {"ervaringsdeskundige", "client", "familie"}


def signaal_geen_ervaringsperspectief(traject) -> list[Signal]:
    """§3.4.1: the group said who is in it, and nobody brings experiential knowledge (one query)."""
    from django.utils.translation import gettext

    aangevinkt = set(
        Bijdrage.objects.filter(traject=traject, oefening__slug=SAMENSTELLING).values_list("item", flat=True)
    )
    if not aangevinkt or aangevinkt & ERVARINGSPERSPECTIEVEN:
        return []
    return [
        Signal(
            code="oefeningen-geen-ervaringsperspectief",
            reason=gettext(
                "In de oefening 'Wie zit er in onze groep?' vinkte niemand ervaringsdeskundige, cliënt of "
                "familie aan. Zonder die blik mist de groep ervaringskennis: nodig iemand uit."
            ),
            source="Ervaring werkt §3.4.1",
        )
    ]


# -- content validation on load --------------------------------------------------------------------------


def _valideer_oefening(sender, instance, raw=False, **kwargs):
    """loaddata saves raw (without clean()); refuse an exercise whose settings do not fit its kind."""
    if raw:
        from django.core.exceptions import ValidationError

        try:
            instance.kind.validate_settings(instance.instellingen)
        except ValidationError as error:
            raise ValidationError(f"{instance.slug}: {'; '.join(error.messages)}") from error


registries.register_traject_link(
    TrajectLink(
        key="oefeningen",
        label=_("Oefeningen"),
        url_name="oefeningen:overzicht",
        order=10,
        description=_("Werk samen de hoofdstukken van Ervaring werkt door."),
    )
)
registries.register_progress(
    ProgressSource(
        key="oefeningen", label=_("Oefeningen afgerond"), order=10, compute=_source(None), batch=_batch
    )
)
for index, (slug, nummer, titel) in enumerate(HOOFDSTUKKEN):
    registries.register_progress(
        ProgressSource(
            key=f"oefeningen-{slug}",
            label=format_lazy(_("Hoofdstuk {nummer}: {titel}"), nummer=nummer, titel=titel),
            order=11 + index,  # right after the overall figure, before other apps (20+)
            compute=_source(slug),
            batch=_batch,
        )
    )
registries.register_personal_data(
    PersonalData(
        model=Bijdrage,
        export=_export_bijdragen,
        # An erased person's contributions remain, shown without their name.
        erase=lambda user: Bijdrage.objects.filter(auteur=user).update(auteur=None),
        label="bijdragen aan oefeningen",
    )
)
registries.register_personal_data(
    PersonalData(
        model=Stem,
        export=_export_stemmen,
        erase=lambda user: Stem.objects.filter(kiezer=user).update(kiezer=None),
        label="stemmen op kaarten",
    )
)
registries.register_personal_data(
    PersonalData(
        model=GedeeldeTekst,
        export=_export_teksten,
        erase=lambda user: GedeeldeTekst.objects.filter(gewijzigd_door=user).update(gewijzigd_door=None),
        label="gezamenlijke teksten",
    )
)
registries.register_traject_export(
    TrajectExport(key="oefeningen", label=_("Bijdragen aan oefeningen"), order=10, rows=_export_rijen)
)
registries.register_plan_section(
    PlanSection(
        key="waarom",
        title=_("Waarom we dit doen"),
        order=5,  # opens the plan
        context=opening_context,
        template="oefeningen/plan/opening.html",
    )
)
registries.register_plan_section(
    PlanSection(
        key="kompas",
        title=_("Ons kompas"),
        order=80,
        context=kompas_context,
        template="oefeningen/plan/kompas.html",
    )
)
registries.register_plan_section(
    PlanSection(
        key="bijlage-oefeningen",
        title=_("Bijlage: de andere oefeningen"),
        order=900,
        context=bijlage_context,
        template="oefeningen/plan/bijlage.html",
    )
)
registries.register_signal_rule(signaal_geen_ervaringsperspectief)
registries.register_demo(demo.demo)
pre_save.connect(_valideer_oefening, sender=Oefening, dispatch_uid="oefeningen_valideer_oefening")
