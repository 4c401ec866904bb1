"""The cheap path of live updates: a version counter per session, a signed poll token.

An unchanged poll must cost at most one indexed query, session and user lookups
included. So the poll URL carries a signed token (session id, user id, screen) made
when the full page was rendered with normal authentication; the poll checks its
signature (no database), reads the session's version (from the cache server when one
is configured, else one primary-key query) and answers 304 when it matches the
browser's ETag. Only a changed version pays for the full authentication and render.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.db.models import F

from .models import Bijeenkomst

TOKEN_SALT = "bijeenkomsten.poll"  # noqa: S105  a signing salt, not a secret
# A poll token outlives a long session day, not more.
TOKEN_MAX_AGE = 16 * 60 * 60
# A bound on how long a lost update could linger in the cache (see _publish).
VERSION_TIMEOUT = 10 * 60
SCHERMEN = ("presentatie", "deelnemer")


def _key(pk: int) -> str:
    return f"bijeenkomst:{pk}:versie"


def cache_server() -> bool:
    """True when the cache is a server of its own (Redis, memcached, locmem in tests).

    The database cache would cost a query of its own, so then the version comes
    straight from the session row instead.
    """
    backend = settings.CACHES["default"]["BACKEND"]
    return not backend.endswith("DatabaseCache") and not backend.endswith("DummyCache")


@dataclass(frozen=True)
class PollToken:
    bijeenkomst_id: int
    user_id: int
    scherm: str


def make_token(bijeenkomst_id: int, user_id: int, scherm: str) -> str:
    assert scherm in SCHERMEN
    return signing.dumps([bijeenkomst_id, user_id, scherm], salt=TOKEN_SALT, compress=False)


def read_token(raw: str, bijeenkomst_id: int) -> PollToken | None:
    try:
        pk, user_id, scherm = signing.loads(raw, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if pk != bijeenkomst_id or scherm not in SCHERMEN:
        return None
    return PollToken(pk, user_id, scherm)


def current_version(pk: int) -> int | None:
    """The session's version: cache server first, else one indexed query. None if gone."""
    use_cache = cache_server()
    if use_cache:
        cached = cache.get(_key(pk))
        if cached is not None:
            return cached
    # No ORDER BY (the model's default ordering) and no OFFSET: one primary-key lookup.
    version = next(
        iter(Bijeenkomst.objects.filter(pk=pk).order_by().values_list("versie", flat=True)[:1]), None
    )
    if use_cache and version is not None:
        # add(), not set(): a poll must never overwrite a newer value a writer just stored.
        cache.add(_key(pk), version, VERSION_TIMEOUT)
    return version


def etag(pk: int, version: int, scherm: str) -> str:
    return f'"b{pk}-v{version}-{scherm}"'


def bump(pk: int) -> None:
    """Count a change: every open screen fetches fresh content on its next poll."""
    Bijeenkomst.objects.filter(pk=pk).update(versie=F("versie") + 1)
    if cache_server():
        transaction.on_commit(lambda: _publish(pk))


def _read(pk: int) -> int | None:
    return next(iter(Bijeenkomst.objects.filter(pk=pk).order_by().values_list("versie", flat=True)[:1]), None)


def _publish(pk: int) -> None:
    """Put the committed version in the cache; check again so two writers cannot leave an old one.

    Writer A may read version 5 just before writer B commits 6 and publishes it; A would then
    overwrite 6 with 5. Reading again after the set catches that: A sees 6 and sets it.
    """
    version = _read(pk)
    for _attempt in range(5):
        if version is None:
            return
        cache.set(_key(pk), version, VERSION_TIMEOUT)
        again = _read(pk)
        if again == version:
            return
        version = again


# What everyone sees for one version of a session: rendered once, then reused.
# Keyed by the version (and the session's random join code, so a reused primary key,
# e.g. in a test database, never meets an old entry): an entry never goes stale, so a
# process-local copy is as safe as the shared cache (a newer version has another key).
_GEDEELD_MAX = 512
_gedeeld_lokaal: OrderedDict[tuple, str] = OrderedDict()


def gedeeld(pk: int, code: str, version: int, scherm: str, taal: str, render: Callable[[], str]) -> str:
    key = (pk, code, version, scherm, taal)
    if cache_server():
        cache_key = "bijeenkomst:{}:{}:v{}:{}:{}".format(*key)
        html = cache.get(cache_key)
        if html is None:
            html = render()
            cache.set(cache_key, html, 300)
        return html
    html = _gedeeld_lokaal.get(key)
    if html is None:
        html = render()
        _gedeeld_lokaal[key] = html
        while len(_gedeeld_lokaal) > _GEDEELD_MAX:
            _gedeeld_lokaal.popitem(last=False)
    else:
        _gedeeld_lokaal.move_to_end(key)
    return html
