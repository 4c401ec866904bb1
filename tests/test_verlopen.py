"""An htmx request whose login or page expired: back to the page after logging in (cocreatie/verlopen.py)."""

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from tests.oefeningen.factories import OefeningFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kaarten(world):
    oefening = OefeningFactory(soort="kaarten")
    pagina = f"/trajecten/{world.traject.pk}/oefeningen/{oefening.slug}/"
    return pagina, f"{pagina}bijdragen/"


def _htmx(pagina):
    return {"HTTP_HX_REQUEST": "true", "HTTP_HX_CURRENT_URL": f"http://testserver{pagina}#werkblad"}


def _next(response):
    return parse_qs(urlsplit(response["HX-Redirect"]).query)["next"][0]


def test_it_sends_an_anonymous_htmx_post_to_login_and_back_to_the_page(kaarten):
    pagina, actie = kaarten
    response = Client().post(actie, {"tekst": "Bijna kwijt"}, **_htmx(pagina))
    assert response.status_code == 200
    assert urlsplit(response["HX-Redirect"]).path == "/account/inloggen/"
    # Back to the page, not to the POST-only URL that was asked, and without the fragment.
    assert _next(response) == pagina
    assert json.loads(response["HX-Trigger"]) == {"tekst-bewaren": {}}


def test_it_leaves_plain_requests_to_django(kaarten):
    pagina, actie = kaarten
    response = Client().post(actie, {"tekst": "Bijna kwijt"})
    assert response.status_code == 302
    assert response["Location"].startswith("/account/inloggen/?next=")
    assert "HX-Redirect" not in response


def test_it_never_sends_someone_to_another_site_after_login(kaarten):
    _, actie = kaarten
    response = Client().post(
        actie, {"tekst": "x"}, HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL="https://evil.example/trajecten/"
    )
    assert _next(response) == "/"


def test_it_answers_a_csrf_failure_of_htmx_with_login_or_a_reload(world, kaarten):
    pagina, actie = kaarten
    anoniem = Client(enforce_csrf_checks=True)
    response = anoniem.post(actie, {"tekst": "x"}, **_htmx(pagina))
    assert urlsplit(response["HX-Redirect"]).path == "/account/inloggen/"
    assert _next(response) == pagina

    # Logged in, but the page's token is stale: reload the same page (the text is saved first).
    bob = Client(enforce_csrf_checks=True)
    bob.force_login(world.bob)
    response = bob.post(actie, {"tekst": "x"}, **_htmx(pagina))
    assert response["HX-Redirect"] == pagina
    assert json.loads(response["HX-Trigger"]) == {"tekst-bewaren": {}}

    # A plain form keeps Django's own 403 page.
    response = bob.post(actie, {"tekst": "x"})
    assert response.status_code == 403
    assert "HX-Redirect" not in response
