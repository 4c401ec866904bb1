"""When something goes wrong, in a real browser at phone width (issue 18).

One exercise of each of the eight kinds (the real content) and the live session's send:
bad input is answered in the form's own place (menu and styles stay, message by the field,
text kept, focus on the field); a server error and a lost connection leave the page as it
was and a retry sends; an expired login comes back to the same form with the text.
The mechanism: htmx's responseHandling in templates/base.html and static/js/fouten.js.
"""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from bijeenkomsten.models import Inbreng
from oefeningen import services
from oefeningen.models import Bijdrage, GedeeldeTekst, Oefening
from tests.bijeenkomsten.factories import maak_bijeenkomst
from tests.e2e.conftest import DESKTOP, check_a11y, login, wait_until

SMAL = {"width": 375, "height": 740}

# One fixture exercise per kind, and the text fields (name: limit) its form has.
SOORTEN = {
    "kaarten": ("context-beperkingen", {"tekst": 500}),
    "tekst": ("context-structuur", {"tekst": 20000}),
    "schaal": ("draagvlak-randvoorwaarden", {}),
    "keuze": ("context-dwarsligger", {"reden": 2000}),
    "checklist": ("context-spelregels", {}),
    "tijdlijn": ("draagvlak-geschiedenis", {"tekst": 500, "toelichting": 2000}),
    "kompas": ("blik-op-morgen-kompas", {"tekst": 500}),
    "matrix": ("positie-mandaat", {"tekst": 500}),
}

# Fill an exercise's form with a valid answer, whatever its kind.
VUL_IN = """(tekst) => { const f = document.querySelector('#werkblad form');
  const groepen = new Set();
  for (const r of f.querySelectorAll('input[type=radio]')) {
    if (r.value && !groepen.has(r.name)) { r.checked = true; groepen.add(r.name); } }
  const vink = f.querySelector('input[type=checkbox]:not([name=anoniem]):not([name=namens_groep])');
  if (vink) vink.checked = true;
  for (const s of f.querySelectorAll('select')) s.selectedIndex = [...s.options].findIndex(o => o.value);
  for (const d of f.querySelectorAll('input[type=date]')) d.value = '2020-03-01';
  for (const t of f.querySelectorAll('textarea')) t.value = tekst; }"""


@pytest.fixture
def inhoud(db):
    call_command("inhoud_laden", verbosity=0)


def shot(page, name):
    """Screenshots of an error state at phone and desktop width, to look at (/tmp/b-*.png)."""
    for suffix, size in (("375", SMAL), ("1280", DESKTOP)):
        page.set_viewport_size(size)
        page.screenshot(path=f"/tmp/b-{name}-{suffix}.png", full_page=True)
    page.set_viewport_size(SMAL)
    # Playwright's screenshot leaves empty style="" attributes behind (see conftest.screenshot).
    page.evaluate("() => document.querySelectorAll('[style=\"\"]').forEach(e => e.removeAttribute('style'))")


def assert_page_whole(page, title):
    """The menu, the styles and the title are still those of the page (no bare fragment)."""
    expect(page.locator("header nav")).to_be_visible()
    assert page.title() == title
    assert page.locator("link[rel=stylesheet]").count() >= 2
    assert page.evaluate("getComputedStyle(document.body).fontSize") == "17px"  # app.css is on
    assert page.locator("#werkblad, #inbreng-form").count() == 1


def settled(page):
    """htmx binds swapped-in forms when it settles (20 ms later): a test clicks faster than a person."""
    wait_until(page, "!document.querySelector('.htmx-added, .htmx-settling, .htmx-swapping, .htmx-request')")


def focused_name(page):
    return page.evaluate("document.activeElement && document.activeElement.name")


def test_bad_input_is_answered_in_place_for_every_kind(page, live_server, world, inhoud):
    page.set_viewport_size(SMAL)
    login(page, live_server, "bob")
    base = f"{live_server.url}/trajecten/{world.traject.pk}/oefeningen/"
    for soort, (slug, velden) in SOORTEN.items():
        page.goto(base + slug + "/")
        title = page.title()
        werkblad = page.locator("#werkblad")
        knop = werkblad.locator("form button[type=submit]").first

        # Every limited field shows its limit before it bites.
        for naam, limiet in velden.items():
            assert werkblad.locator(f"[name={naam}]").get_attribute("maxlength") == str(limiet), soort

        # Empty: the form comes back with its message, in place; focus in the form.
        if soort not in ("tekst", "checklist"):  # an empty text, or ticking nothing, is an answer
            knop.click()
            expect(werkblad.locator(".invalid-feedback, .alert-danger, .alert-block").first).to_be_visible()
            assert_page_whole(page, title)
            wait_until(page, "document.activeElement.closest('#werkblad form') !== null")
            if soort == "kaarten":
                shot(page, "leeg-kaarten")

        # Too long (maxlength removed, as a script or an old browser would): the message by
        # the field, the text kept, focus on the field.
        for naam, limiet in velden.items():
            page.evaluate(VUL_IN, "ok")
            veld = werkblad.locator(f"[name={naam}]")
            veld.evaluate(
                "(e, n) => { e.removeAttribute('maxlength'); e.value = 'x'.repeat(n + 1); }", limiet
            )
            knop.click()
            veld = werkblad.locator(f"[name={naam}]")
            expect(veld).to_have_attribute("aria-invalid", "true")
            fout = page.locator(f"#werkblad #id_{naam}_error")
            expect(fout).to_contain_text("Maak de tekst korter")
            assert f"id_{naam}_error" in veld.get_attribute("aria-describedby"), soort
            assert veld.input_value() == "x" * (limiet + 1), soort
            wait_until(page, f"document.activeElement.name === '{naam}'")
            assert_page_whole(page, title)
            expect(veld.locator("xpath=following-sibling::*[contains(@class,'teller')]")).to_have_text(
                "1 teken te veel"
            )
            if soort == "kaarten":
                check_a11y(page, "kaarten, too long")
                shot(page, "te-lang-kaarten")
    assert not Bijdrage.objects.filter(tekst__startswith="xxx").exists()
    assert not Bijdrage.objects.filter(toelichting__startswith="xxx").exists()


def test_the_counter_is_polite_and_speaks_only_near_the_limit(page, live_server, world, inhoud):
    page.set_viewport_size(SMAL)
    login(page, live_server, "bob")
    page.goto(f"{live_server.url}/trajecten/{world.traject.pk}/oefeningen/context-beperkingen/")
    veld = page.locator("#werkblad textarea[name=tekst]")
    teller = page.locator("#id_tekst-teller")
    expect(teller).to_have_text("nog 500 tekens")
    veld.fill("a" * 100)
    expect(teller).to_have_text("nog 400 tekens")
    page.wait_for_timeout(1000)
    assert page.locator("#fouten-melder").inner_text() == ""  # far from the limit: silent
    veld.fill("a" * 481)
    expect(teller).to_have_text("nog 19 tekens")
    expect(page.locator("#fouten-melder")).to_have_text("nog 19 tekens")
    # The browser stops at the limit; a paste is cut there.
    veld.press_sequentially("bbbbbbbbbbbbbbbbbbbbbbbbb")
    assert len(veld.input_value()) == 500
    expect(teller).to_have_text("nog 0 tekens")
    shot(page, "teller")


def test_a_server_error_or_no_connection_keeps_the_page_and_a_retry_sends(
    page, context, live_server, world, inhoud
):
    page.set_viewport_size(SMAL)
    login(page, live_server, "bob")
    base = f"{live_server.url}/trajecten/{world.traject.pk}/oefeningen/"
    melder = page.locator("#fouten-melder")
    for soort, (slug, velden) in SOORTEN.items():
        page.goto(base + slug + "/")
        title = page.title()
        form = page.locator("#werkblad form").first
        vooraf = Bijdrage.objects.count() + GedeeldeTekst.objects.count()

        # The server answers 500: nothing changes but a polite notice with a retry button.
        page.evaluate(VUL_IN, f"Na een fout, {soort}")
        actie = form.get_attribute("hx-post")
        page.route(f"**{actie}", lambda route: route.fulfill(status=500, body="<h1>Server Error</h1>"))
        form.locator("button[type=submit]").click()
        expect(melder).to_have_text("Het versturen lukte niet. Je tekst staat er nog.")
        expect(page.locator(".verstuur-fout")).to_contain_text("Je tekst staat er nog")
        assert_page_whole(page, title)
        for naam in velden:
            assert form.locator(f"[name={naam}]").input_value() == f"Na een fout, {soort}", soort
        if soort == "kaarten":
            check_a11y(page, "after a 500")
            shot(page, "500-kaarten")
        page.unroute(f"**{actie}")
        page.get_by_role("button", name="Opnieuw proberen").click()
        expect(page.locator("#meldingen .alert-success")).to_be_visible()
        expect(page.locator(".verstuur-fout")).to_have_count(0)
        settled(page)
        assert Bijdrage.objects.count() + GedeeldeTekst.objects.count() > vooraf, soort

        # Offline: the same; back online, the retry sends.
        page.evaluate("document.querySelector('#meldingen').innerHTML = ''")
        page.evaluate(VUL_IN, f"Zonder bereik, {soort}")
        context.set_offline(True)
        page.locator("#werkblad form").first.locator("button[type=submit]").click()
        expect(melder).to_contain_text("er is geen verbinding")
        assert_page_whole(page, title)
        if soort == "kaarten":
            shot(page, "offline-kaarten")
        context.set_offline(False)
        page.get_by_role("button", name="Opnieuw proberen").click()
        expect(page.locator("#meldingen .alert-success")).to_be_visible()
        settled(page)
    assert Bijdrage.objects.filter(tekst="Zonder bereik, kaarten").count() == 1
    assert Bijdrage.objects.filter(tekst="Na een fout, kaarten").count() == 1


def test_an_expired_login_comes_back_to_the_same_form_with_the_text(
    page, context, live_server, world, inhoud
):
    page.set_viewport_size(SMAL)
    login(page, live_server, "bob", password="geheim-wachtwoord-123")
    url = f"{live_server.url}/trajecten/{world.traject.pk}/oefeningen/context-beperkingen/"
    page.goto(url)
    page.locator("#werkblad textarea[name=tekst]").fill("Lang over nagedacht, bijna kwijt")
    context.clear_cookies()
    page.locator("#werkblad").get_by_role("button", name="Toevoegen").click()
    page.wait_for_url("**/account/inloggen/**")
    assert "next=" in page.url
    page.get_by_label("Gebruikersnaam").fill("bob")
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-123")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(url)
    veld = page.locator("#werkblad textarea[name=tekst]")
    expect(veld).to_have_value("Lang over nagedacht, bijna kwijt")
    expect(page.locator(".verstuur-fout")).to_contain_text("We hebben je tekst bewaard")
    expect(page.locator("#fouten-melder")).to_contain_text("We hebben je tekst bewaard")
    expect(veld).to_be_focused()
    shot(page, "bewaard")
    page.locator("#werkblad").get_by_role("button", name="Toevoegen").click()
    expect(page.locator(".kaart-tekst", has_text="Lang over nagedacht")).to_be_visible()
    assert page.evaluate("Object.keys(sessionStorage).filter(k => k.startsWith('bewaard:')).length") == 0
    page.reload()
    expect(page.locator("#werkblad textarea[name=tekst]")).to_have_value("")


def test_a_card_gone_meanwhile_offers_a_reload_that_keeps_the_text(page, live_server, world, inhoud):
    oefening = Oefening.objects.get(slug="context-beperkingen")
    kaart = services.bijdrage_toevoegen(
        traject=world.traject, oefening=oefening, auteur=world.alice, data={"tekst": "Weinig tijd"}
    )
    page.set_viewport_size(SMAL)
    login(page, live_server, "bob")
    page.goto(f"{live_server.url}/trajecten/{world.traject.pk}/oefeningen/context-beperkingen/")
    title = page.title()
    page.locator("#werkblad textarea[name=tekst]").fill("Half af")
    kaart.delete()  # someone else removes the card meanwhile
    page.locator(".kaart", has_text="Weinig tijd").get_by_role("button", name="Stem").click()
    expect(page.locator(".verstuur-fout")).to_contain_text("Laad de pagina opnieuw")
    assert_page_whole(page, title)  # the 404 page was not swapped in
    assert page.locator("#werkblad textarea[name=tekst]").input_value() == "Half af"
    page.get_by_role("button", name="Pagina opnieuw laden").click()
    expect(page.locator(".kaart", has_text="Weinig tijd")).to_have_count(0)
    expect(page.locator("#werkblad textarea[name=tekst]")).to_have_value("Half af")

    # A 4xx answer that is a whole document is never swapped into the form's place.
    page.route(
        "**/bijdragen/", lambda r: r.fulfill(status=400, body="<!doctype html><title>x</title><p>kaal")
    )
    page.locator("#werkblad").get_by_role("button", name="Toevoegen").click()
    expect(page.locator(".verstuur-fout")).to_contain_text("Laad de pagina opnieuw")
    assert_page_whole(page, title)
    assert page.locator("#werkblad textarea[name=tekst]").input_value() == "Half af"


def test_the_live_session_send_fails_politely(page, context, live_server, world):
    b = maak_bijeenkomst(world.traject, begeleider=world.alice, blokken=1, actief=True)
    page.set_viewport_size(SMAL)
    login(page, live_server, "bob")
    page.goto(f"{live_server.url}/bijeenkomsten/{b.pk}/meedoen/")
    title = page.title()
    veld = page.get_by_label("Jouw antwoord")
    knop = page.get_by_role("button", name="Versturen")
    assert veld.get_attribute("maxlength") == "1000"

    # Empty: the message by the field, focus on it.
    knop.click()
    expect(page.locator("#inbreng-fout")).to_contain_text("Typ eerst iets in het vak")
    expect(veld).to_have_attribute("aria-invalid", "true")
    assert "inbreng-fout" in veld.get_attribute("aria-describedby")
    wait_until(page, "document.activeElement.name === 'tekst'")
    assert_page_whole(page, title)

    # Too long: the same, the text kept.
    veld.evaluate(
        "e => { e.removeAttribute('maxlength'); e.value = 'y'.repeat(1001);"
        " e.dispatchEvent(new Event('input', {bubbles: true})); }"
    )
    knop.click()
    expect(page.locator("#inbreng-fout")).to_contain_text("Maak je tekst korter")
    assert veld.input_value() == "y" * 1001
    expect(page.locator("#id_tekst-teller")).to_have_text("1 teken te veel")
    wait_until(page, "document.activeElement.name === 'tekst'")
    assert_page_whole(page, title)
    shot(page, "te-lang-sessie")

    # The server answers 500: text kept, a polite notice, and a retry by hand sends it once.
    # (Once: the live form also retries by itself after 2 s, the button is quicker.)
    veld.fill("Na een serverfout")
    page.route("**/inbreng/", lambda route: route.fulfill(status=500, body="oeps"), times=1)
    knop.click()
    expect(page.locator("#verstuur-status .verstuur-fout")).to_contain_text("Het versturen lukte niet")
    expect(page.locator("#fouten-melder")).to_contain_text("vanzelf opnieuw")
    assert veld.input_value() == "Na een serverfout"
    assert_page_whole(page, title)
    page.get_by_role("button", name="Opnieuw proberen").click()
    expect(page.get_by_text("Verstuurd!")).to_be_visible()
    page.wait_for_timeout(2500)  # the timer that would have retried was cancelled
    assert Inbreng.objects.filter(tekst="Na een serverfout").count() == 1

    # Offline: the notice, then back online and the retry button sends it.
    veld.fill("Zonder bereik")
    context.set_offline(True)
    knop.click()
    expect(page.locator("#verstuur-status")).to_contain_text("Geen verbinding")
    assert veld.input_value() == "Zonder bereik"
    shot(page, "offline-sessie")
    context.set_offline(False)  # back online: the live form sends by itself
    expect(page.get_by_text("Verstuurd!")).to_be_visible(timeout=10000)
    assert Inbreng.objects.filter(tekst="Zonder bereik").count() == 1
