"""What the plan reads from the oefeningen app: the compass cards and the exercise answers.

The only place in `plan` that knows about `oefeningen`. `oefeningen` is built by another
engineer at the same time; until its service functions exist these readers return
`None` ("not available yet") and the plan says so instead of failing. See
oefeningen/README.md, "For other apps".
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from trajecten.models import Traject

log = logging.getLogger(__name__)

RICHTINGEN = ("noord", "oost", "zuid", "west")


@dataclass(frozen=True)
class Kaart:
    """One compass card: id (stable, to link an action or risk to it), direction, text."""

    id: int
    richting: str
    tekst: str
    stemmen: int = 0


@dataclass(frozen=True)
class Antwoord:
    """The result of one exercise, summarised for the plan."""

    hoofdstuk: str  # chapter slug
    titel: str
    regels: tuple[str, ...]


KOMPAS_HOOFDSTUK = "blik-op-morgen"


def _oefeningen_kompas(traject: Traject) -> list[dict[str, Any]]:
    """Every card on the chapter 10 compass exercises (two queries)."""
    from django.db.models import Count

    from oefeningen.models import Bijdrage, Oefening, Soort

    oefeningen = Oefening.objects.filter(hoofdstuk__slug=KOMPAS_HOOFDSTUK, soort=Soort.KOMPAS)
    return [
        {"id": b.pk, "richting": b.item, "tekst": b.tekst, "stemmen": b.aantal_stemmen}
        for b in Bijdrage.objects.filter(traject=traject, oefening__in=oefeningen)
        .exclude(tekst="")
        .only("pk", "item", "tekst")
        .annotate(aantal_stemmen=Count("stemmen"))
        .order_by("aangemaakt_op", "pk")
    ]


def _oefeningen_samenvattingen(traject: Traject, hoofdstukken: tuple[str, ...]) -> list[dict[str, Any]]:
    """The summary of each exercise of these chapters that has answers (oefeningen' services)."""
    from oefeningen.models import Oefening
    from oefeningen.selectors import samenvattingen

    oefeningen = list(
        Oefening.objects.filter(hoofdstuk__slug__in=hoofdstukken)
        .select_related("hoofdstuk")
        .order_by("hoofdstuk__volgorde", "volgorde", "slug")
    )
    return [
        {"hoofdstuk": s.oefening.hoofdstuk.slug, "titel": s.oefening.titel_vertaald, "regels": s.regels}
        for s in samenvattingen(traject, oefeningen)
        if s.regels
    ]


def _service(name: str) -> Callable[..., Any] | None:
    """The reader for `name`, or None when the oefeningen app cannot provide it (yet)."""
    try:
        importlib.import_module("oefeningen.services")
        importlib.import_module("oefeningen.models")
    except ImportError:
        return None
    return {"kompas_kaarten": _oefeningen_kompas, "plan_samenvattingen": _oefeningen_samenvattingen}.get(name)


def _cache(traject: Traject) -> dict[str, Any]:
    """Reads shared by the sections of one page or PDF render (see secties.bouw_plan).

    Outside a render nothing is kept, so a later read never sees stale data.
    """
    cache = getattr(traject, "_plan_bronnen", None)
    return cache if cache is not None else {}


def kompas_kaarten(traject: Traject) -> list[Kaart] | None:
    """All compass cards of the trajectory, or None while oefeningen cannot tell us."""
    cache = _cache(traject)
    if "kompas" in cache:
        return cache["kompas"]
    service = _service("kompas_kaarten")
    result = None
    if service is not None:
        result = [_as_kaart(item) for item in service(traject)]
    cache["kompas"] = result
    return result


def _as_kaart(item: Any) -> Kaart:
    get = item.get if isinstance(item, dict) else lambda key: getattr(item, key)
    stemmen = get("stemmen") if isinstance(item, dict) and "stemmen" in item else 0
    return Kaart(
        id=int(get("id")), richting=str(get("richting")), tekst=str(get("tekst")), stemmen=int(stemmen or 0)
    )


def kaart(traject: Traject, kaart_id: int) -> Kaart | None:
    return next((k for k in kompas_kaarten(traject) or [] if k.id == kaart_id), None)


def antwoorden(traject: Traject) -> dict[str, list[Antwoord]] | None:
    """{chapter slug: answers} for the chapters that feed the decisions, or None."""
    cache = _cache(traject)
    if "antwoorden" in cache:
        return cache["antwoorden"]
    service = _service("plan_samenvattingen")
    result = None
    if service is not None:
        result = {}
        for item in service(traject, hoofdstukken=("rollen", "positie", "ondersteuning")):
            get = item.get if isinstance(item, dict) else lambda key, item=item: getattr(item, key)
            antwoord = Antwoord(
                hoofdstuk=str(get("hoofdstuk")), titel=str(get("titel")), regels=tuple(get("regels"))
            )
            result.setdefault(antwoord.hoofdstuk, []).append(antwoord)
    cache["antwoorden"] = result
    return result
