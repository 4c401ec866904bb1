"""The one place where live sessions touch the exercises app (`oefeningen`).

A block names its exercise by slug (the exercise's natural key). Cards put in during a
session for a card exercise are also handed to oefeningen through its service, so the
exercise page shows them after the session.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction

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


def _model(name: str):
    try:
        return apps.get_model("oefeningen", name)
    except LookupError:
        return None


def _info(oefening) -> OefeningInfo:
    instellingen = oefening.instellingen or {}
    stemmen = instellingen.get("stemmen_per_persoon", 3) if isinstance(instellingen, dict) else 3
    return OefeningInfo(
        slug=oefening.slug,
        titel=getattr(oefening, "titel_vertaald", oefening.titel),
        vraag=getattr(oefening, "vraag_vertaald", oefening.vraag),
        soort=oefening.soort,
        stemmen_per_persoon=int(stemmen or 3),
        anoniem_toegestaan=bool(oefening.anoniem_toegestaan),
    )


def oefening_keuzes() -> list[tuple[str, str]]:
    """(slug, "chapter: title") of every exercise, for the block form (one query)."""
    Oefening = _model("Oefening")
    if Oefening is None:
        return []
    return [
        (o.slug, f"{o.hoofdstuk.nummer}. {o.titel_vertaald}" + (f" ({o.duur})" if o.duur else ""))
        for o in Oefening.objects.select_related("hoofdstuk").order_by(
            "hoofdstuk__volgorde", "hoofdstuk__nummer", "volgorde", "slug"
        )
    ]


def oefening_info(slug: str) -> OefeningInfo | None:
    Oefening = _model("Oefening")
    if Oefening is None or not slug:
        return None
    oefening = Oefening.objects.filter(slug=slug).first()
    return _info(oefening) if oefening else None


def oefening_url(traject, slug: str) -> str | None:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("oefeningen:oefening", args=[traject.pk, slug])
    except NoReverseMatch:
        return None


def _services():
    try:
        from oefeningen import services
    except ImportError:  # pragma: no cover - the app is part of the project
        return None
    return services


def kaart_doorgeven(*, blok, inbreng, auteur, anoniem: bool) -> int | None:
    """Hand a session card to oefeningen; its id, or None when the block is no card exercise.

    An anonymous block never passes the author on: if the exercise does not allow
    anonymous answers, the card goes in as written "for the group" (no author either).
    A refusal by oefeningen (ValidationError) leaves the session card standing.
    """
    services = _services()
    Oefening = _model("Oefening")
    if not blok.oefening_slug or services is None or Oefening is None:
        return None
    oefening = Oefening.objects.filter(slug=blok.oefening_slug).first()
    if oefening is None or oefening.soort not in KAART_SOORTEN:
        return None
    namens_groep = inbreng.op_papier or (anoniem and not oefening.anoniem_toegestaan)
    try:
        with transaction.atomic():
            bijdrage = services.bijdrage_toevoegen(
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
    services = _services()
    Bijdrage = _model("Bijdrage")
    if not inbreng.bijdrage_id or services is None or Bijdrage is None:
        return
    bijdrage = Bijdrage.objects.filter(pk=inbreng.bijdrage_id).select_related("traject", "oefening").first()
    if bijdrage is None:
        return
    try:
        with transaction.atomic():
            services.stem_uitbrengen(traject=bijdrage.traject, bijdrage=bijdrage, kiezer=kiezer)
    except ValidationError as error:
        log.info("oefeningen did not count a session vote (kaart %s): %s", inbreng.pk, error)
