"""Kwartiermaken in a real browser: a go/no-go decision, the overview, moving a step, the scan."""

import re

from playwright.sync_api import expect

from kwartiermaken.models import ScanVraag
from kwartiermaken.services import scan_beantwoorden
from tests.e2e.conftest import PHONE, check_a11y, login, no_horizontal_scroll, screenshot
from tests.kwartiermaken.conftest import laad_inhoud


def test_leidinggevende_records_a_decision_and_opens_the_overview(page, live_server, world):
    laad_inhoud()
    login(page, live_server, "mira")
    page.goto(f"{live_server.url}/trajecten/{world.traject.pk}/kwartiermaken/")
    page.get_by_role("link", name="Besluit vastleggen").click()
    check_a11y(page, "besluit form")
    page.get_by_role("button", name="Besluit vastleggen").click()  # empty: refused next to the fields
    expect(page.get_by_text("Schrijf op waarom je dit besluit neemt.", exact=True)).to_be_visible()
    check_a11y(page, "besluit form with errors")
    for key, oordeel in (("ondersteuning", "geregeld"), ("financiering", "niet"), ("draagvlak", "deels")):
        page.locator(f"input[name={key}][value={oordeel}]").check()
    page.get_by_label("Toelichting bij financiering").fill("Geen budget in 2027.")
    page.get_by_label("Toelichting bij draagvlak").fill("Eén team twijfelt.")
    page.get_by_label("No-go: we stoppen of wachten").check()
    page.get_by_label("Redenen").fill("Nog geen geld voor een pilot.")
    page.get_by_label("Datum van het besluit").fill("2026-10-01")
    page.get_by_label("We stoppen", exact=True).check()
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_text("Besluit: No-go: we stoppen of wachten")).to_be_visible()
    expect(page.get_by_text("genomen door Mira")).to_be_visible()

    page.goto(f"{live_server.url}/organisaties/{world.org.pk}/")
    page.get_by_role("link", name=re.compile("Overzicht kwartiermaken")).click()
    table = page.get_by_role("table")
    expect(table.get_by_role("link", name="Team Alfa")).to_be_visible()
    expect(table.get_by_text("No-go: gestopt.")).to_be_visible()
    check_a11y(page, "overzicht")
    screenshot(page, "kwartiermaken-overzicht-desktop")
    page.set_viewport_size(PHONE)
    no_horizontal_scroll(page)
    screenshot(page, "kwartiermaken-overzicht-telefoon")


def test_begeleider_moves_a_step_and_sees_progress_change(page, live_server, world):
    laad_inhoud()
    login(page, live_server, "alice")
    page.goto(f"{live_server.url}/trajecten/{world.traject.pk}/kwartiermaken/")
    totaal = page.get_by_test_id("totaal-procent")
    expect(totaal).to_have_text("0%")
    expect(page.get_by_role("img", name=re.compile("Voortgang kwartiermaken"))).to_be_visible()
    check_a11y(page, "tracker")
    page.get_by_role("link", name=re.compile("^Bijwerken.*Beschrijf waarom je dit wilt")).click()
    check_a11y(page, "stap form")
    page.get_by_label("Status").select_option("klaar")
    page.get_by_label("Eigenaar").select_option(label="Bob")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_test_id("totaal-procent")).to_have_text("5%")
    expect(page.locator("#stap-verkenning-aanleiding")).to_contain_text("Klaar")
    expect(page.locator("#stap-verkenning-aanleiding")).to_contain_text("Bob")

    # The quick status change on the tracker (htmx): progress and signals change in place.
    page.get_by_label("Nieuwe status van Breng de huidige situatie in kaart").select_option("klaar")
    page.get_by_role("button", name=re.compile("^Zet.*Breng de huidige situatie in kaart")).click()
    expect(page.get_by_test_id("totaal-procent")).to_have_text("11%")
    expect(page.locator("#meldingen")).to_contain_text("is nu: Klaar")
    expect(page.get_by_label("Nieuwe status van Breng de huidige situatie in kaart")).to_be_focused()
    check_a11y(page, "tracker after htmx swap")
    # A refused change (400) is shown too, not silently dropped (htmx responseHandling in base.html).
    page.evaluate(
        """() => { const s = document.getElementById('status-fase-1-visie');
        s.add(new Option('nvt', 'nvt', true, true)); }"""
    )
    page.get_by_role("button", name=re.compile("^Zet.*Ontwikkel een gezamenlijke visie")).click()
    expect(page.locator("#meldingen")).to_contain_text("waarom deze stap niet van toepassing is")
    expect(page.get_by_test_id("totaal-procent")).to_have_text("11%")

    # A fase 2 step before fase 2 is started: refused with a message next to the status.
    page.goto(f"{live_server.url}/trajecten/{world.traject.pk}/kwartiermaken/stappen/fase-2-werven/")
    page.get_by_label("Status").select_option("bezig")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Start eerst fase 2")).to_be_visible()

    # The leading coalition: an ED as project lead raises a signal with its source.
    page.goto(f"{live_server.url}/trajecten/{world.traject.pk}/kwartiermaken/coalitie/")
    page.get_by_label("Naam").fill("Eva")
    page.get_by_label("Rol in de coalitie").select_option("projectleider")
    page.get_by_label("Is ervaringsdeskundige").check()
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_text("Een ervaringsdeskundige is projectleider")).to_be_visible()
    check_a11y(page, "coalitie")

    # Starting fase 2 without a go: the warning must be confirmed, then it is recorded.
    page.goto(f"{live_server.url}/trajecten/{world.traject.pk}/kwartiermaken/fase-2-starten/")
    expect(page.get_by_role("alert")).to_contain_text("nog geen go-besluit")
    check_a11y(page, "fase 2 starten")
    page.get_by_label("Ik heb de waarschuwing gelezen").check()
    page.get_by_role("button", name="Fase 2 starten").click()
    expect(page.get_by_text("zonder go-besluit; de waarschuwing is vastgelegd.")).to_be_visible()
    expect(
        page.get_by_text("Fase 2 is gestart zonder go-besluit. Neem alsnog een go/no-go-besluit.")
    ).to_be_visible()

    page.goto(f"{live_server.url}/trajecten/{world.traject.pk}/kwartiermaken/scan/")
    page.get_by_role("group", name=re.compile("Is er genoeg geld")).get_by_label("Deels").check()
    page.get_by_role("button", name="Antwoorden opslaan").click()
    # One person: no counts yet, so no one is recognisable (trajecten/zichtbaarheid.py).
    expect(page.locator("#spreiding")).to_contain_text("zie je vanaf 3 mensen")
    geld = ScanVraag.objects.get(slug="geld")
    for user in (world.bob, world.mira):
        scan_beantwoorden(traject=world.traject, user=user, antwoorden={geld: ("ja", "")})
    page.reload()
    expect(page.locator("#spreiding")).to_contain_text("Is er genoeg geld?")
    check_a11y(page, "scan")
    page.set_viewport_size(PHONE)
    no_horizontal_scroll(page)
    page.goto(f"{live_server.url}/trajecten/{world.traject.pk}/kwartiermaken/")
    no_horizontal_scroll(page)
    screenshot(page, "kwartiermaken-tracker-telefoon")
