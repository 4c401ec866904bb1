"""Reads of exercises that pages, the hub, exports and the plan share, each in a fixed number of queries.

Access is the caller's job, as for the services: these functions trust `traject` and the viewer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, F, Func, Q, QuerySet, Subquery
from django.utils.translation import gettext

from trajecten import zichtbaarheid
from trajecten.models import Lidmaatschap, Traject
from trajecten.registries import Progress

from .models import Bijdrage, GedeeldeTekst, Hoofdstuk, Oefening, OefeningStatus, Soort, Stem
from .soorten.kompas import RICHTINGEN

KOMPAS_HOOFDSTUK = "blik-op-morgen"  # chapter 10: the compass the plan builds on
KOMPAS_RICHTINGEN = RICHTINGEN  # noord, oost, west, zuid: the book's order (§10.1-10.4)
OPENING = "vertrekpunt-waarom"  # chapters 1-2: why we do this, the plan's opening


# -- one exercise ----------------------------------------------------------------------------


def status_van(traject: Traject, oefening: Oefening) -> OefeningStatus:
    """The status row, or an unsaved default one (not started, visible)."""
    return OefeningStatus.objects.filter(traject=traject, oefening=oefening).first() or OefeningStatus(
        traject=traject, oefening=oefening
    )


def tekst_ophalen(traject: Traject, oefening: Oefening) -> GedeeldeTekst:
    """The shared text row, or an unsaved one at version 0 holding the template text."""
    return GedeeldeTekst.objects.filter(traject=traject, oefening=oefening).select_related(
        "gewijzigd_door"
    ).first() or GedeeldeTekst(
        traject=traject, oefening=oefening, tekst=oefening.instellingen_vertaald.get("sjabloon", "")
    )


def zichtbare_bijdragen(
    traject: Traject,
    oefening: Oefening,
    *,
    kijker=None,
    verborgen: bool = False,
    bewijs=frozenset(),
    moderator: bool = False,
) -> QuerySet[Bijdrage]:
    """Contributions with their vote counts (one query); only the viewer's own when hidden
    (their anonymous ones too, by the receipt `bewijs` their browser holds). What the
    begeleider held back reaches only its writer and the begeleider (`moderator`)."""
    qs = (
        Bijdrage.objects.filter(traject=traject, oefening=oefening)
        .select_related("auteur")
        .annotate(aantal_stemmen=Count("stemmen"))
        .order_by("aangemaakt_op", "pk")
    )
    eigen = zichtbaarheid.eigen_filter(kijker, bewijs)
    if verborgen:
        qs = qs.filter(eigen)
    if not moderator:
        qs = qs.filter(Q(achtergehouden="") | eigen)
    return qs


def mijn_stemmen(*, traject: Traject, oefening: Oefening, kiezer) -> set[int]:
    """The cards (Bijdrage ids) this person put a dot on in this exercise (one query)."""
    return set(
        Stem.objects.filter(traject=traject, oefening=oefening, kiezer=kiezer).values_list(
            "bijdrage_id", flat=True
        )
    )


def stemmen_over(*, traject: Traject, oefening: Oefening, kiezer, mijn: set[int] | None = None) -> int:
    """How many dots this person has left in this exercise (one query, none when `mijn` is given)."""
    limiet = oefening.kind.stemmen_per_persoon(oefening) if oefening.kind.stemmen else 0
    if mijn is None:
        mijn = mijn_stemmen(traject=traject, oefening=oefening, kiezer=kiezer)
    return max(0, limiet - len(mijn))


def perspectieven_van(traject: Traject) -> dict[int, str]:
    """{user_id: perspectief} for the trajectory's team (one query)."""
    return dict(Lidmaatschap.objects.filter(team_id=traject.team_id).values_list("user_id", "perspectief"))


# -- summaries -------------------------------------------------------------------------------


@dataclass
class Samenvatting:
    oefening: Oefening
    status: str
    status_label: str
    aantal_bijdragen: int
    is_complete: bool
    regels: list[str] = field(default_factory=list)


def onthuld(qs: QuerySet, traject: Traject) -> QuerySet:
    """Leaves out what belongs to exercises the begeleider hid until the reveal, and the
    contributions the begeleider held back.

    Private until reveal means invisible: the plan, its PDF and versions, and the exports
    read through this, so hidden content reaches them only after the reveal (the exercise
    page shows a hidden exercise's cards to their own author alone: zichtbare_bijdragen).
    """
    verborgen = OefeningStatus.objects.filter(traject=traject, verborgen=True).values("oefening_id")
    qs = qs.exclude(oefening_id__in=verborgen)
    if qs.model is Bijdrage:
        qs = qs.filter(achtergehouden="")
    return qs


def _samenvatting(oefening, status: OefeningStatus, bijdragen: list, tekst) -> Samenvatting:
    kind = oefening.kind
    if status.verborgen:  # private until reveal: nothing of it, only that it is hidden
        bijdragen, tekst = [], None
    return Samenvatting(
        oefening=oefening,
        status=status.status,
        status_label=status.get_status_display(),
        aantal_bijdragen=len(bijdragen),
        is_complete=kind.is_complete(oefening, bijdragen, tekst),
        regels=[gettext("Nog verborgen: de begeleider laat de antwoorden later zien.")]
        if status.verborgen
        else kind.summary(oefening, bijdragen, tekst),
    )


def oefening_samenvatting(traject: Traject, oefening: Oefening) -> Samenvatting:
    """Status, completeness and summary lines of one exercise in one trajectory (a few queries)."""
    bijdragen = list(zichtbare_bijdragen(traject, oefening))
    tekst = tekst_ophalen(traject, oefening) if oefening.kind.gedeelde_tekst else None
    return _samenvatting(oefening, status_van(traject, oefening), bijdragen, tekst)


def samenvattingen(traject: Traject, oefeningen: list[Oefening]) -> list[Samenvatting]:
    """Summaries of many exercises in a fixed number of queries (for the plan's appendix)."""
    ids = [o.pk for o in oefeningen]
    statussen = {
        s.oefening_id: s for s in OefeningStatus.objects.filter(traject=traject, oefening_id__in=ids)
    }
    per_oefening: dict[int, list] = {pk: [] for pk in ids}
    for b in (
        onthuld(Bijdrage.objects.filter(traject=traject, oefening_id__in=ids), traject)
        .select_related("auteur")
        .annotate(aantal_stemmen=Count("stemmen"))
        .order_by("aangemaakt_op", "pk")
    ):
        per_oefening[b.oefening_id].append(b)
    teksten = {
        t.oefening_id: t
        for t in onthuld(GedeeldeTekst.objects.filter(traject=traject, oefening_id__in=ids), traject)
    }
    return [
        _samenvatting(
            o,
            statussen.get(o.pk) or OefeningStatus(traject=traject, oefening=o),
            per_oefening[o.pk],
            teksten.get(o.pk),
        )
        for o in oefeningen
    ]


def begonnen_samenvattingen(traject: Traject) -> list[Samenvatting]:
    """A summary of each exercise the group started or finished, by chapter, except the
    compasses (the plan's appendix; fixed number of queries)."""
    begonnen = list(
        Oefening.objects.filter(
            statussen__traject=traject,
            statussen__status__in=(OefeningStatus.Status.BEZIG, OefeningStatus.Status.AFGEROND),
        )
        .exclude(soort=Soort.KOMPAS)
        .select_related("hoofdstuk")
        .order_by("hoofdstuk__volgorde", "volgorde", "slug")
    )
    return samenvattingen(traject, begonnen)


# -- the opening exercise (chapters 1-2) -----------------------------------------------------


def opening(traject: Traject) -> Samenvatting | None:
    """The team's shared text of the opening exercise ("Waarom we dit doen"), through the same
    visibility policy as the plan's appendix (a hidden exercise gives only the notice that it
    is hidden). None when the content is not loaded. Four queries at most."""
    oefening = Oefening.objects.select_related("hoofdstuk").filter(slug=OPENING).first()
    return samenvattingen(traject, [oefening])[0] if oefening else None


# -- the compass of chapter 10 ---------------------------------------------------------------


@dataclass(frozen=True)
class KompasKaart:
    """One card on a chapter 10 compass: `richting` is the direction's key (noord, oost, west, zuid)."""

    id: int
    oefening_id: int
    richting: str
    tekst: str
    stemmen: int


def kompas_oefeningen() -> list[Oefening]:
    """The compass exercises of chapter 10, in their order (one query)."""
    return list(
        Oefening.objects.filter(hoofdstuk__slug=KOMPAS_HOOFDSTUK, soort=Soort.KOMPAS).order_by(
            "volgorde", "slug"
        )
    )


def kompas_kaarten(traject: Traject) -> list[KompasKaart]:
    """Every card on the chapter 10 compass exercises, oldest first (one query)."""
    return [
        KompasKaart(
            id=b.pk, oefening_id=b.oefening_id, richting=b.item, tekst=b.tekst, stemmen=b.aantal_stemmen
        )
        for b in onthuld(
            Bijdrage.objects.filter(
                traject=traject, oefening__hoofdstuk__slug=KOMPAS_HOOFDSTUK, oefening__soort=Soort.KOMPAS
            ),
            traject,
        )
        .only("pk", "oefening_id", "item", "tekst")
        .annotate(aantal_stemmen=Count("stemmen"))
        .order_by("aangemaakt_op", "pk")
    ]


# -- the chapters overview and progress ------------------------------------------------------


def hoofdstukken_overzicht(traject: Traject) -> list[Hoofdstuk]:
    """Chapters with their exercises, each exercise with its status and number of contributions.

    Sets `lijst`, `klaar` and `procent` on each chapter and `status`, `status_label` and
    `aantal` on each exercise (three queries and the prefetch, at any size).
    """
    hoofdstukken = list(Hoofdstuk.objects.prefetch_related("oefeningen"))
    statussen = dict(OefeningStatus.objects.filter(traject=traject).values_list("oefening_id", "status"))
    aantallen = dict(
        Bijdrage.objects.filter(traject=traject)
        .values("oefening_id")
        .annotate(n=Count("pk"))
        .values_list("oefening_id", "n")
    )
    labels = dict(OefeningStatus.Status.choices)
    for hoofdstuk in hoofdstukken:
        oefeningen = list(hoofdstuk.oefeningen.all())
        for o in oefeningen:
            o.status = statussen.get(o.pk, OefeningStatus.Status.NIET_GESTART)
            o.status_label = labels[o.status]
            o.aantal = aantallen.get(o.pk, 0)
        hoofdstuk.lijst = oefeningen
        hoofdstuk.klaar = sum(1 for o in oefeningen if o.status == OefeningStatus.Status.AFGEROND)
        hoofdstuk.procent = round(100 * hoofdstuk.klaar / len(oefeningen)) if oefeningen else 0
    return hoofdstukken


def voortgang(trajecten: list[Traject], *, hoofdstuk: str | None = None) -> dict[int, Progress]:
    """{traject_id: finished / all exercises}, of one chapter (slug) or of all (one query)."""
    oefeningen = Oefening.objects.order_by()
    afgerond = Q(oefening_statussen__status=OefeningStatus.Status.AFGEROND)
    if hoofdstuk is not None:
        oefeningen = oefeningen.filter(hoofdstuk__slug=hoofdstuk)
        afgerond &= Q(oefening_statussen__oefening__hoofdstuk__slug=hoofdstuk)
    totaal = oefeningen.annotate(n=Func(F("pk"), function="COUNT")).values("n")
    rijen = (
        Traject.objects.filter(pk__in=[t.pk for t in trajecten])
        .annotate(klaar=Count("oefening_statussen", filter=afgerond), totaal=Subquery(totaal))
        .values_list("pk", "klaar", "totaal")
    )
    return {pk: Progress(klaar, totaal or 0) for pk, klaar, totaal in rijen}


def voortgang_per_hoofdstuk(trajecten: list[Traject]) -> dict[str | None, dict[int, Progress]]:
    """As `voortgang`, for all exercises (key None) and every chapter (its slug) at once:
    two queries, however many chapters."""
    totaal = dict(
        Oefening.objects.order_by()
        .values("hoofdstuk__slug")
        .annotate(n=Count("pk"))
        .values_list("hoofdstuk__slug", "n")
    )
    klaar = (
        OefeningStatus.objects.filter(
            traject__in=[t.pk for t in trajecten], status=OefeningStatus.Status.AFGEROND
        )
        .order_by()
        .values("traject_id", "oefening__hoofdstuk__slug")
        .annotate(n=Count("pk"))
        .values_list("traject_id", "oefening__hoofdstuk__slug", "n")
    )
    per_hoofdstuk: dict[tuple, int] = {}
    per_traject: dict[int, int] = {}
    for traject_id, slug, n in klaar:
        per_hoofdstuk[traject_id, slug] = n
        per_traject[traject_id] = per_traject.get(traject_id, 0) + n
    alles = sum(totaal.values())
    result: dict[str | None, dict[int, Progress]] = {
        None: {t.pk: Progress(per_traject.get(t.pk, 0), alles) for t in trajecten}
    }
    for slug, n in totaal.items():
        if slug is not None:
            result[slug] = {t.pk: Progress(per_hoofdstuk.get((t.pk, slug), 0), n) for t in trajecten}
    return result


# -- the exercises serving one kwartiermaken step --------------------------------------------


@dataclass
class StapOefeningen:
    """Summaries of the exercises a step names, in its order, and what is still open."""

    samenvattingen: list[Samenvatting]

    @property
    def open(self) -> list[Samenvatting]:
        return [s for s in self.samenvattingen if s.status != OefeningStatus.Status.AFGEROND]

    @property
    def afgerond(self) -> int:
        return len(self.samenvattingen) - len(self.open)

    @property
    def alle_afgerond(self) -> bool:
        return bool(self.samenvattingen) and not self.open


def stap_oefeningen(traject: Traject, slugs: list[str]) -> StapOefeningen:
    """The named exercises that exist, with their summaries (four queries at any size)."""
    oefeningen = {o.slug: o for o in Oefening.objects.filter(slug__in=slugs).select_related("hoofdstuk")}
    return StapOefeningen(samenvattingen(traject, [oefeningen[s] for s in slugs if s in oefeningen]))
