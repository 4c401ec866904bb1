"""Reads about progress through the phases, batched so that lists cost a fixed number of queries."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count
from django.utils import timezone

from trajecten.registries import Progress

from .models import AFGEHANDELD, Besluit, Fase, FaseStart, ScanAntwoord, Stap, StapVoortgang

AANTAL_VOLGENDE = 5


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


def laatste_besluiten(trajecten, *, organisatie=None) -> dict[int, Besluit]:
    """The decision that counts (the latest) per trajectory, one query."""
    result: dict[int, Besluit] = {}
    for besluit in (
        Besluit.objects.filter(**_voor(trajecten, organisatie))
        .defer("redenen", "vastgelegd_op")
        .order_by("traject_id", "-datum", "-vastgelegd_op", "-pk")
    ):
        result.setdefault(besluit.traject_id, besluit)
    return result


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
    """{slug: titel} of the exercises among these slugs that exist (one query).

    Empty while the oefeningen app has no Oefening model (it is built in parallel).
    """
    slugs = set(slugs)
    if not slugs:
        return {}
    try:
        Oefening = apps.get_model("oefeningen", "Oefening")
    except LookupError:
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
