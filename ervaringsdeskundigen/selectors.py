"""Reads of this app that several channels share: the place's data shape, progress, the plan
section and the trajectory export. None of these reads the sensitive profile."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy

from trajecten.registries import Progress
from trajecten.weergave import weergavenaam

from .models import Plek

# A place counts as filled when someone holds it, or held it before erasing their account.
INGEVULD = Q(ervaringsdeskundige__isnull=False) | Q(ingevuld_zonder_account=True)


def plek_gegevens(plek: Plek) -> dict[str, Any]:
    """An ED place as data, one shape for the trajectory export and "Mijn gegevens".

    Lists stay lists here; a flat export joins them itself.
    """
    return {
        "titel": plek.titel,
        "rollen_boek": list(plek.rollen_boek),
        "rollen_handreiking": list(plek.rollen_handreiking),
        "werkvelden": list(plek.werkvelden),
        "statuut": plek.statuut,
        "uren_per_week": float(plek.uren_per_week),
        "startdatum": plek.startdatum.isoformat() if plek.startdatum else None,
        "positie": plek.positie,
        "positie_team": plek.positie_team,
        "leidinggevende": plek.leidinggevende_naam,
        "maatje": plek.maatje,
        "intervisie": plek.intervisie,
        "supervisie": plek.supervisie,
        "beroepsvereniging": plek.beroepsvereniging,
        "scholing": plek.scholing,
        "pad_naar_betaald": plek.pad_naar_betaald,
    }


def voortgang(trajecten) -> dict[int, Progress]:
    """Places filled out of places planned, for many trajectories in one query."""
    rows = (
        Plek.objects.filter(traject__in=[t.pk for t in trajecten])
        .values("traject_id")
        .annotate(totaal=Count("pk"), ingevuld=Count("pk", filter=INGEVULD))
    )
    return {r["traject_id"]: Progress(r["ingevuld"], r["totaal"]) for r in rows}


def plekken_voor_overzicht(traject) -> QuerySet[Plek]:
    return (
        Plek.objects.filter(traject=traject)
        .select_related("ervaringsdeskundige", "tandem_partner")
        .prefetch_related("werving")
        .order_by("aangemaakt_op", "pk")
    )


def plan_context(traject) -> dict:
    return {"ed_plekken": list(plekken_voor_overzicht(traject))}


def naam_van(plek) -> str:
    if plek.ervaringsdeskundige_id:
        u = plek.ervaringsdeskundige
        return weergavenaam(u)
    if plek.ingevuld_zonder_account:
        return str(gettext_lazy("ingevuld (naam niet meer beschikbaar)"))
    return str(gettext_lazy("open (vacature)"))


def export_rows(traject) -> list[dict]:
    rows = []
    for plek in plekken_voor_overzicht(traject):
        tandem = plek.tandem_partner
        gegevens = plek_gegevens(plek)
        for lijst in ("rollen_boek", "rollen_handreiking", "werkvelden"):
            gegevens[lijst] = "; ".join(gegevens[lijst])
        rows.append(
            {
                **gegevens,
                "ervaringsdeskundige": naam_van(plek),
                "ingevuld": plek.is_ingevuld,
                "tandem_partner": (weergavenaam(tandem) or None),
                "werving": "; ".join(
                    f"{s.stap}={s.status}" for s in sorted(plek.werving.all(), key=lambda s: s.volgorde)
                ),
            }
        )
    return rows
