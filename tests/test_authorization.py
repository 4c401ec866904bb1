"""Every URL of the project against every actor, from one table (tests/authz.py)."""

import importlib
import pkgutil
import re
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

import tests
from tests.authz import Case
from tests.conftest import ACTORS

# URL names deliberately outside the table, with the reason.
EXEMPT_NAMESPACES = {"admin": "Django's admin: staff only, see test_admin_is_for_staff_only."}


def _collect_cases() -> list[Case]:
    cases: list[Case] = []
    root = Path(tests.__file__).parent
    for module in pkgutil.iter_modules([str(root)]):
        if module.ispkg and (root / module.name / "authz_cases.py").exists():
            mod = importlib.import_module(f"tests.{module.name}.authz_cases")
            cases.extend(mod.CASES)
    return cases


CASES = _collect_cases()


def _url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            if ns in EXEMPT_NAMESPACES:
                continue
            yield from _url_names(pattern, full)
        elif isinstance(pattern, URLPattern):
            if pattern.name is None:
                raise AssertionError(f"URL pattern {pattern.pattern} has no name")
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_pattern_is_in_the_table():
    covered = {case.name for case in CASES}
    missing = sorted(set(_url_names()) - covered)
    assert not missing, f"URL patterns without an authorization case in tests/*/authz_cases.py: {missing}"


def test_the_table_names_only_existing_urls():
    unknown = sorted({case.name for case in CASES} - set(_url_names()))
    assert not unknown, f"authorization cases for URL names that do not exist: {unknown}"


def test_every_case_names_every_actor():
    incomplete = [str(case) for case in CASES if set(case.expect) != set(ACTORS)]
    assert not incomplete, f"cases without an expectation for each actor: {incomplete}"


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("case", CASES, ids=str)
def test_access(case: Case, actor: str, world):
    if case.setup:
        case.setup(world)
    client = world.client(actor)
    url = case.url(world)
    response = getattr(client, case.method)(url, case.data(world))
    expected = case.expect[actor]
    assert response.status_code == expected, (
        f"{case.method.upper()} {url} as {actor}: {response.status_code}, expected {expected}"
    )
    if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
        # Every select offers "Kies…" as its empty choice, never Django's English placeholders.
        assert b"---------" not in response.content and b"Select an option" not in response.content, url
        # Every page is named in its title, before the app's name ("Inloggen – Cocreatie").
        titel = re.search(rb"<title>(.*?)</title>", response.content, re.S)
        if titel and titel.group(1).strip().endswith(b"Cocreatie"):
            assert re.fullmatch(rb"\S.* \xe2\x80\x93 Cocreatie", titel.group(1).strip(), re.S), (
                url,
                titel.group(1),
            )
    if expected == 302 and actor == "anoniem" and case.expect["begeleider"] != 302:
        assert response["Location"].startswith("/account/inloggen/")
    if expected == 404 and actor == "buitenstaander":
        # A 404 must not leak the name of the team it protects.
        assert world.team.naam.encode() not in response.content


POST_CASES = [c for c in CASES if c.method == "post"]


@pytest.mark.parametrize("case", POST_CASES, ids=str)
def test_unsafe_requests_without_csrf_token_are_refused(case: Case, world):
    if case.setup:
        case.setup(world)
    # The most privileged actor that the table lets through.
    actor = next(
        (a for a in ("begeleider", "leidinggevende", "teamlid", "anoniem") if case.expect[a] < 400),
        "begeleider",
    )
    client = world.client(actor, enforce_csrf_checks=True)
    response = client.post(case.url(world), case.data(world))
    assert response.status_code == 403
    assert b"verlopen" in response.content


def test_admin_is_for_staff_only(world, admin_client):
    for actor in ACTORS:
        response = world.client(actor).get("/beheer/")
        assert response.status_code == 302, actor
        assert "/beheer/login/" in response["Location"]
    assert admin_client.get("/beheer/").status_code == 200
