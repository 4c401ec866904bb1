"""The organisation overview of kwartiermaken (page and CSV): one row per trajectory, built
from batched reads, a fixed number of queries whatever the number of teams."""

from __future__ import annotations

from collections import defaultdict

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from trajecten.models import Traject
from trajecten.registries import Progress

from .besluiten import ACTIEF, BesluitStand, besluiten_voor, fase_2_woord
from .selectors import (
    fase_2_starts,
    fase_standen,
    fasen_met_aantal,
    huidige_fase,
    met_scanantwoorden,
    te_laat_per_traject,
    totaal,
)


def _overzicht_rij(team, team_url, t, standen, besluiten, starts, te_laat, met_scan) -> dict:
    s = standen[t.pk] if t else []
    totaal_ = totaal(s) if t else Progress(0, 0)
    huidige = huidige_fase(s) if t else None
    besluit = besluiten.get(t.pk) if t else None
    start = starts.get(t.pk) if t else None
    return {
        # objects, for the CSV and for sorting
        "team": team,
        "traject": t,
        "standen": s,
        "totaal": totaal_,
        "huidige_fase": huidige,
        "besluit": besluit,
        "fase_2_start": start,
        "laatst_actief": t.laatst_actief if t else None,
        # flat values for the page: 200 rows render much faster from plain dicts
        "team_naam": team.naam,
        "team_url": team_url,
        "traject_titel": t.titel if t else "",
        "traject_url": reverse("kwartiermaken:traject", args=[t.pk]) if t else "",
        "fase_kort": huidige.kort if huidige else "",
        "cellen": [{"label": x.label, "percent": x.percent, "done": x.done, "total": x.total} for x in s],
        "percent": totaal_.percent,
        "besluit_label": besluit.betekenis if besluit else "",
        "fase_2_woord": fase_2_woord(besluit) if start else "",
        "nog_actief": bool(besluit and besluit.is_gestopt and t.status in ACTIEF),
        "te_laat": te_laat.get(t.pk, 0) if t else 0,
        "scan_zonder_besluit": bool(t and t.pk in met_scan and besluit is None),
    }


def overzicht_rijen(organisatie, sortering: str):
    """One row per trajectory of the organisation (teams without one get an empty row).

    Nine queries, whatever the number of teams.
    """
    # Only the columns the overview shows: with 200 teams, building fewer fields counts.
    teams = list(organisatie.teams.only("id", "naam", "organisatie_id").order_by("naam"))
    trajecten = list(
        Traject.objects.filter(team__organisatie=organisatie)
        .only("id", "team_id", "titel", "status", "startdatum", "laatst_actief")
        .order_by("team_id", "-startdatum")
    )
    fasen = fasen_met_aantal()
    bronnen = (
        fase_standen(trajecten, fasen, organisatie=organisatie),
        besluiten_voor(trajecten, organisatie=organisatie),
        fase_2_starts(trajecten, organisatie=organisatie),
        te_laat_per_traject(organisatie),
        met_scanantwoorden(organisatie),
    )
    per_team = defaultdict(list)
    for t in trajecten:
        per_team[t.team_id].append(t)
    rijen = []
    for team in teams:
        team_url = team.get_absolute_url()
        rijen += [_overzicht_rij(team, team_url, t, *bronnen) for t in per_team[team.pk] or [None]]
    if sortering == "voortgang":
        rijen.sort(key=lambda r: (-r["totaal"].percent, r["team"].naam.lower()))
    elif sortering == "activiteit":
        oud = timezone.now().replace(year=1970)
        rijen.sort(key=lambda r: r["laatst_actief"] or oud, reverse=True)
    return fasen, rijen


def overzicht_csv_kop(fasen) -> list[str]:
    return [
        _("team"),
        _("traject"),
        *[f"{f.kort} (%)" for f in fasen],
        _("totaal (%)"),
        _("stappen klaar"),
        _("stappen totaal"),
        _("huidige fase"),
        _("besluit"),
        _("datum besluit"),
        _("fase 2 gestart zonder go"),
        _("stappen te laat"),
        _("laatst actief"),
        _("wat het besluit betekent"),
        _("voorwaarden geregeld"),
        _("opnieuw kijken op"),
        _("let op bij fase 2"),
    ]


def _voorwaarden_cel(besluit: BesluitStand | None) -> str:
    if besluit is None or not besluit.voorwaarden:
        return ""
    return f"{besluit.voorwaarden_geregeld}/{len(besluit.voorwaarden)}"


def overzicht_csv_rij(r, fasen) -> list:
    met_traject = r["traject"] is not None
    return [
        r["team"].naam,
        r["traject"].titel if met_traject else "",
        *([s.percent for s in r["standen"]] or [""] * len(fasen)),
        r["totaal"].percent if met_traject else "",
        r["totaal"].done if met_traject else "",
        r["totaal"].total if met_traject else "",
        r["huidige_fase"].titel_vertaald if r["huidige_fase"] else "",
        r["besluit"].keuze if r["besluit"] else "",
        r["besluit"].datum.isoformat() if r["besluit"] else "",
        ("ja" if r["fase_2_start"].zonder_go else "nee") if r["fase_2_start"] else "",
        r["te_laat"] if met_traject else "",
        timezone.localtime(r["laatst_actief"]).isoformat(timespec="minutes") if r["laatst_actief"] else "",
        r["besluit_label"],
        _voorwaarden_cel(r["besluit"]),
        r["besluit"].opnieuw_op.isoformat() if r["besluit"] and r["besluit"].opnieuw_op else "",
        r["fase_2_woord"],
    ]
