"""The one place where live sessions touch the exercises app (`oefeningen`).

A block names its exercise by slug (the exercise's natural key). A card put in during a
session for a card exercise is the exercise's own contribution, written through its
service, and a vote on it is the exercise's own vote: stored once, so the session's
screens and report and the exercise page cannot disagree. The dependency is real and one-way:
bijeenkomsten imports oefeningen, never the other way round.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.urls import reverse

from oefeningen import services as oefeningen_services
from oefeningen.models import Bijdrage, Oefening, OefeningStatus, Stem

# A session block's own dots when its exercise's kind has none (the block's cards stay the session's).
STEMMEN_ZONDER_OEFENING = 3


@dataclass(frozen=True)
class OefeningInfo:
    slug: str
    titel: str
    vraag: str
    soort: str
    stemmen_per_persoon: int
    anoniem_toegestaan: bool


def _info(oefening: Oefening) -> OefeningInfo:
    kind = oefening.kind
    stemmen = kind.stemmen_per_persoon(oefening) if kind.stemmen else STEMMEN_ZONDER_OEFENING
    return OefeningInfo(
        slug=oefening.slug,
        titel=oefening.titel_vertaald,
        vraag=oefening.vraag_vertaald,
        soort=oefening.soort,
        stemmen_per_persoon=int(stemmen or STEMMEN_ZONDER_OEFENING),
        anoniem_toegestaan=bool(oefening.anoniem_toegestaan),
    )


def oefening_keuzes() -> list[tuple[str, str]]:
    """(slug, "chapter: title") of every exercise, for the block form (one query)."""
    return [
        (o.slug, f"{o.hoofdstuk.nummer}. {o.titel_vertaald}" + (f" ({o.duur})" if o.duur else ""))
        for o in Oefening.objects.select_related("hoofdstuk").order_by(
            "hoofdstuk__volgorde", "hoofdstuk__nummer", "volgorde", "slug"
        )
    ]


def oefening_info(slug: str) -> OefeningInfo | None:
    if not slug:
        return None
    oefening = Oefening.objects.filter(slug=slug).first()
    return _info(oefening) if oefening else None


def oefening_url(traject, slug: str) -> str:
    return reverse("oefeningen:oefening", args=[traject.pk, slug])


def verborgen_oefeningen(traject_id: int) -> set[str]:
    """The slugs of the trajectory's exercises hidden until the reveal (one query)."""
    return set(
        OefeningStatus.objects.filter(traject_id=traject_id, verborgen=True).values_list(
            "oefening__slug", flat=True
        )
    )


@dataclass(frozen=True)
class BlokBeleid:
    """What the visibility policy needs to know of a block's exercise."""

    verborgen: bool = False  # hidden until the reveal
    anoniem_toegestaan: bool = True  # may a participant choose to answer anonymously?


def blok_beleid(traject_id: int, slug: str) -> BlokBeleid:
    """For a block's exercise (one query; none for a block without one, where anyone may
    choose to answer anonymously)."""
    if not slug:
        return BlokBeleid()
    rij = (
        Oefening.objects.filter(slug=slug)
        .annotate(
            verborgen=Exists(
                OefeningStatus.objects.filter(traject_id=traject_id, oefening=OuterRef("pk"), verborgen=True)
            )
        )
        .values_list("verborgen", "anoniem_toegestaan")
        .first()
    )
    return BlokBeleid(*rij) if rij else BlokBeleid()


def kaartoefening(blok) -> Oefening | None:
    """The block's exercise when it takes session cards as its own contributions, else None."""
    if not blok.oefening_slug:
        return None
    oefening = Oefening.objects.filter(slug=blok.oefening_slug).first()
    # The kind decides whether a session card is one of its contributions (kaarten).
    if oefening is None or not oefening.kind.kaart_invoer:
        return None
    return oefening


def kaart_toevoegen(
    *, blok, oefening: Oefening, tekst: str, auteur, anoniem: bool, op_papier: bool
) -> Bijdrage:
    """A session card as the exercise's own contribution; oefeningen's ValidationError passes on.

    An anonymous block never passes the author on: the card is stored without one, an
    anonymous contribution (the begeleider chose anonymity for this block in the room, so
    the exercise's own consent to anonymous answers is not asked). Only paper cards read
    "for the group".
    """
    return oefeningen_services.bijdrage_toevoegen(
        traject=blok.bijeenkomst.traject,
        oefening=oefening,
        auteur=None if (anoniem or op_papier) else auteur,
        data={"tekst": tekst},
        namens_groep=op_papier,
    )


def kaart_wijzigen(*, bijdrage: Bijdrage, tekst: str, door, bewijs) -> None:
    """The writer changes their session card: the exercise's own service and limits decide."""
    oefeningen_services.bijdrage_wijzigen(
        bijdrage=bijdrage, door=door, rol="", data={"tekst": tekst}, bewijs=bewijs
    )


def kaart_intrekken(*, bijdrage: Bijdrage, door, bewijs) -> None:
    oefeningen_services.bijdrage_verwijderen(bijdrage=bijdrage, door=door, rol="", bewijs=bewijs)


def namen_wissen(*, bijdrage_ids) -> int:
    """The block became anonymous: its exercise cards forget their authors too."""
    return oefeningen_services.namen_wissen(bijdrage_ids=bijdrage_ids)


def mijn_stemmen(*, blok, oefening: Oefening, user) -> tuple[set[int], int]:
    """(the session cards a person voted on, votes left) as the exercise counts them (one query).

    The exercise's limit holds across the session and the exercise page: votes cast on
    the exercise page count too. Paper votes have no kiezer and count for nobody.
    """
    kaarten = list(
        Stem.objects.filter(
            traject__bijeenkomsten__id=blok.bijeenkomst_id, oefening=oefening, kiezer=user
        ).values_list("bijdrage__sessiekaart__id", flat=True)
    )
    limiet = oefening.kind.stemmen_per_persoon(oefening)
    return {k for k in kaarten if k is not None}, max(limiet - len(kaarten), 0)


def stem_uitbrengen(*, inbreng, kiezer, op_papier: bool, namens: str) -> Stem:
    """A vote on an exercise card is the exercise's own vote; its limit decides (ValidationError)."""
    bijdrage = inbreng.bijdrage
    return oefeningen_services.stem_uitbrengen(
        traject=bijdrage.traject,
        bijdrage=bijdrage,
        kiezer=None if op_papier else kiezer,
        op_papier=op_papier,
        namens=namens,
    )
