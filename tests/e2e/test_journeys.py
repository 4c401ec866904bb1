"""The journeys of METHOD.md "Who uses the app", walked in Chromium across the apps.

Every page state a journey passes (empty, filled, with a validation error, after an htmx
swap) goes through `check_page`: axe-core with the WCAG 2.0/2.1/2.2 A and AA tags, no
sideways scrolling at 320 px, and screenshots at 360 and 1280 px in tests/e2e/screenshots/.

The steps are small functions so that tests/e2e/test_a11y_guard.py can break the app under
them (an unlabeled field, an htmx request answered with a 500) and prove that they fail.
"""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.conftest import PHONE, check_page, focused, login, wait_until, watch_csp

NEW_PASSWORD = "een-nieuw-wachtwoord-456"


@pytest.fixture(autouse=True)
def _fail_fast(page):
    """A missing element fails in 10 s instead of Playwright's default 30 s."""
    page.set_default_timeout(10_000)


# -- steps -------------------------------------------------------------------------------


def create_invite(page, *, aantal: str) -> str:
    """On the team page: make an invite link for `aantal` people; returns the link."""
    page.get_by_label("Hoeveel mensen mogen deze link gebruiken?").fill(aantal)
    page.get_by_role("button", name="Maak een uitnodigingslink").click()
    expect(page.get_by_role("status")).to_contain_text("De uitnodigingslink is gemaakt")
    link = page.get_by_label("Link", exact=True).first.input_value()
    assert "/uitnodiging/" in link
    return link


def join_with_new_account(page, link: str, *, voornaam: str, username: str, password: str):
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Word lid van")
    page.get_by_label("Voornaam").fill(voornaam)
    page.get_by_label("Gebruikersnaam").fill(username)
    page.locator("#id_password1").fill(password)
    page.locator("#id_password2").fill(password)
    page.get_by_label("Vanuit welk perspectief doe je mee?").select_option("ervaringsdeskundige")
    page.get_by_role("button", name="Account maken en lid worden").click()
    expect(page.get_by_role("status")).to_contain_text("Welkom!")


def mark_document(page):
    """Tag the loaded document, so a later check can tell an htmx swap from a full reload."""
    page.evaluate("() => { window.__sameDocument = true }")


def assert_swapped_in_place(page, context: str, *, focus: bool = True):
    assert page.evaluate("() => window.__sameDocument === true"), (
        f"the page reloaded instead of a swap: {context}"
    )
    if not focus:
        return
    # app.js moves focus on htmx:afterSettle, a moment after the new content is visible.
    try:
        wait_until(
            page, "() => document.activeElement && document.activeElement !== document.body", timeout=2000
        )
    except PlaywrightTimeout:
        raise AssertionError(f"focus fell to <body> after the htmx swap: {context}") from None


def add_card(page, label: str, text: str):
    """On a kaarten exercise: add a card; htmx swaps it in without a reload."""
    mark_document(page)
    page.get_by_label(label, exact=True).fill(text)
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.locator("#werkblad .kaart-tekst", has_text=text)).to_be_visible()
    # The message lands in a live region, so a screen reader announces it.
    expect(page.locator("[role=status][aria-live=polite]")).to_contain_text("Je bijdrage is toegevoegd.")
    assert_swapped_in_place(page, f"card {text!r}")


def set_step_status(page, step_title: str, status: str):
    """On the kwartiermaken tracker: change a step's status in place (htmx)."""
    mark_document(page)
    page.get_by_label(f"Nieuwe status van {step_title}").select_option(status)
    page.get_by_role("button", name=f"Zet de status van {step_title}").click()
    expect(page.locator("[role=status][aria-live=polite]")).not_to_be_empty()
    assert_swapped_in_place(page, f"step {step_title!r} to {status}")


# -- journeys ----------------------------------------------------------------------------


def test_begeleider_starts_a_traject_and_invites_a_member_who_joins_on_a_phone(
    page, live_server, world, new_context
):
    call_command("inhoud_laden", verbosity=0)
    # The begeleider, on a laptop: login page empty, then Mijn teams.
    response = page.goto(live_server.url + "/")
    assert "/account/inloggen/" in page.url
    assert response.status == 200
    check_page(page, "inloggen")
    login(page, live_server, "alice")
    expect(page.get_by_role("heading", name="Mijn teams")).to_be_visible()
    check_page(page, "mijn-teams-begeleider")

    page.get_by_role("link", name="Team Alfa").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Team Alfa")
    check_page(page, "team-begeleider-leeg", shots=False)

    # A new trajectory: empty form, then a validation error, then saved.
    page.get_by_role("link", name="Nieuw traject").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuw traject")
    check_page(page, "traject-nieuw", shots=False)
    page.get_by_label("Titel").fill("")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Opslaan").click()
    assert posted.value.status == 400
    titel = page.get_by_label("Titel")
    expect(titel).to_have_attribute("aria-invalid", "true")
    error_id = titel.get_attribute("aria-describedby").split()[0]
    expect(page.locator(f"[id='{error_id}']")).to_contain_text("verplicht")
    check_page(page, "traject-nieuw-fout", shots=False)
    titel.fill("Traject Gamma: samen met ervaringsdeskundigen")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Traject Gamma: samen met ervaringsdeskundigen")
    expect(page.get_by_role("status")).to_contain_text("Het traject is aangemaakt.")
    check_page(page, "traject-begeleider")

    # The invite: a number out of range is refused next to the field, the typed value kept.
    page.get_by_role("link", name="Team Alfa").click()
    aantal = page.get_by_label("Hoeveel mensen mogen deze link gebruiken?")
    aantal.fill("0")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Maak een uitnodigingslink").click()
    assert posted.value.status == 400
    expect(aantal).to_have_value("0")
    expect(aantal).to_have_attribute("aria-invalid", "true")
    check_page(page, "team-uitnodiging-fout", shots=False)
    link = create_invite(page, aantal="2")
    check_page(page, "team-met-uitnodiging")

    # The member, on a phone in a browser of their own, without an account.
    phone = new_context().new_page()
    phone.set_default_timeout(10_000)
    phone.set_viewport_size(PHONE)
    csp_errors = watch_csp(phone)
    phone.goto(link)
    check_page(phone, "uitnodiging-leeg")
    phone.get_by_label("Voornaam").fill("Dana")
    phone.get_by_label("Gebruikersnaam").fill("dana")
    phone.locator("#id_password1").fill("dana-wachtwoord-789")
    phone.locator("#id_password2").fill("iets-anders-789")
    phone.get_by_role("button", name="Account maken en lid worden").click()
    expect(phone.locator("#id_password2")).to_have_attribute("aria-invalid", "true")
    expect(phone.get_by_label("Voornaam")).to_have_value("Dana")
    expect(phone.get_by_label("Gebruikersnaam")).to_have_value("dana")
    check_page(phone, "uitnodiging-fout")
    join_with_new_account(phone, link, voornaam="Dana", username="dana", password="dana-wachtwoord-789")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Team Alfa")
    expect(phone.get_by_role("table")).to_contain_text("Dana")
    # A teamlid sees neither the invite form nor the team settings.
    expect(phone.get_by_role("button", name="Maak een uitnodigingslink")).to_have_count(0)
    check_page(phone, "team-teamlid")
    phone.get_by_role("link", name="Traject Gamma: samen met ervaringsdeskundigen").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Traject Gamma")
    expect(phone.get_by_role("link", name="Traject bewerken")).to_have_count(0)
    check_page(phone, "traject-teamlid")

    # Exercises on the phone: the overview, then a card exercise in its four states.
    phone.get_by_role("link", name="Oefeningen").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Oefeningen")
    check_page(phone, "oefeningen-overzicht")
    phone.get_by_role("link", name="Onze sterke kanten").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Onze sterke kanten")
    expect(phone.get_by_text("Nog geen kaarten.")).to_be_visible()
    check_page(phone, "oefening-kaarten-leeg")
    mark_document(phone)
    phone.get_by_role("button", name="Toevoegen").click()  # empty: refused next to the field
    kaart = phone.get_by_label("Sterkte", exact=True)
    expect(kaart).to_have_attribute("aria-invalid", "true")
    expect(phone.locator("[role=status][aria-live=polite]")).to_contain_text("Er ging iets mis")
    assert_swapped_in_place(phone, "empty card refused")
    assert focused(phone)["name"] == "tekst", "focus should return to the field with the error"
    check_page(phone, "oefening-kaarten-fout", shots=False)
    add_card(phone, "Sterkte", "We luisteren echt naar cliënten <b>en</b> familie")
    expect(phone.locator("#werkblad b")).to_have_count(0)  # typed HTML is shown as text
    add_card(phone, "Sterkte", "We vragen cliënten om raad")
    phone.get_by_role("button", name=re.compile(r"^Stem\W+We vragen cliënten om raad")).click()
    expect(phone.locator(".stemmen-over")).to_contain_text("Je hebt nog 2 stemmen over")
    assert_swapped_in_place(phone, "vote")
    check_page(phone, "oefening-kaarten-gevuld")

    # A shared text and a scale, saved in place.
    phone.get_by_role("link", name="Oefeningen").click()
    phone.get_by_role("link", name="Hoe onze organisatie in elkaar zit").click()
    check_page(phone, "oefening-tekst-leeg", shots=False)
    mark_document(phone)
    phone.get_by_label("Jullie tekst").fill("Ons team hoort bij de afdeling Wonen.")
    phone.get_by_role("button", name="Tekst opslaan").click()
    expect(phone.locator(".gedeelde-tekst")).to_have_text("Ons team hoort bij de afdeling Wonen.")
    expect(phone.locator(".teamweergave")).to_contain_text("Versie 1, laatst opgeslagen door Dana")
    assert_swapped_in_place(phone, "shared text")
    check_page(phone, "oefening-tekst-gevuld")
    phone.get_by_role("link", name="Oefeningen").click()
    phone.get_by_role("link", name="Hoe waarderen wij de drie soorten kennis?").click()
    check_page(phone, "oefening-schaal-leeg", shots=False)
    mark_document(phone)
    for group in phone.locator("#werkblad fieldset").all():
        group.get_by_label("4", exact=True).check()
    phone.get_by_role("button", name="Opslaan").click()
    expect(phone.locator("[role=status][aria-live=polite]")).to_contain_text("Je antwoord is opgeslagen.")
    # Dana is the only one so far: no spread yet, so no one is recognisable.
    expect(phone.locator(".teamweergave .te-weinig").first).to_contain_text("zie je vanaf 3 mensen")
    assert_swapped_in_place(phone, "scale")
    check_page(phone, "oefening-schaal-gevuld")
    assert not csp_errors, csp_errors

    # Back on the laptop, the begeleider sees who joined through the link.
    page.reload()
    expect(page.locator("#uitnodigingen")).to_contain_text("Lid geworden via deze link: Dana")
    expect(page.locator("#uitnodigingen")).to_contain_text("1 van 2 keer gebruikt")
    check_page(page, "team-na-lid-worden", shots=False)

    # ... and the cards Dana wrote, with the begeleider's controls.
    page.get_by_role("link", name="Traject Gamma: samen met ervaringsdeskundigen").click()
    page.get_by_role("link", name="Oefeningen").click()
    page.get_by_role("link", name="Onze sterke kanten").click()
    expect(page.locator("#werkblad .kaart-tekst")).to_have_count(2)
    expect(page.locator("#werkblad .kaart").first).to_contain_text("1 stem")
    expect(page.get_by_role("button", name="Markeer als afgerond")).to_be_visible()
    check_page(page, "oefening-kaarten-begeleider")

    # The begeleider groups the cards in place; an empty group name is refused first.
    page.get_by_text("Kaarten in groepen leggen").click()
    mark_document(page)
    page.get_by_role("button", name="Groep maken").click()
    naam = page.get_by_label("Naam van een nieuwe groep")
    expect(naam).to_have_attribute("aria-invalid", "true")
    assert_swapped_in_place(page, "empty group name")
    check_page(page, "oefening-kaarten-groep-fout", shots=False)
    naam.fill("Samen doen")
    page.get_by_role("button", name="Groep maken").click()
    expect(page.get_by_role("heading", name="Samen doen")).to_be_visible()
    page.get_by_label("Groep", exact=True).first.select_option(label="Samen doen")
    page.get_by_role("button", name="Verplaats").first.click()
    groep = page.locator("section.kaartgroep", has=page.get_by_role("heading", name="Samen doen"))
    expect(groep.locator(".kaart")).to_have_count(1)
    assert_swapped_in_place(page, "card moved to a group")
    check_page(page, "oefening-kaarten-gegroepeerd")


def test_a_locked_login_keeps_the_page_whole_and_refuses_even_the_right_password(page, live_server, world):
    """Five wrong passwords lock bob at this address (429 on the login page itself, the
    username kept); the right password is refused until the lock ends."""
    page.goto(f"{live_server.url}/account/inloggen/")
    for attempt in range(5):
        page.get_by_label("Gebruikersnaam").fill("bob")
        page.get_by_label("Wachtwoord").fill(f"fout-{attempt}")
        with page.expect_response(lambda r: r.request.method == "POST") as answer:
            page.get_by_role("button", name="Inloggen").click()
    assert answer.value.status == 429
    expect(page.get_by_role("alert")).to_contain_text(
        "Te veel mislukte pogingen. Probeer het over 15 minuten"
    )
    expect(page.get_by_label("Gebruikersnaam")).to_have_value("bob")
    check_page(page, "inloggen-geblokkeerd", shots=False)
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-123")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.get_by_role("button", name="Inloggen").click()
    assert answer.value.status == 429
    assert "/account/inloggen/" in page.url


def test_account_pages_language_switch_404_and_the_accessibility_statement(page, live_server, world):
    login(page, live_server, "bob")

    # Password change: empty, wrong old password, then saved; the new password works.
    page.get_by_role("link", name="Wachtwoord").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wachtwoord wijzigen")
    check_page(page, "wachtwoord-leeg", shots=False)
    page.get_by_label("Oud wachtwoord").fill("niet-het-goede")
    page.locator("#id_new_password1").fill(NEW_PASSWORD)
    page.get_by_label("Nieuw wachtwoord bevestigen").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(page.get_by_label("Oud wachtwoord")).to_have_attribute("aria-invalid", "true")
    check_page(page, "wachtwoord-fout", shots=False)
    page.get_by_label("Oud wachtwoord").fill("geheim-wachtwoord-123")
    page.locator("#id_new_password1").fill(NEW_PASSWORD)
    page.get_by_label("Nieuw wachtwoord bevestigen").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wachtwoord gewijzigd")
    check_page(page, "wachtwoord-gewijzigd", shots=False)

    # Language switch in the footer: English, and back to Dutch; the page stays where it was.
    page.get_by_role("link", name="Naar mijn teams").click()
    page.get_by_label("Taal").select_option("en")
    page.get_by_role("button", name="Kies").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Team Alfa")).to_be_visible()
    check_page(page, "mijn-teams-engels", shots=False)
    page.locator("#taalkeuze").select_option("nl")
    page.locator("footer").get_by_role("button").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn teams")

    # Log out and in again with the new password.
    page.get_by_role("button", name=re.compile("Uitloggen")).click()
    login(page, live_server, "bob", password=NEW_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn teams")

    # Another organisation's team and an unknown address: the same 404, naming nothing.
    response = page.goto(f"{live_server.url}/teams/{world.other_team.pk}/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Deze pagina bestaat niet")
    expect(page.locator("body")).not_to_contain_text("Team Beta")
    check_page(page, "404", shots=False)
    response = page.goto(f"{live_server.url}/bestaat-niet/")
    assert response.status == 404

    # The accessibility statement, reached through the footer link, says how it is tested.
    page.get_by_role("link", name="Toegankelijkheid").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Toegankelijkheidsverklaring")
    expect(page.locator("main")).to_contain_text("axe-core")
    check_page(page, "toegankelijkheid")


def test_leidinggevende_records_go_reads_the_overview_and_downloads_the_plan(page, live_server, world):
    call_command("inhoud_laden", verbosity=0)
    login(page, live_server, "mira")
    check_page(page, "mijn-teams-leidinggevende")
    page.get_by_role("link", name="Zorggroep Alfa").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zorggroep Alfa")
    check_page(page, "organisatie-leidinggevende", shots=False)

    # The organisation overview: every team side by side.
    page.get_by_role("link", name=re.compile("Overzicht kwartiermaken")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overzicht kwartiermaken")
    expect(page.get_by_role("table")).to_contain_text("Team Alfa")
    check_page(page, "kwartiermaken-overzicht")

    # The go/no-go decision: empty form, a decision without reasons, then recorded.
    page.goto(f"{live_server.url}/trajecten/{world.traject.pk}/")
    check_page(page, "traject-leidinggevende", shots=False)
    page.get_by_role("link", name="Kwartiermaken").click()
    check_page(page, "kwartiermaken-traject-leeg", shots=False)
    page.get_by_role("link", name="Besluit vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Go/no-go-besluit")
    check_page(page, "besluit-leeg", shots=False)
    page.get_by_label("Go: we gaan door").check()
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Besluit vastleggen").click()
    assert posted.value.status == 400
    redenen = page.get_by_label("Redenen")
    expect(redenen).to_have_attribute("aria-invalid", "true")
    expect(page.locator("main")).to_contain_text("Schrijf op waarom je dit besluit neemt.")
    expect(page.get_by_label("Go: we gaan door")).to_be_checked()
    check_page(page, "besluit-fout", shots=False)
    redenen.fill("Bestuur en financier steunen het; twee teams willen starten met een pilot.")
    for key in ("ondersteuning", "financiering", "draagvlak"):
        page.locator(f"input[name={key}][value=geregeld]").check()
    for i in range(4):  # the four motives the handreiking advises against, ruled out
        page.locator(f"#id_motieven_uitgesloten_{i}").check()
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("Het besluit is vastgelegd.")
    expect(page.locator("#besluit")).to_contain_text("Go: we gaan door")
    check_page(page, "kwartiermaken-traject-besluit")

    # The plan page, and its PDF: kept as a version, and it carries the decision.
    page.goto(f"{live_server.url}/trajecten/{world.traject.pk}/")
    page.get_by_role("link", name="Plan van aanpak").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan van aanpak")
    check_page(page, "plan")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download als PDF").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    pdf = PdfReader(download.path())
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert "Team Alfa" in text
    assert "twee teams willen starten met een pilot" in " ".join(text.split())
    page.reload()
    expect(page.get_by_role("link", name=re.compile("Eerdere versies"))).to_contain_text("(1)")


def test_a_session_with_presenter_view_and_two_participants(page, live_server, world, new_context):
    call_command("inhoud_laden", verbosity=0)
    login(page, live_server, "alice")
    page.goto(f"{live_server.url}/trajecten/{world.traject.pk}/")

    # Before the session the begeleider moves a kwartiermaken step, in place on the tracker.
    page.get_by_role("link", name="Kwartiermaken").click()
    set_step_status(page, "Beschrijf waarom je dit wilt", "klaar")
    expect(page.locator("#kw-tracker")).to_contain_text("1 van 4")
    check_page(page, "kwartiermaken-traject-begeleider")
    page.get_by_role("link", name="Traject Alfa").click()
    page.get_by_role("link", name="Bijeenkomsten").click()
    check_page(page, "bijeenkomsten-lijst-leeg", shots=False)

    # Planning: a missing title is refused next to the field; then saved with an exercise block.
    page.get_by_role("link", name="Nieuwe bijeenkomst plannen").click()
    check_page(page, "bijeenkomst-nieuw-leeg", shots=False)
    page.get_by_label("Datum").fill("2026-12-01")
    page.get_by_label("Begintijd").fill("13:30")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Opslaan").click()
    assert posted.value.status == 400
    expect(page.get_by_label("Titel")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("main")).to_contain_text("Geef de bijeenkomst een titel.")
    expect(page.get_by_label("Begintijd")).to_have_value("13:30")
    check_page(page, "bijeenkomst-nieuw-fout")
    page.get_by_label("Titel").fill("Eerste bijeenkomst: onze sterke kanten")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Eerste bijeenkomst")
    check_page(page, "bijeenkomst-leeg", shots=False)
    page.get_by_label("Soort").select_option("oefening")
    page.get_by_label("Oefening", exact=True).select_option("context-sterktes")
    page.get_by_role("button", name="Toevoegen aan de agenda").click()
    expect(page.locator("ol.agenda")).to_contain_text("Onze sterke kanten")
    page.get_by_role("button", name="Gasten toelaten").click()
    check_page(page, "bijeenkomst-planning")

    # The big screen: planned, then started with input open.
    page.get_by_role("link", name="Open het presentatiescherm").click()
    code = page.locator(".join-code").inner_text().strip()
    check_page(page, "presentatie-gepland", shots=False)
    page.get_by_role("button", name="Start de bijeenkomst").click()
    page.get_by_role("button", name="Invoer openen").click()
    expect(page.locator(".invoer-status")).to_have_text("Je kunt nu antwoorden")
    check_page(page, "presentatie-actief", shots=False)

    # Participant 1: bob on his phone, first with a mistyped code.
    bob = new_context().new_page()
    bob.set_viewport_size(PHONE)
    bob.set_default_timeout(10_000)
    csp_errors = watch_csp(bob)
    login(bob, live_server, "bob")
    bob.goto(f"{live_server.url}/meedoen/")
    check_page(bob, "meedoen-code", shots=False)
    bob.get_by_label("Code van de bijeenkomst").fill("ZZZZZZ")
    bob.get_by_role("button", name="Meedoen").click()
    expect(bob.get_by_label("Code van de bijeenkomst")).to_have_attribute("aria-invalid", "true")
    expect(bob.locator("main")).to_contain_text("Deze code kennen we niet")
    check_page(bob, "meedoen-code-fout", shots=False)
    bob.get_by_label("Code van de bijeenkomst").fill(code)
    bob.get_by_role("button", name="Meedoen").click()
    antwoord = bob.get_by_label("Jouw antwoord")
    expect(antwoord).to_be_visible()
    check_page(bob, "deelnemer-leeg", shots=False)
    antwoord.fill("We geven elkaar de ruimte")
    bob.get_by_role("button", name="Versturen").click()
    expect(bob.get_by_text("Verstuurd!")).to_be_visible()
    check_page(bob, "deelnemer-verstuurd", shots=False)

    # Participant 2: a guest with only a first name.
    gast = new_context().new_page()
    gast.set_viewport_size(PHONE)
    gast.set_default_timeout(10_000)
    gast_csp_errors = watch_csp(gast)
    gast.goto(f"{live_server.url}/meedoen/{code}/")
    check_page(gast, "meedoen-gast", shots=False)
    gast.get_by_label("Je voornaam").fill("Gea")
    gast.get_by_role("button", name="Meedoen als gast").click()
    gast.get_by_label("Jouw antwoord").fill("Iedereen mag iets zeggen")
    gast.get_by_role("button", name="Versturen").click()
    expect(gast.get_by_text("Verstuurd!")).to_be_visible()
    # Each phone sees the other's card arrive by polling, without a reload.
    expect(gast.locator("#live-kaarten")).to_contain_text("We geven elkaar de ruimte", timeout=8000)
    check_page(gast, "deelnemer-gast-met-kaarten")

    # The big screen got both cards through its polls, in place.
    mark_document(page)
    expect(page.locator("#live .kaart")).to_have_count(2, timeout=8000)
    expect(page.locator("#live")).to_contain_text("Gea")
    assert_swapped_in_place(page, "presenter poll", focus=False)
    check_page(page, "presentatie-met-kaarten")

    # Closing with an appreciative evaluation: the report keeps the cards.
    page.get_by_text("Bijeenkomst afsluiten").click()
    page.get_by_label("Wat ging goed?").fill("Iedereen deed mee, ook via de telefoon.")
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Afsluiten").click()
    expect(page.get_by_role("heading", name=re.compile("Verslag"))).to_be_visible()
    expect(page.locator("main")).to_contain_text("Iedereen mag iets zeggen")
    check_page(page, "verslag")
    assert not csp_errors + gast_csp_errors, csp_errors + gast_csp_errors
