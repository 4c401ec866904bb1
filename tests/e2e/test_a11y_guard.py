"""The checks can fail: break the app under them and assert that the break is caught.

Each test here passes only when a check of the journeys (axe, the htmx swap step, focus,
reflow, the keyboard walk, the CSP watcher) raises on a deliberately broken page.
"""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.e2e.conftest import REFLOW, check_a11y, login, no_horizontal_scroll, watch_csp
from tests.e2e.test_journeys import add_card
from tests.e2e.test_keyboard import check_tab_walk
from tests.e2e.test_reflow import CLIPPED_JS, TEXT_SPACING

CARD_PAGE = "/trajecten/{pk}/oefeningen/context-sterktes/"


@pytest.fixture(autouse=True)
def _short_waits(page):
    # A broken step should fail fast: these tests wait for things that never come.
    page.set_default_timeout(10_000)
    expect.set_options(timeout=2000)
    yield
    expect.set_options(timeout=5000)


@pytest.fixture
def card_page(page, live_server, world):
    call_command("inhoud_laden", verbosity=0)
    login(page, live_server, "bob")
    return live_server.url + CARD_PAGE.format(pk=world.traject.pk)


def test_axe_fails_when_the_server_sends_a_form_field_without_its_label(page, live_server, world):
    page.goto(live_server.url + "/account/inloggen/")
    check_a11y(page, "intact login page")  # the real page passes...

    def strip_label(route):
        response = route.fetch()
        body = re.sub(r'<label[^>]*for="id_username"[^>]*>.*?</label>', "", response.text(), flags=re.S)
        assert body != response.text(), "the label to remove was not found"
        route.fulfill(response=response, body=body)

    page.route("**/account/inloggen/", strip_label)
    page.reload()
    with pytest.raises(AssertionError, match=r'"id": "label"'):  # ...the same page without a label fails
        check_a11y(page, "login page without a label")


def test_axe_fails_on_low_contrast_and_an_unnamed_button(page, live_server, world):
    page.goto(live_server.url + "/toegankelijkheid/")
    page.evaluate(
        """() => { const b = document.createElement('button'); document.querySelector('main').append(b);
        const p = document.createElement('p'); p.className = 'text-warning'; p.textContent = 'Bijna onleesbaar';
        document.querySelector('main').append(p) }"""
    )
    with pytest.raises(AssertionError) as failure:
        check_a11y(page, "broken statement page")
    assert '"id": "button-name"' in str(failure.value)
    assert '"id": "color-contrast"' in str(failure.value)


def test_a_broken_htmx_swap_fails_the_journey_step(page, card_page):
    page.goto(card_page)
    add_card(page, "Sterkte", "Deze kaart komt er gewoon bij")  # the step passes on the intact app

    # 1. The server answers the htmx request with a 500: the card never appears.
    def fail_htmx_posts(route):
        if route.request.method == "POST" and route.request.headers.get("hx-request"):
            route.fulfill(status=500, body="Server Error")
        else:
            route.continue_()

    page.route("**/bijdragen/", fail_htmx_posts)
    with pytest.raises(AssertionError, match="kaart-tekst"):
        add_card(page, "Sterkte", "Deze kaart gaat verloren")
    page.unroute("**/bijdragen/")

    # 2. htmx does not load: the form still works as a plain POST, but the page reloads.
    page.route("**/htmx*.js", lambda route: route.fulfill(body="", content_type="text/javascript"))
    page.reload()
    with pytest.raises(AssertionError, match="reloaded instead of a swap"):
        add_card(page, "Sterkte", "Deze kaart kost een hele nieuwe pagina")
    page.unroute("**/htmx*.js")

    # 3. app.js (which moves focus after a swap) does not load: focus falls to <body>.
    page.route("**/js/app.js", lambda route: route.fulfill(body="", content_type="text/javascript"))
    page.reload()
    with pytest.raises(AssertionError, match="focus fell to <body>"):
        add_card(page, "Sterkte", "Na deze kaart is de focus kwijt")


def test_reflow_focus_trap_and_csp_checks_catch_their_breaks(page, live_server, world, new_context):
    login(page, live_server, "alice")
    page.goto(f"{live_server.url}/teams/{world.team.pk}/")

    # Reflow: one element wider than a 320 px screen.
    page.set_viewport_size(REFLOW)
    no_horizontal_scroll(page)
    page.evaluate(
        """() => { const p = document.createElement('p'); p.className = 'text-nowrap';
        p.textContent = 'Een regel die niet mag afbreken en dus buiten het scherm loopt';
        document.querySelector('main').append(p) }"""
    )
    with pytest.raises(AssertionError, match="scrolls sideways"):
        no_horizontal_scroll(page)
    page.reload()

    # Focus: a stylesheet that hides the focus ring.
    page.route(
        "**/css/app.css",
        lambda route: route.fulfill(
            body=route.fetch().text()
            + "\n*:focus-visible { outline: none !important; box-shadow: none !important }",
            content_type="text/css",
        ),
    )
    page.reload()
    with pytest.raises(AssertionError, match="no focus indicator"):
        check_tab_walk(page, "team page without focus ring")
    page.unroute("**/css/app.css")
    page.reload()

    # Text spacing: a heading with a fixed height cuts its text off.
    page.route(
        "**/css/app.css",
        lambda route: route.fulfill(
            body=route.fetch().text() + TEXT_SPACING + "\nh1 { height: 1em; overflow: hidden }",
            content_type="text/css",
        ),
    )
    page.reload()
    assert page.evaluate(CLIPPED_JS), "the clipped heading was not found"
    page.unroute("**/css/app.css")
    page.reload()

    # Trap: a control that swallows Tab.
    page.evaluate(
        """() => document.querySelector('#id_naam').addEventListener('keydown', e => {
        if (e.key === 'Tab') e.preventDefault() })"""
    )
    with pytest.raises(AssertionError, match="tab order differs"):
        check_tab_walk(page, "team page with a keyboard trap")

    # CSP: an inline style attribute set by script is refused and reported. (In a page of its
    # own: on the `page` fixture the autouse watcher would fail this test, as it should.)
    other = new_context().new_page()
    errors = watch_csp(other)
    other.goto(live_server.url + "/toegankelijkheid/")
    other.evaluate("() => document.querySelector('h1').setAttribute('style', 'color: red')")
    other.wait_for_timeout(200)
    assert errors and "inline style" in errors[0]
