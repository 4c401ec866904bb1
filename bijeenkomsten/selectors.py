"""Reads of sessions: the planning pages, the live region of a running session, the report.

Each function costs a fixed number of queries, whatever the number of blocks, cards or votes.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.utils import timezone

from trajecten import zichtbaarheid

from . import live, oefeningen_bridge
from .models import Bijeenkomst, Blok, Deelname, Inbreng, Stem

# -- planning ---------------------------------------------------------------------


def bijeenkomsten_van(traject) -> QuerySet[Bijeenkomst]:
    """The trajectory's sessions with their number of blocks and total time (one query)."""
    return (
        Bijeenkomst.objects.filter(traject=traject)
        .select_related("begeleider", "verslaggever")
        .annotate(aantal_blokken=Count("blokken"), totale_duur=Sum("blokken__duur_minuten"))
        .order_by("datum", "starttijd", "pk")
    )


def vorige_evaluatie(traject, voor: Bijeenkomst | None = None) -> Bijeenkomst | None:
    """The most recent closed session's appreciative evaluation, shown when planning the next."""
    qs = Bijeenkomst.objects.filter(traject=traject, status=Bijeenkomst.Status.GESLOTEN)
    if voor is not None:
        qs = qs.exclude(pk=voor.pk)
    return qs.exclude(wat_ging_goed="", wat_houden_we="").order_by("-gesloten_op", "-pk").first()


def met_personen(b: Bijeenkomst) -> Bijeenkomst:
    """The session again with begeleider and verslaggever (one query); access attributes kept."""
    traject, rol = b.traject, b.rol
    fresh = Bijeenkomst.objects.select_related("begeleider", "verslaggever").get(pk=b.pk)
    fresh.traject, fresh.rol, fresh.is_gast = traject, rol, False
    return fresh


# -- the live region ----------------------------------------------------------------


def huidig_blok(b: Bijeenkomst) -> Blok | None:
    # The FK descriptor: no query when loaded with select_related("huidig_blok").
    return b.huidig_blok if b.huidig_blok_id else None


def met_stemmen(kaarten: QuerySet[Inbreng]) -> QuerySet[Inbreng]:
    """Cards with their text's home (the exercise contribution) and their vote count.

    A card's votes are the exercise's (on an exercise card) or the session's (elsewhere);
    both counts are distinct, so the two joins do not multiply each other.
    """
    return kaarten.select_related("bijdrage").annotate(
        aantal_stemmen=Count("stemmen", distinct=True) + Count("bijdrage__stemmen", distinct=True)
    )


def _geteld(kaarten: QuerySet[Inbreng]) -> QuerySet[Inbreng]:
    return met_stemmen(kaarten).order_by("-aantal_stemmen", "aangemaakt_op", "pk")


def stemtelling(blok: Blok) -> QuerySet[Inbreng]:
    """The block's cards with their vote counts, most votes first (one query)."""
    return _geteld(Inbreng.objects.filter(blok=blok))


@dataclass(frozen=True)
class MijnStemmen:
    """A person's own votes (not those cast on paper for others) in one block."""

    kaarten: set[int]
    over: int


def mijn_stemmen(*, blok: Blok, user) -> MijnStemmen:
    """The one way to ask for "my votes in this block".

    One query on a block without an exercise; on a card exercise two (the exercise, and
    the person's votes as the exercise counts them, with the exercise's limit).
    """
    oefening = oefeningen_bridge.kaartoefening(blok)
    if oefening is not None:
        kaarten, over = oefeningen_bridge.mijn_stemmen(blok=blok, oefening=oefening, user=user)
        return MijnStemmen(kaarten=kaarten, over=over)
    ids = list(
        Stem.objects.filter(inbreng__blok=blok, user=user, op_papier=False).values_list(
            "inbreng_id", flat=True
        )
    )
    return MijnStemmen(kaarten=set(ids), over=max(blok.stemmen_per_persoon - len(ids), 0))


def getoond(blok: Blok, kaarten: list[Inbreng], verborgen: set[str] | bool, *, scherm: bool = True):
    """What the visibility policy lets any screen, the report or the export show of a block's cards.

    `verborgen`: the slugs of the trajectory's exercises hidden until the reveal. `scherm`:
    the block's own switch "Antwoorden verbergen" holds on the live screens, not afterwards.
    """
    return zichtbaarheid.sessiekaarten(
        kaarten,
        anoniem=blok.anoniem,
        tonen=blok.resultaten_zichtbaar or not scherm,
        oefening_verborgen=verborgen
        if isinstance(verborgen, bool)
        else bool(blok.oefening_slug) and blok.oefening_slug in verborgen,
    )


def live_gedeeld(b: Bijeenkomst, *, scherm: str) -> dict:
    """What every screen of one kind shows of the current block.

    Blocks and cards: two queries (one without a current block), and one more on an exercise
    block (is the exercise hidden until the reveal?); the
    presenter screen adds the number of participants.
    """
    blok = huidig_blok(b)
    kaarten = modus = None
    if blok is not None:
        beleid = oefeningen_bridge.blok_beleid(b.traject_id, blok.oefening_slug)
        kaarten = getoond(blok, list(stemtelling(blok)), beleid.verborgen)
        modus = zichtbaarheid.sessie_modus(anoniem=blok.anoniem, keuze=beleid.anoniem_toegestaan)
    blokken = list(Blok.objects.filter(bijeenkomst=b).values_list("pk", flat=True))
    context = {
        "bijeenkomst": b,
        "blok": blok,
        "getoond": kaarten,
        "modus": modus,
        "kaarten": kaarten.kaarten if kaarten else [],
        "positie": blokken.index(blok.pk) + 1 if blok and blok.pk in blokken else 0,
        "aantal_blokken": len(blokken),
        "scherm": scherm,
        "server_nu": timezone.now(),
        "etag": live.etag(b.pk, b.versie, scherm),
    }
    if scherm == "presentatie":
        context["aantal_deelnemers"] = aantal_deelnemers(b)
    return context


def live_persoonlijk(b: Bijeenkomst, user) -> dict:
    """The participant's own part of the live region: their votes in the current block (one query)."""
    blok = huidig_blok(b)
    if blok is None:
        return {"mijn_stemmen": set(), "stemmen_over": 0, "blok": None}
    mijn = mijn_stemmen(blok=blok, user=user)
    return {"mijn_stemmen": mijn.kaarten, "stemmen_over": mijn.over, "blok": blok}


def eigen_kaarten(blok: Blok | None, user, bewijs: frozenset[int]) -> list[Inbreng]:
    """The cards this person sent in this block from this browser or with their name (one
    query): their name is on it, or the browser holds its receipt (anonymous ones)."""
    if blok is None or not user.is_authenticated:
        return []
    return list(
        Inbreng.objects.filter(blok=blok, op_papier=False)
        .filter(zichtbaarheid.eigen_filter(user, bewijs))
        .select_related("bijdrage")
        .order_by("aangemaakt_op", "pk")
    )


def live_regio(b: Bijeenkomst, *, scherm: str, user=None) -> dict:
    """The whole live region for one person: the shared part, plus own votes on the participant screen."""
    context = live_gedeeld(b, scherm=scherm)
    if scherm == "deelnemer" and context["blok"] is not None and user is not None:
        context.update(live_persoonlijk(b, user))
    return context


# -- the report -----------------------------------------------------------------------


def verslag_blokken(b: Bijeenkomst) -> list[Blok]:
    """The blocks with what the policy shows of their cards (`getoond`), most votes first
    (three queries)."""
    kaarten = Prefetch("inbreng", queryset=_geteld(Inbreng.objects.all()))
    blokken = list(Blok.objects.filter(bijeenkomst=b).prefetch_related(kaarten))
    verborgen = oefeningen_bridge.verborgen_oefeningen(b.traject_id)
    for blok in blokken:
        blok.getoond = getoond(blok, list(blok.inbreng.all()), verborgen, scherm=False)
    return blokken


def kaarten_van_traject(traject) -> list[Inbreng]:
    """Every session card of a trajectory the policy lets an export carry, each with
    `getoonde_naam` (three queries)."""
    kaarten = (
        met_stemmen(Inbreng.objects.filter(blok__bijeenkomst__traject=traject))
        .select_related("blok")
        .order_by("blok__bijeenkomst__datum", "blok__volgorde", "aangemaakt_op", "pk")
    )
    per_blok: dict[int, list[Inbreng]] = {}
    blokken: dict[int, Blok] = {}
    for kaart in kaarten:
        per_blok.setdefault(kaart.blok_id, []).append(kaart)
        blokken[kaart.blok_id] = kaart.blok
    verborgen = oefeningen_bridge.verborgen_oefeningen(traject.pk)
    uit = []
    for blok_id, lijst in per_blok.items():
        uit.extend(getoond(blokken[blok_id], lijst, verborgen, scherm=False).kaarten)
    return uit


def aantal_deelnemers(b: Bijeenkomst) -> int:
    return Deelname.objects.filter(bijeenkomst=b).count()
