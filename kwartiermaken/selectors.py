"""Reads of kwartiermaken, each with a fixed number of queries: progress through the phases
(batched for lists), the tracker, the readiness scan's spread, the leading coalition and the
batched reads the organisation overview (overzicht.py) is built from. The go/no-go decision
as others read it is in besluiten.py, re-exported here as `besluit_voor`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from oefeningen.models import Oefening
from trajecten import zichtbaarheid
from trajecten.registries import Progress

from .besluiten import BesluitStand, besluit_voor
from .models import (
    AFGEHANDELD,
    Besluit,
    CoalitieLid,
    Fase,
    FaseStart,
    ScanAntwoord,
    ScanAntwoordKeuze,
    Stap,
    StapVoortgang,
)

AANTAL_VOLGENDE = 5
__all__ = ["BesluitStand", "besluit_voor"]  # the go/no-go read other apps use (besluiten.py)


@dataclass(frozen=True)
class FaseStand:
    fase: Fase
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def label(self) -> str:
        return self.fase.kort


def fasen_met_aantal() -> list[Fase]:
    """All phases with `aantal_stappen` (one query)."""
    return list(Fase.objects.annotate(aantal_stappen=Count("stappen")).order_by("nummer"))


def fase_standen(
    trajecten, fasen: list[Fase] | None = None, *, organisatie=None
) -> dict[int, list[FaseStand]]:
    """{traject_id: [FaseStand per phase]}: two queries (one when `fasen` is given).

    With `organisatie`, rows are selected by a join instead of a long IN list (the overview).
    """
    if fasen is None:
        fasen = fasen_met_aantal()
    ids = [t.pk for t in trajecten]
    done: dict[tuple[int, int], int] = {}
    where = (
        {"traject__team__organisatie": organisatie} if organisatie is not None else {"traject_id__in": ids}
    )
    rows = (
        StapVoortgang.objects.filter(status__in=AFGEHANDELD, **where)
        .values_list("traject_id", "stap__fase_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for traject_id, fase_id, n in rows:
        done[(traject_id, fase_id)] = n
    return {tid: [FaseStand(f, done.get((tid, f.pk), 0), f.aantal_stappen) for f in fasen] for tid in ids}


def totaal(standen: list[FaseStand]) -> Progress:
    return Progress(sum(s.done for s in standen), sum(s.total for s in standen))


def huidige_fase(standen: list[FaseStand]) -> Fase | None:
    """The first phase with work left; None when everything is done."""
    for stand in standen:
        if stand.done < stand.total:
            return stand.fase
    return None


def batch_progress(trajecten) -> dict[int, Progress]:
    """ProgressSource.compute: steps done (klaar or niet van toepassing) of all steps."""
    return {tid: totaal(standen) for tid, standen in fase_standen(trajecten).items()}


def _voor(trajecten, organisatie):
    if organisatie is not None:
        return {"traject__team__organisatie": organisatie}
    return {"traject__in": [t.pk for t in trajecten]}


def laatste_besluit(traject) -> Besluit | None:
    return Besluit.objects.filter(traject=traject).order_by("-datum", "-vastgelegd_op", "-pk").first()


def fase_2_starts(trajecten, *, organisatie=None) -> dict[int, FaseStart]:
    return {
        s.traject_id: s
        for s in FaseStart.objects.filter(fase__nummer=2, **_voor(trajecten, organisatie)).only(
            "id", "traject_id", "fase_id", "zonder_go", "gestart_op"
        )
    }


def bestaande_oefeningen(slugs) -> dict[str, str]:
    """{slug: titel} of the exercises among these slugs that exist (one query)."""
    slugs = set(slugs)
    if not slugs:
        return {}
    rijen = Oefening.objects.filter(slug__in=slugs).only("slug", "titel", "titel_en")
    return {o.slug: o.titel_vertaald for o in rijen}


def tracker_context(traject) -> dict:
    """Phases with their steps and this trajectory's progress: a fixed number of queries."""
    fasen = fasen_met_aantal()
    stappen = list(Stap.objects.select_related("fase").order_by("fase__nummer", "volgorde"))
    voortgang = {
        v.stap_id: v for v in StapVoortgang.objects.filter(traject=traject).select_related("eigenaar")
    }
    bestaand = bestaande_oefeningen(slug for s in stappen for slug in s.oefeningen)
    per_fase = defaultdict(list)
    volgende = []
    done = Counter()
    for stap in stappen:
        stap.v = voortgang.get(stap.pk) or StapVoortgang(traject=traject, stap=stap)
        stap.links = [(slug, bestaand[slug]) for slug in stap.oefeningen if slug in bestaand]
        per_fase[stap.fase_id].append(stap)
        if stap.v.is_afgehandeld:
            done[stap.fase_id] += 1
        else:
            volgende.append(stap)
    standen = [FaseStand(f, done[f.pk], f.aantal_stappen) for f in fasen]
    for fase in fasen:
        fase.stappen_hier = per_fase[fase.pk]
    # Steps with a date first (soonest first), then in the handreiking's order.
    volgende.sort(key=lambda s: (s.v.streefdatum is None, s.v.streefdatum or timezone.localdate()))
    return {
        "fasen": fasen,
        "standen": standen,
        "totaal": totaal(standen),
        "huidige_fase": huidige_fase(standen),
        "svg_hoogte": (len(standen) + 1) * 40 + 8,
        "volgende": volgende[:AANTAL_VOLGENDE],
        "te_laat": [s for s in stappen if s.v.is_te_laat],
    }


def te_laat_per_traject(organisatie) -> dict[int, int]:
    """{traject_id: number of steps past their target date} for an organisation, one query."""
    rows = (
        StapVoortgang.objects.filter(
            traject__team__organisatie=organisatie, streefdatum__lt=timezone.localdate()
        )
        .exclude(status__in=AFGEHANDELD)
        .values_list("traject_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return dict(rows)


def met_scanantwoorden(organisatie) -> set[int]:
    """Ids of the organisation's trajectories whose readiness scan has answers, one query."""
    return set(
        ScanAntwoord.objects.filter(ronde__traject__team__organisatie=organisatie)
        .values_list("ronde__traject_id", flat=True)
        .distinct()
    )


def coalitie(traject) -> list[CoalitieLid]:
    """The leading coalition (one query); a view reads it once and passes it to the rules."""
    return list(CoalitieLid.objects.filter(traject=traject))


def fase_2_start(traject) -> FaseStart | None:
    return FaseStart.objects.filter(traject=traject, fase__nummer=2).select_related("gestart_door").first()


# -- readiness scan -----------------------------------------------------------

# Decoration only (the numbers are in the table): colour-blind-safe blue/orange scheme.
BALK_KLEUREN = {
    ScanAntwoordKeuze.JA: "#0a58ca",
    ScanAntwoordKeuze.DEELS: "#6ea8fe",
    ScanAntwoordKeuze.NEE: "#b35806",
    ScanAntwoordKeuze.WEET_NIET: "#adb5bd",
}
ORDE = {ScanAntwoordKeuze.JA: 2, ScanAntwoordKeuze.DEELS: 1, ScanAntwoordKeuze.NEE: 0}


def _beweging(vraag, per_persoon, vorige, huidige) -> Counter:
    """How the people who answered this question in both rounds moved."""
    beweging = Counter()
    if not vorige:
        return beweging
    for (vraag_id, _user), per_ronde in per_persoon.items():
        if vraag_id != vraag.pk or len(per_ronde) < 2:
            continue
        a, b = ORDE.get(per_ronde[vorige.pk]), ORDE.get(per_ronde[huidige.pk])
        if a is None or b is None:
            beweging["onbekend"] += 1
        else:
            beweging["beter" if b > a else "slechter" if b < a else "gelijk"] += 1
    return beweging


def _balk(nu: Counter, aantal: int) -> list[dict]:
    balk, x = [], 0
    for key, _label in ScanAntwoordKeuze.choices:
        breedte = round(200 * nu[key] / aantal) if aantal else 0
        if breedte:
            balk.append({"x": x, "breedte": breedte, "kleur": BALK_KLEUREN[key]})
        x += breedte
    return balk


def scan_overzicht(traject, vragen, rondes):
    """Per question: the spread in the current and the previous round, and how people moved.

    Two queries at most, whatever the number of members or questions.
    """
    huidige = rondes[-1] if rondes else None
    vorige = rondes[-2] if len(rondes) > 1 else None
    gekozen = [r.pk for r in (vorige, huidige) if r]
    velden = ("ronde_id", "vraag_id", "user_id", "antwoord", "toelichting")
    antwoorden = list(ScanAntwoord.objects.filter(ronde_id__in=gekozen).only(*velden))
    spreiding = defaultdict(Counter)
    per_persoon = defaultdict(dict)
    toelichtingen = defaultdict(list)
    for a in antwoorden:
        spreiding[(a.ronde_id, a.vraag_id)][a.antwoord] += 1
        per_persoon[(a.vraag_id, a.user_id)][a.ronde_id] = a.antwoord
        if a.ronde_id == (huidige.pk if huidige else None) and a.toelichting:
            toelichtingen[a.vraag_id].append(a.toelichting)
    rijen = []
    for vraag in vragen:
        nu = spreiding[(huidige.pk, vraag.pk)] if huidige else Counter()
        toen = spreiding[(vorige.pk, vraag.pk)] if vorige else Counter()
        aantal = sum(nu.values())
        rijen.append(
            {
                "balk": _balk(nu, aantal),
                "vraag": vraag,
                "keuzes": [
                    {"label": label, "nu": nu[key], "toen": toen[key]}
                    for key, label in ScanAntwoordKeuze.choices
                ],
                "aantal": aantal,
                "beweging": _beweging(vraag, per_persoon, vorige, huidige),
                "toelichtingen": toelichtingen[vraag.pk],
            }
        )
    ingevuld = len({a.user_id for a in antwoorden if huidige and a.ronde_id == huidige.pk})
    drempel = zichtbaarheid.drempel(ingevuld)
    if not drempel.zichtbaar:
        rijen = []
    if vorige and not zichtbaarheid.aggregaat_zichtbaar(
        len({a.user_id for a in antwoorden if a.ronde_id == vorige.pk})
    ):
        vorige = None  # a round too small to show is not compared with either
        for rij in rijen:
            rij["beweging"] = Counter()
    return {"huidige": huidige, "vorige": vorige, "rijen": rijen, "ingevuld": ingevuld, "drempel": drempel}
