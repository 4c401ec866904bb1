"""A live session in real browsers: the big screen and phones, polling with 304s."""

import re

from playwright.sync_api import expect

from bijeenkomsten.models import Bijeenkomst, Inbreng
from tests.bijeenkomsten.factories import maak_bijeenkomst
from tests.e2e.conftest import DESKTOP, PHONE, check_a11y, login, no_horizontal_scroll, screenshot


def _phone(browser, csp_errors):
    context = browser.new_context(viewport=PHONE, locale="nl-NL")
    page = context.new_page()
    page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
    return context, page


def test_a_member_and_a_guest_contribute_and_their_cards_reach_the_big_screen(
    page, browser, live_server, world
):
    b = maak_bijeenkomst(world.traject, begeleider=world.alice, blokken=2, gasten=True)
    polls = []
    page.on("response", lambda r: polls.append(r.status) if "/live/" in r.url else None)
    login(page, live_server, "alice")
    page.goto(f"{live_server.url}/bijeenkomsten/{b.pk}/presentatie/")
    expect(page.locator(".join-code")).to_have_text(b.code)
    page.get_by_role("button", name="Start de bijeenkomst").click()
    page.get_by_role("button", name="Invoer openen").click()
    expect(page.locator(".invoer-status")).to_have_text("Je kunt nu antwoorden")
    check_a11y(page, "presenter")

    csp = []
    bob_ctx, bob = _phone(browser, csp)
    login(bob, live_server, "bob")
    bob.goto(f"{live_server.url}/meedoen/{b.code}/")
    expect(bob.get_by_role("heading", name="Blok 1")).to_be_visible()
    bob.get_by_label("Jouw antwoord").fill("Wij <b>luisteren</b> goed")
    bob.get_by_role("button", name="Versturen").click()
    expect(bob.get_by_text("Verstuurd!")).to_be_visible()
    expect(bob.get_by_label("Jouw antwoord")).to_have_value("")
    check_a11y(bob, "participant")
    no_horizontal_scroll(bob)

    gast_ctx, gast = _phone(browser, csp)
    gast.goto(f"{live_server.url}/meedoen/")
    gast.get_by_label("Code van de bijeenkomst").fill(b.code.lower())
    gast.get_by_role("button", name="Meedoen").click()
    gast.get_by_label("Je voornaam").fill("Gea")
    gast.get_by_role("button", name="Meedoen als gast").click()
    gast.get_by_label("Jouw antwoord").fill("Fijn dat ik mee mag doen")
    gast.get_by_role("button", name="Versturen").click()
    expect(gast.get_by_text("Verstuurd!")).to_be_visible()
    # The guest sees the member's card too, without reloading, escaped.
    expect(gast.locator("#live-kaarten")).to_contain_text("Wij <b>luisteren</b> goed", timeout=6000)
    no_horizontal_scroll(gast)
    screenshot(gast, "bijeenkomst-gast-telefoon")

    # The big screen, never reloaded, shows both cards with names.
    kaarten = page.locator("#live .kaart")
    expect(kaarten).to_have_count(2, timeout=6000)
    expect(page.locator("#live")).to_contain_text("Wij <b>luisteren</b> goed")
    expect(page.locator("#live")).to_contain_text("Gea")
    # Unchanged polls answered 304, and a 304 left the cards in place.
    page.wait_for_timeout(4500)
    assert 304 in polls and 200 in polls, polls
    expect(kaarten).to_have_count(2)
    expect(page.locator("#live .stemmen")).to_have_count(0)
    screenshot(page, "bijeenkomst-presentatie")
    page.set_viewport_size(PHONE)
    no_horizontal_scroll(page)
    page.set_viewport_size(DESKTOP)

    # Bob votes on Gea's card; after a later change the shared poll render still shows his vote.
    expect(bob.locator("#live-kaarten .kaart")).to_have_count(2, timeout=6000)
    bob.locator("#live-kaarten .kaart", has_text="Fijn dat ik").get_by_role(
        "button", name=re.compile("^Stem")
    ).click()
    expect(bob.get_by_text("Je stem is geteld.")).to_be_visible()
    gast.get_by_label("Jouw antwoord").fill("Nog een idee")
    gast.get_by_role("button", name="Versturen").click()
    expect(bob.locator("#live-kaarten .kaart")).to_have_count(3, timeout=6000)
    gestemd = bob.locator("#live-kaarten .kaart", has_text="Fijn dat ik")
    expect(gestemd.get_by_text("Jij stemde hierop")).to_be_visible()
    expect(gestemd.get_by_role("button")).to_have_count(0)
    expect(bob.locator("#live-kaarten").get_by_role("button", name=re.compile("^Stem"))).to_have_count(2)
    expect(bob.locator("#mijn-stemmen")).to_have_text("Je hebt nog 2 stemmen.")

    # A guest cannot open the team's pages.
    response = gast.goto(f"{live_server.url}/trajecten/{world.traject.pk}/")
    assert response.status == 404

    # The begeleider moves on: the phone follows to the new question without reload.
    page.get_by_role("button", name="Volgend blok").click()
    expect(bob.get_by_role("heading", name="Blok 2")).to_be_visible(timeout=6000)

    page.get_by_text("Bijeenkomst afsluiten").click()
    page.get_by_label("Wat ging goed?").fill("Iedereen deed mee")
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Afsluiten").click()
    expect(page.get_by_role("heading", name=re.compile("Verslag"))).to_be_visible()
    expect(page.get_by_text("Fijn dat ik mee mag doen")).to_be_visible()
    check_a11y(page, "report")
    page.goto(f"{live_server.url}/bijeenkomsten/{b.pk}/")
    check_a11y(page, "planning")
    assert Bijeenkomst.objects.get(pk=b.pk).is_gesloten
    assert not csp, csp
    bob_ctx.close()
    gast_ctx.close()


def test_a_phone_that_drops_off_keeps_the_text_and_sends_it_when_back(browser, live_server, world):
    b = maak_bijeenkomst(world.traject, begeleider=world.alice, blokken=1, actief=True)
    csp = []
    ctx, bob = _phone(browser, csp)
    login(bob, live_server, "bob")
    bob.goto(f"{live_server.url}/bijeenkomsten/{b.pk}/meedoen/")
    # Typed text survives a reload (a draft in the browser).
    bob.get_by_label("Jouw antwoord").fill("Half getypt")
    bob.reload()
    expect(bob.get_by_label("Jouw antwoord")).to_have_value("Half getypt")
    # Offline: the send fails, the text stays, and it is sent once the phone is back.
    ctx.set_offline(True)
    bob.get_by_label("Jouw antwoord").fill("Zonder bereik geschreven")
    bob.get_by_role("button", name="Versturen").click()
    expect(bob.get_by_text("Geen verbinding")).to_be_visible()
    expect(bob.get_by_label("Jouw antwoord")).to_have_value("Zonder bereik geschreven")
    ctx.set_offline(False)
    expect(bob.get_by_text("Verstuurd!")).to_be_visible(timeout=10000)
    assert Inbreng.objects.filter(tekst="Zonder bereik geschreven").count() == 1
    # Input closed meanwhile: a clear message, the text stays in the field.
    Bijeenkomst.objects.get(pk=b.pk).huidig_blok.__class__.objects.filter(pk=b.huidig_blok_id).update(
        invoer_open=False
    )
    bob.get_by_label("Jouw antwoord").fill("Net te laat")
    bob.get_by_role("button", name="Versturen").click()
    expect(bob.get_by_text("staat niet (meer) open")).to_be_visible()
    expect(bob.get_by_label("Jouw antwoord")).to_have_value("Net te laat")
    assert not csp, csp
    ctx.close()


def test_a_participant_on_a_phone_sends_anonymously_and_no_screen_shows_the_name(
    page, browser, live_server, world
):
    b = maak_bijeenkomst(world.traject, begeleider=world.alice, blokken=1, actief=True)
    csp = []
    ctx, bob = _phone(browser, csp)
    login(bob, live_server, "bob")
    bob.goto(f"{live_server.url}/bijeenkomsten/{b.pk}/meedoen/")
    bob.get_by_label("Jouw antwoord").fill("Ik ben bang dat ik terugval")
    bob.get_by_label("Anoniem versturen").check()
    bob.get_by_role("button", name="Versturen").click()
    expect(bob.get_by_text("Verstuurd!")).to_be_visible()
    check_a11y(bob, "participant anonymous")
    no_horizontal_scroll(bob)
    assert Inbreng.objects.get().naam == ""
    login(page, live_server, "alice")
    for pad in ("presentatie", "verslag"):
        page.goto(f"{live_server.url}/bijeenkomsten/{b.pk}/{pad}/")
        kaart = page.locator("li, .kaart", has_text="Ik ben bang dat ik terugval").first
        expect(kaart).to_be_visible()
        assert "Bob" not in kaart.inner_text(), pad
    screenshot(bob, "deelnemer-anoniem")
    assert not csp, csp
    ctx.close()
