"""What this app gives the hub (trajecten.registries), registered when trajecten imports this module."""

from __future__ import annotations

from datetime import time, timedelta

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trajecten.models import Rol
from trajecten.registries import (
    PersonalData,
    PlanSection,
    Progress,
    ProgressSource,
    TrajectExport,
    TrajectLink,
    register_demo,
    register_personal_data,
    register_plan_section,
    register_progress,
    register_traject_export,
    register_traject_link,
)

from . import oefeningen_bridge, selectors, services
from .models import Bijeenkomst, Blok, Deelname, Inbreng, Stem

# -- personal data ---------------------------------------------------------------


def _export_inbreng(user):
    return [
        {
            "bijeenkomst": i.blok.bijeenkomst.titel,
            "blok": i.blok.titel,
            "tekst": i.inhoud,
            "aangemaakt_op": i.aangemaakt_op.isoformat(),
        }
        for i in Inbreng.objects.filter(auteur=user).select_related("blok__bijeenkomst", "bijdrage")
    ]


def _erase_inbreng(user):
    # The group's cards stay in the report, without the person's name.
    Inbreng.objects.filter(auteur=user).update(auteur=None, naam="")
    Inbreng.objects.filter(ingevoerd_door=user).update(ingevoerd_door=None)


def _export_deelname(user):
    return [
        {"bijeenkomst": d.bijeenkomst.titel, "als_gast": d.is_gast, "sinds": d.sinds.isoformat()}
        for d in Deelname.objects.filter(user=user).select_related("bijeenkomst")
    ]


def _export_bijeenkomst(user):
    return [
        {
            "bijeenkomst": b.titel,
            "begeleider": b.begeleider_id == user.pk,
            "verslaggever": b.verslaggever_id == user.pk,
        }
        for b in Bijeenkomst.objects.filter(Q(begeleider=user) | Q(verslaggever=user))
    ]


def _erase_bijeenkomst(user):
    Bijeenkomst.objects.filter(begeleider=user).update(begeleider=None)
    Bijeenkomst.objects.filter(verslaggever=user).update(verslaggever=None)


def _export_stem(user):
    return [
        {"kaart": s.inbreng.inhoud[:80], "aangemaakt_op": s.aangemaakt_op.isoformat()}
        for s in Stem.objects.filter(user=user, op_papier=False).select_related("inbreng__bijdrage")
    ]


# -- trajectory export, plan section, progress -------------------------------------


def _export_bijeenkomsten(traject):
    return [
        {
            "id": b.pk,
            "titel": b.titel,
            "datum": b.datum.isoformat(),
            "starttijd": b.starttijd.isoformat(timespec="minutes"),
            "plaats": b.plaats,
            "status": b.status,
            "blokken": b.aantal_blokken,
            "antwoorden": b.aantal_inbreng,
            "notities": b.notities,
            "besluiten": b.besluiten,
            "wat_ging_goed": b.wat_ging_goed,
            "wat_houden_we": b.wat_houden_we,
        }
        for b in Bijeenkomst.objects.filter(traject=traject)
        .annotate(aantal_blokken=Count("blokken", distinct=True), aantal_inbreng=Count("blokken__inbreng"))
        .order_by("datum", "starttijd", "pk")
    ]


def _export_inbreng_traject(traject):
    return [
        {
            "bijeenkomst_id": i.blok.bijeenkomst_id,
            "blok": i.blok.titel,
            "oefening": i.blok.oefening_slug,
            "tekst": i.inhoud,
            "naam": i.getoonde_naam,
            "op_papier": i.op_papier,
            "stemmen": i.aantal_stemmen,
            "aangemaakt_op": i.aangemaakt_op.isoformat(),
        }
        for i in selectors.kaarten_van_traject(traject)
    ]


def _plan_context(traject):
    return {
        "verslagen": list(
            Bijeenkomst.objects.filter(traject=traject, status=Bijeenkomst.Status.GESLOTEN).order_by(
                "datum", "pk"
            )
        )
    }


def _progress(trajecten):
    rows = (
        Bijeenkomst.objects.filter(traject__in=trajecten)
        .values("traject_id")
        .annotate(totaal=Count("pk"), klaar=Count("pk", filter=Q(status=Bijeenkomst.Status.GESLOTEN)))
    )
    return {r["traject_id"]: Progress(r["klaar"], r["totaal"]) for r in rows}


# -- demo -------------------------------------------------------------------------


def demo(traject) -> None:
    """A planned session with a few blocks, so a new user can open a presenter view at once."""
    titel = "Kennismaken en sterktes"
    if Bijeenkomst.objects.filter(traject=traject, titel=titel).exists():
        return
    lid = traject.team.lidmaatschappen.filter(rol=Rol.BEGELEIDER).select_related("user").first()
    begeleider = lid.user if lid else None
    b = services.bijeenkomst_plannen(
        traject=traject,
        titel=titel,
        datum=timezone.localdate() + timedelta(days=7),
        starttijd=time(13, 30),
        plaats="Vergaderzaal 1",
        begeleider=begeleider,
        verslaggever=begeleider,
    )
    info = oefeningen_bridge.oefening_info("context-sterktes")
    blokken = [
        {
            "soort": Blok.Soort.WELKOM,
            "titel": "Welkom en de 8 interactieregels",
            "vraag": "Wat hoop jij vandaag mee te nemen?",
            "duur_minuten": 15,
        },
        {
            "soort": Blok.Soort.OEFENING if info else Blok.Soort.VRIJ,
            "oefening_slug": info.slug if info else "",
            "titel": info.titel if info else "Sterktes van mezelf en mijn team",
            "vraag": info.vraag if info else "Waar is ons team sterk in?",
            "duur_minuten": 30,
            "groepsgrootte": "individueel",
        },
        {"soort": Blok.Soort.PAUZE, "titel": "Pauze", "vraag": "", "duur_minuten": 10},
        {
            "soort": Blok.Soort.EVALUATIE,
            "titel": "Waarderende evaluatie",
            "vraag": "Wat ging goed vandaag? Wat houden we vast?",
            "duur_minuten": 15,
        },
    ]
    for velden in blokken:
        services.blok_toevoegen(bijeenkomst=b, **velden)


# -- registrations ------------------------------------------------------------------

register_traject_link(
    TrajectLink(
        key="bijeenkomsten",
        label=_("Bijeenkomsten"),
        url_name="bijeenkomsten:lijst",
        order=40,
        description=_("Plan bijeenkomsten, voer ze uit op het grote scherm en lees de verslagen."),
    )
)
for entry in [
    PersonalData(
        model=Inbreng, export=_export_inbreng, erase=_erase_inbreng, label="antwoorden in bijeenkomsten"
    ),
    PersonalData(
        model=Deelname,
        export=_export_deelname,
        erase=lambda user: Deelname.objects.filter(user=user).delete(),
        label="deelname aan bijeenkomsten",
    ),
    PersonalData(
        model=Bijeenkomst, export=_export_bijeenkomst, erase=_erase_bijeenkomst, label="bijeenkomsten"
    ),
    PersonalData(
        model=Stem,
        export=_export_stem,
        erase=lambda user: Stem.objects.filter(user=user).update(user=None),
        label="stemmen in bijeenkomsten",
    ),
]:
    register_personal_data(entry)
register_traject_export(
    TrajectExport(key="bijeenkomsten", label="Bijeenkomsten", order=40, rows=_export_bijeenkomsten)
)
register_traject_export(
    TrajectExport(
        key="bijeenkomsten_inbreng",
        label="Antwoorden in bijeenkomsten",
        order=41,
        rows=_export_inbreng_traject,
    )
)
register_plan_section(
    PlanSection(
        key="verslagen",
        title=_("Verslagen van de bijeenkomsten"),
        order=60,
        context=_plan_context,
        template="bijeenkomsten/plan_verslagen.html",
    )
)
register_progress(
    ProgressSource(key="bijeenkomsten", label=_("Bijeenkomsten gehouden"), order=40, compute=_progress)
)
register_demo(demo)
