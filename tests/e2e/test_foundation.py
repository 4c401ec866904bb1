"""The foundation in a real browser: log in, see only your teams, accessible pages."""

from tests.e2e.conftest import DESKTOP, PHONE, check_a11y, login, no_horizontal_scroll, screenshot


def test_it_logs_in_and_shows_only_own_teams(page, live_server, world):
    page.goto(live_server.url + "/")
    check_a11y(page, "login page")
    login(page, live_server, "bob")
    assert page.get_by_role("heading", name="Mijn teams").is_visible()
    assert page.get_by_role("link", name="Team Alfa").is_visible()
    assert page.get_by_text("Team Beta").count() == 0
    check_a11y(page, "mijn teams")
    screenshot(page, "mijn-teams-desktop")


def test_wrong_password_shows_error_next_to_the_form(page, live_server, world):
    page.goto(live_server.url + "/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("bob")
    page.get_by_label("Wachtwoord").fill("fout")
    page.get_by_role("button", name="Inloggen").click()
    assert page.get_by_role("alert").inner_text().startswith("Deze combinatie")
    assert page.get_by_label("Gebruikersnaam").input_value() == "bob"
    check_a11y(page, "login with error")


def test_pages_fit_a_phone_and_pass_axe(page, live_server, world):
    login(page, live_server, "alice")
    for path in ["/", f"/teams/{world.team.pk}/", f"/trajecten/{world.traject.pk}/", "/toegankelijkheid/"]:
        for name, size in (("telefoon", PHONE), ("desktop", DESKTOP)):
            page.set_viewport_size(size)
            page.goto(live_server.url + path)
            check_a11y(page, f"{path} at {name}")
            no_horizontal_scroll(page)
            screenshot(page, f"{path.strip('/').replace('/', '-') or 'start'}-{name}")
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + f"/teams/{world.team.pk}/")
    no_horizontal_scroll(page)
