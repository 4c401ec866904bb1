"""The one place where live sessions touch the exercises app (`oefeningen`).

A block names its exercise by slug (the exercise's natural key). Cards put in during a
session for a card exercise are also handed to oefeningen through its service, so the
exercise page shows them after the session. The dependency is real and one-way:
bijeenkomsten imports oefeningen, never the other way round.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from oefeningen import services as oefeningen_services
from oefeningen.models import Bijdrage, Oefening

log = logging.getLogger(__name__)

# Exercise kinds whose answer is a card: a session's input goes straight into them.
KAART_SOORTEN = {"kaarten"}


@dataclass(frozen=True)
class OefeningInfo:
    slug: str
    titel: str
    vraag: str
    soort: str
    stemmen_per_persoon: int
    anoniem_toegestaan: bool


def _info(oefening: Oefening) -> OefeningInfo:
    instellingen = oefening.instellingen or {}
    stemmen = instellingen.get("stemmen_per_persoon", 3) if isinstance(instellingen, dict) else 3
    return OefeningInfo(
        slug=oefening.slug,
        titel=oefening.titel_vertaald,
        vraag=oefening.vraag_vertaald,
        soort=oefening.soort,
        stemmen_per_persoon=int(stemmen or 3),
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


def kaart_doorgeven(*, blok, inbreng, auteur, anoniem: bool) -> int | None:
    """Hand a session card to oefeningen; its id, or None when the block is no card exercise.

    An anonymous block never passes the author on: if the exercise does not allow
    anonymous answers, the card goes in as written "for the group" (no author either).
    A refusal by oefeningen (ValidationError) leaves the session card standing.
    """
    if not blok.oefening_slug:
        return None
    oefening = Oefening.objects.filter(slug=blok.oefening_slug).first()
    # The one branch on the exercise kind left here: "does this kind take a session card?"
    if oefening is None or oefening.soort not in KAART_SOORTEN:
        return None
    namens_groep = inbreng.op_papier or (anoniem and not oefening.anoniem_toegestaan)
    try:
        with transaction.atomic():
            bijdrage = oefeningen_services.bijdrage_toevoegen(
                traject=blok.bijeenkomst.traject,
                oefening=oefening,
                auteur=None if (anoniem or inbreng.op_papier) else auteur,
                data={"tekst": inbreng.tekst},
                anoniem=anoniem and not namens_groep,
                namens_groep=namens_groep,
            )
    except ValidationError as error:
        log.warning("oefeningen refused a session card (blok %s): %s", blok.pk, error)
        return None
    return bijdrage.pk


def stem_doorgeven(*, inbreng, kiezer) -> None:
    """Mirror a person's vote on the exercise's card; oefeningen's own limits decide."""
    if not inbreng.bijdrage_id:
        return
    bijdrage = Bijdrage.objects.filter(pk=inbreng.bijdrage_id).select_related("traject", "oefening").first()
    if bijdrage is None:
        return
    try:
        with transaction.atomic():
            oefeningen_services.stem_uitbrengen(traject=bijdrage.traject, bijdrage=bijdrage, kiezer=kiezer)
    except ValidationError as error:
        log.info("oefeningen did not count a session vote (kaart %s): %s", inbreng.pk, error)
