"""The ED in a real browser: fill the own profile with consent, see it on the place, download
everything, read the log. axe on every page, phone and desktop."""

import json
from pathlib import Path

from ervaringsdeskundigen.services import inzage_geven
from tests.e2e.conftest import DESKTOP, PHONE, check_a11y, login, no_horizontal_scroll, screenshot
from tests.ervaringsdeskundigen.factories import PlekFactory, open_plek


def test_the_ed_views_and_exports_their_own_data(page, live_server, world):
    plek = PlekFactory(
        traject=world.traject, ervaringsdeskundige=world.bob, titel="Ervaringsdeskundige herstel"
    )
    open_plek(world.traject, titel="Ervaringsdeskundige wijkteam", statuut="vrijwillig")
    inzage_geven(eigenaar=world.bob, ontvanger=world.alice)
    login(page, live_server, "bob")

    page.get_by_role("link", name="Mijn gegevens").click()
    page.wait_for_url("**/mijn-gegevens/")
    check_a11y(page, "mijn gegevens")
    page.get_by_role("link", name="Ervaringsprofiel invullen").click()

    # Without consent nothing is stored; the message sits next to the field.
    page.get_by_label("Ervaringsthema", exact=True).fill("Armoede en schulden")
    page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_text("We bewaren dit alleen als je toestemming geeft.").first.is_visible()
    assert page.get_by_label("Ervaringsthema", exact=True).input_value() == "Armoede en schulden"
    check_a11y(page, "profile refused without consent")
    page.get_by_label("Ik geef toestemming").check()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**/mijn-gegevens/")
    assert page.get_by_text("Je ervaringsprofiel is opgeslagen.").is_visible()

    page.goto(f"{live_server.url}/trajecten/{world.traject.pk}/ervaringsdeskundigen/{plek.pk}/")
    assert page.get_by_role("heading", name="Eigen ervaring").is_visible()
    assert page.get_by_text("Armoede en schulden").is_visible()

    page.goto(f"{live_server.url}/mijn-gegevens/")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download mijn gegevens").click()
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert data["ervaringsdeskundigen.Ervaringsprofiel"][0]["ervaringsthema"] == "Armoede en schulden"

    page.get_by_role("link", name="Bekijk het logboek").click()
    assert page.get_by_role("cell", name="gedownload: alle persoonsgegevens (JSON)").first.is_visible()
    for path in (
        "/mijn-gegevens/logboek/",
        "/mijn-gegevens/",
        f"/trajecten/{world.traject.pk}/ervaringsdeskundigen/",
        f"/trajecten/{world.traject.pk}/ervaringsdeskundigen/{plek.pk}/",
    ):
        for name, size in (("telefoon", PHONE), ("desktop", DESKTOP)):
            page.set_viewport_size(size)
            page.goto(live_server.url + path)
            check_a11y(page, f"{path} at {name}")
            no_horizontal_scroll(page)
            screenshot(
                page,
                "ed-" + path.strip("/").replace("/", "-").replace(str(world.traject.pk), "t") + f"-{name}",
            )


def test_the_begeleider_plans_a_place_and_sees_errors_by_the_field(page, live_server, world):
    login(page, live_server, "alice")
    page.goto(f"{live_server.url}/trajecten/{world.traject.pk}/ervaringsdeskundigen/nieuw/")
    page.set_viewport_size(PHONE)
    page.get_by_label("Functietitel").fill("Ervaringsdeskundige wijkteam")
    page.get_by_label("Statuut").select_option("betaald")
    page.get_by_label("Uren per week").fill("61")
    page.get_by_label("In een eigen team van ervaringsdeskundigen").check()
    page.get_by_role("button", name="Opslaan").click()
    field = page.get_by_label("Uren per week")
    assert field.get_attribute("aria-invalid") == "true"
    assert "Meer dan 60 uur" in page.locator("#id_uren_per_week_error").inner_text()
    check_a11y(page, "place form with error")
    no_horizontal_scroll(page)
    screenshot(page, "ed-plek-form-fout-telefoon")
    field.fill("16")
    page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_role("heading", name="Ervaringsdeskundige wijkteam").is_visible()
    # htmx: change a recruitment step in place.
    page.get_by_label("Status van stap 1").select_option("klaar")
    with page.expect_response(lambda r: "/werving/" in r.url):
        page.get_by_role("button", name="Opslaan – stap 1").click()
    assert page.get_by_label("Status van stap 1").input_value() == "klaar"
    check_a11y(page, "place with recruitment")
    screenshot(page, "ed-plek-werving-telefoon")


def test_a_person_erases_their_account_after_giving_their_password(page, live_server, world):
    PlekFactory(traject=world.traject, ervaringsdeskundige=world.bob, titel="Ervaringsdeskundige herstel")
    login(page, live_server, "bob")
    page.goto(f"{live_server.url}/mijn-gegevens/")
    page.get_by_role("link", name="Mijn account wissen").click()
    check_a11y(page, "wissen")
    page.get_by_label("Je wachtwoord").fill("bob")
    page.get_by_role("button", name="Wis mijn account en gegevens").click()
    assert "Dit wachtwoord klopt niet." in page.locator("#id_wachtwoord_error").inner_text()
    assert page.get_by_role("navigation").first.is_visible(), "the page stays whole"
    check_a11y(page, "wissen with a wrong password")
    page.get_by_label("Je wachtwoord").fill("geheim-wachtwoord-123")
    page.get_by_role("button", name="Wis mijn account en gegevens").click()
    page.wait_for_url("**/account/inloggen/**")
    assert page.get_by_text("Je account en je gegevens zijn gewist.").is_visible()
    login_again = page.get_by_label("Gebruikersnaam")
    login_again.fill("bob")
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-123")
    page.get_by_role("button", name="Inloggen").click()
    assert page.get_by_role("alert").inner_text().startswith("Deze combinatie")
