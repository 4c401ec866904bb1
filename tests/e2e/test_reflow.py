"""Reflow (WCAG 1.4.10): at 320 CSS px wide, which is 1280 px zoomed to 400 %, no page
scrolls sideways, even when people type long words, long links and long names.

The journeys check every page they pass at 320 px too (check_page); this file pushes the
worst realistic content through the pages of every app.
"""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from oefeningen.models import Oefening
from oefeningen.services import antwoorden_opslaan, bijdrage_toevoegen
from tests.bijeenkomsten.factories import maak_bijeenkomst
from tests.e2e.conftest import REFLOW, check_a11y, login, no_horizontal_scroll, screenshot

LONG_WORD = "Ervaringsdeskundigheidsbevorderingsprogramma" * 2
LONG_LINK = "https://www.voorbeeld-zorgorganisatie.nl/" + "ervaringsdeskundigen/" * 5 + "plan.pdf"


@pytest.fixture
def long_world(world):
    """The shared world, renamed to the longest names people really type."""
    call_command("inhoud_laden", verbosity=0)
    world.org.naam = f"Stichting {LONG_WORD}"
    world.org.save()
    world.team.naam = f"Team {LONG_WORD}"
    world.team.save()
    world.traject.titel = f"Traject {LONG_WORD}"
    world.traject.save()
    world.bob.first_name = LONG_WORD
    world.bob.save()
    sterktes = Oefening.objects.get(slug="context-sterktes")
    for text in (LONG_WORD, f"Zie {LONG_LINK}", "kort"):
        bijdrage_toevoegen(traject=world.traject, oefening=sterktes, auteur=world.bob, data={"tekst": text})
    return world


def check_reflow_at_320(page, url: str, name: str):
    page.goto(url)
    no_horizontal_scroll(page)
    check_a11y(page, f"{name} at 320 px")
    screenshot(page, f"reflow-{name}")


def test_pages_of_every_app_reflow_at_320px_with_long_content(page, live_server, long_world):
    world = long_world
    b = maak_bijeenkomst(world.traject, begeleider=world.alice, blokken=2, actief=True, titel=LONG_WORD)
    base = live_server.url
    page.set_viewport_size(REFLOW)
    login(page, live_server, "alice")
    for name, path in [
        ("mijn-teams", "/"),
        ("team", f"/teams/{world.team.pk}/"),
        ("traject", f"/trajecten/{world.traject.pk}/"),
        ("traject-bewerken", f"/trajecten/{world.traject.pk}/bewerken/"),
        ("oefeningen", f"/trajecten/{world.traject.pk}/oefeningen/"),
        ("oefening-kaarten", f"/trajecten/{world.traject.pk}/oefeningen/context-sterktes/"),
        ("kwartiermaken", f"/trajecten/{world.traject.pk}/kwartiermaken/"),
        ("ervaringsdeskundigen", f"/trajecten/{world.traject.pk}/ervaringsdeskundigen/"),
        ("ervaringsdeskundige-nieuw", f"/trajecten/{world.traject.pk}/ervaringsdeskundigen/nieuw/"),
        ("bijeenkomsten", f"/trajecten/{world.traject.pk}/bijeenkomsten/"),
        ("bijeenkomst", f"/bijeenkomsten/{b.pk}/"),
        ("presentatie", f"/bijeenkomsten/{b.pk}/presentatie/"),
        ("toegankelijkheid", "/toegankelijkheid/"),
    ]:
        check_reflow_at_320(page, base + path, name)

    page.context.clear_cookies()
    login(page, live_server, "mira")
    check_reflow_at_320(page, f"{base}/organisaties/{world.org.pk}/", "organisatie")
    check_reflow_at_320(page, f"{base}/organisaties/{world.org.pk}/overzicht/", "kwartiermaken-overzicht")
    check_reflow_at_320(page, f"{base}/trajecten/{world.traject.pk}/plan/", "plan")

    page.context.clear_cookies()
    login(page, live_server, "bob")
    check_reflow_at_320(page, f"{base}/bijeenkomsten/{b.pk}/meedoen/", "deelnemer")
    check_reflow_at_320(page, f"{base}/mijn-gegevens/", "mijn-gegevens")


# A gap the journeys found (the rating-scale results ran 800 px wide on phones), fixed since;
# kept as a test of that page alone.


def test_scale_results_reflow_at_320px(page, live_server, long_world, settings):
    settings.COCREATIE_GROEP_MINIMUM = 1  # the layout of a spread, not the small-group rule
    world = long_world
    schaal = Oefening.objects.get(slug="kruisbestuiving-waardering")
    antwoorden = [{"item": i["key"], "waarde": 4} for i in schaal.instellingen["items"]]
    antwoorden_opslaan(traject=world.traject, oefening=schaal, auteur=world.bob, antwoorden=antwoorden)
    page.set_viewport_size(REFLOW)
    login(page, live_server, "bob")
    page.goto(f"{live_server.url}/trajecten/{world.traject.pk}/oefeningen/kruisbestuiving-waardering/")
    expect(page.locator(".verdeling").first).to_contain_text("gemiddeld 4")
    no_horizontal_scroll(page)


# WCAG 1.4.12: people who set wider letter, word, line and paragraph spacing lose nothing.
TEXT_SPACING = (
    "\n* { line-height: 1.5 !important; letter-spacing: .12em !important; word-spacing: .16em !important }"
    "\np { margin-bottom: 2em !important }\n"
)
CLIPPED_JS = """() => [...document.querySelectorAll('body *')].filter(e => {
  const s = getComputedStyle(e); const r = e.getBoundingClientRect();
  if (r.width <= 1 || r.height <= 1 || /^(INPUT|SELECT|TEXTAREA|svg|IMG)$/i.test(e.tagName)) return false;
  const hides = v => v === 'hidden' || v === 'clip';
  return (hides(s.overflowY) && e.scrollHeight > e.clientHeight + 1)
      || (hides(s.overflowX) && e.scrollWidth > e.clientWidth + 1);
}).map(e => e.tagName.toLowerCase() + '.' + e.className).slice(0, 8)"""


def test_text_spacing_loses_no_content_at_320px(page, live_server, long_world):
    world = long_world
    b = maak_bijeenkomst(world.traject, begeleider=world.alice, blokken=1, actief=True)
    page.route(
        "**/css/app.css",
        lambda route: route.fulfill(body=route.fetch().text() + TEXT_SPACING, content_type="text/css"),
    )
    page.set_viewport_size(REFLOW)
    login(page, live_server, "alice")
    for path in [
        f"/teams/{world.team.pk}/",
        f"/trajecten/{world.traject.pk}/oefeningen/context-sterktes/",
        f"/trajecten/{world.traject.pk}/kwartiermaken/",
        f"/bijeenkomsten/{b.pk}/presentatie/",
        f"/trajecten/{world.traject.pk}/plan/",
    ]:
        page.goto(live_server.url + path)
        assert page.evaluate("() => getComputedStyle(document.body).letterSpacing") != "normal"
        no_horizontal_scroll(page)
        assert page.evaluate(CLIPPED_JS) == [], f"text cut off with wider spacing on {path}"
