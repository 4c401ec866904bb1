"""All kwartiermaken gives the hub (trajecten.registries), registered when trajecten imports
this module at start-up: the link, progress, signals, personal data, exports, plan sections,
the steps an exercise serves (for the exercise page) and demo data.
"""

from __future__ import annotations

from collections import defaultdict

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from trajecten import zichtbaarheid
from trajecten.registries import (
    ExerciseUse,
    ExerciseUseSource,
    PersonalData,
    PlanSection,
    ProgressSource,
    TrajectExport,
    TrajectLink,
    register_demo,
    register_exercise_use,
    register_personal_data,
    register_plan_section,
    register_progress,
    register_signal_rule,
    register_traject_export,
    register_traject_link,
)
from trajecten.weergave import weergavenaam

from . import demo, rules, selectors
from .models import RANDVOORWAARDEN, Besluit, FaseStart, ScanAntwoord, Stap, StapVoortgang

# The weighing of the three preconditions, as the exports carry it.
BESLUIT_AFWEGING = [veld for key, _label in RANDVOORWAARDEN for veld in (key, f"{key}_toelichting")]

# -- personal data ---------------------------------------------------------------


def _export_stappen(user):
    return [
        {"traject": v.traject.titel, "stap": v.stap.titel, "rol": "eigenaar", "status": v.status}
        for v in StapVoortgang.objects.filter(eigenaar=user).select_related("traject", "stap")
    ]


def _export_antwoorden(user):
    return [
        {
            "traject": a.ronde.traject.titel,
            "ronde": a.ronde.nummer,
            "vraag": a.vraag.vraag_vertaald,
            "antwoord": a.antwoord,
            "toelichting": a.toelichting,
            "bijgewerkt_op": a.bijgewerkt_op.isoformat(),
        }
        for a in ScanAntwoord.objects.filter(user=user).select_related("ronde__traject", "vraag")
    ]


def _besluit_rij(b: Besluit) -> dict:
    return {
        "datum": b.datum.isoformat(),
        "besluit": b.keuze,
        "redenen": b.redenen,
        **{veld: getattr(b, veld) for veld in BESLUIT_AFWEGING},
        "motieven_uitgesloten": ", ".join(b.motieven_uitgesloten or []),
        "vervolg": b.vervolg,
        "opnieuw_op": b.opnieuw_op.isoformat() if b.opnieuw_op else None,
    }


def _export_besluiten(user):
    return [
        {"traject": b.traject.titel, **_besluit_rij(b)}
        for b in Besluit.objects.filter(genomen_door=user).select_related("traject")
    ]


def _export_fase_starts(user):
    return [
        {"traject": s.traject.titel, "fase": s.fase.titel, "gestart_op": s.gestart_op.isoformat()}
        for s in FaseStart.objects.filter(gestart_door=user).select_related("traject", "fase")
    ]


PERSONAL_DATA = [
    PersonalData(
        model=StapVoortgang,
        export=_export_stappen,
        erase=lambda user: StapVoortgang.objects.filter(eigenaar=user).update(eigenaar=None),
        label="kwartiermaken: eigenaar van stappen",
    ),
    PersonalData(
        model=ScanAntwoord,
        export=_export_antwoorden,
        erase=lambda user: ScanAntwoord.objects.filter(user=user).delete(),
        label="kwartiermaken: antwoorden op de verkenningsscan",
    ),
    # The decision stays (the organisation needs it); only who took it goes.
    PersonalData(
        model=Besluit,
        export=_export_besluiten,
        erase=lambda user: Besluit.objects.filter(genomen_door=user).update(genomen_door=None, naam=""),
        label="kwartiermaken: go/no-go-besluiten",
    ),
    PersonalData(
        model=FaseStart,
        export=_export_fase_starts,
        erase=lambda user: FaseStart.objects.filter(gestart_door=user).update(gestart_door=None),
        label="kwartiermaken: gestarte fasen",
    ),
]


# -- trajectory export -------------------------------------------------------------


def _rows_stappen(traject):
    rows = []
    for fase in selectors.tracker_context(traject)["fasen"]:
        for stap in fase.stappen_hier:
            v = stap.v
            rows.append(
                {
                    "fase": fase.slug,
                    "stap": stap.slug,
                    "titel": stap.titel_vertaald,
                    "status": v.status,
                    "reden": v.reden,
                    "eigenaar": weergavenaam(v.eigenaar),
                    "streefdatum": v.streefdatum.isoformat() if v.streefdatum else None,
                    "notities": v.notities,
                }
            )
    return rows


def _rows_scan(traject):
    """Scan answers without names, and only of rounds that reached the small-group minimum."""
    antwoorden = list(
        ScanAntwoord.objects.filter(ronde__traject=traject)
        .select_related("ronde", "vraag")
        .order_by("ronde__nummer", "vraag__volgorde", "antwoord", "toelichting")
    )
    mensen = defaultdict(set)
    for a in antwoorden:
        mensen[a.ronde_id].add(a.user_id)
    return [
        {"ronde": a.ronde.nummer, "vraag": a.vraag.slug, "antwoord": a.antwoord, "toelichting": a.toelichting}
        for a in antwoorden
        if zichtbaarheid.aggregaat_zichtbaar(len(mensen[a.ronde_id]))
    ]


def _rows_besluiten(traject):
    return [{**_besluit_rij(b), "genomen_door": b.naam} for b in Besluit.objects.filter(traject=traject)]


# -- plan sections ------------------------------------------------------------------


def _plan_go_no_go(traject):
    return {"traject": traject, "besluit": selectors.besluit_voor(traject)}


def _plan_fasen(traject):
    context = selectors.tracker_context(traject)
    context["open_per_fase"] = [
        (fase, [stap for stap in fase.stappen_hier if not stap.v.is_afgehandeld]) for fase in context["fasen"]
    ]
    return {"traject": traject, **context}


register_traject_link(
    TrajectLink(
        key="kwartiermaken",
        label=_("Kwartiermaken"),
        url_name="kwartiermaken:traject",
        order=20,
        description=_("De fasen en stappen, de verkenningsscan en het go/no-go-besluit."),
    )
)
register_progress(
    ProgressSource(key="kwartiermaken", label=_("Kwartiermaken"), order=20, compute=selectors.batch_progress)
)
register_signal_rule(rules.signalen)
for entry in PERSONAL_DATA:
    register_personal_data(entry)
register_traject_export(
    TrajectExport(
        key="kwartiermaken_stappen", label=_("Kwartiermaken: stappen"), order=20, rows=_rows_stappen
    )
)
register_traject_export(
    TrajectExport(
        key="kwartiermaken_scan", label=_("Kwartiermaken: verkenningsscan"), order=21, rows=_rows_scan
    )
)
register_traject_export(
    TrajectExport(
        key="kwartiermaken_besluiten",
        label=_("Kwartiermaken: go/no-go-besluiten"),
        order=22,
        rows=_rows_besluiten,
    )
)
register_plan_section(
    PlanSection(
        key="go-no-go",
        title=_("Go/no-go-besluit"),
        order=20,
        context=_plan_go_no_go,
        template="kwartiermaken/plan_go_no_go.html",
    )
)
register_plan_section(
    PlanSection(
        key="fasen",
        title=_("Kwartiermaken: fasen en open stappen"),
        order=21,
        context=_plan_fasen,
        template="kwartiermaken/plan_fasen.html",
    )
)
register_demo(demo.demo_data)


# -- the exercise page: the steps it serves --------------------------------------------------


def _stappen_van(traject, slug: str) -> list[ExerciseUse]:
    """The steps whose `oefeningen` name this exercise, in tracker order (one query)."""
    stappen = Stap.objects.select_related("fase").order_by("fase__nummer", "volgorde")
    return [
        ExerciseUse(
            label=f"{stap.fase.kort}: {stap.titel_vertaald}",
            url=reverse("kwartiermaken:stap", args=[traject.pk, stap.slug]),
        )
        for stap in stappen
        if slug in stap.oefeningen
    ]


register_exercise_use(
    ExerciseUseSource(key="kwartiermaken", heading=_("Hoort bij kwartiermaken"), order=20, uses=_stappen_van)
)
