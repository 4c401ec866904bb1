"""The go/no-go form in a real browser, at phone width: refused input is answered in the
form's own page (menu and styles stay, the message by the field, the typed text kept), then
a go onder voorwaarden is recorded and the tracker says what it means. Screenshots of the
form and the tracker at 375 and 1280 px go to /tmp/besluit-*.png to look at."""

from playwright.sync_api import expect

from plan.models import Actie
from tests.e2e.conftest import DESKTOP, REFLOW, check_a11y, login, no_horizontal_scroll
from tests.kwartiermaken.conftest import laad_inhoud

SMAL = {"width": 375, "height": 740}


def shot(page, name):
    page.set_viewport_size(REFLOW)
    no_horizontal_scroll(page)  # nothing sideways at 320 px either
    for suffix, size in (("375", SMAL), ("1280", DESKTOP)):
        page.set_viewport_size(size)
        page.screenshot(path=f"/tmp/besluit-{name}-{suffix}.png", full_page=True)
    page.set_viewport_size(SMAL)
    page.evaluate("() => document.querySelectorAll('[style=\"\"]').forEach(e => e.removeAttribute('style'))")


def assert_page_whole(page):
    expect(page.locator("header nav")).to_be_visible()
    assert page.title().startswith("Go/no-go-besluit")
    assert page.locator("link[rel=stylesheet]").count() >= 2
    assert page.evaluate("getComputedStyle(document.body).fontSize") == "17px"  # app.css is on
    expect(page.get_by_role("heading", level=1)).to_have_text("Go/no-go-besluit")


def weeg(page, financiering="geregeld"):
    """Judge the three preconditions and rule out the four motives."""
    for key in ("ondersteuning", "draagvlak"):
        page.locator(f"input[name={key}][value=geregeld]").check()
    page.locator(f"input[name=financiering][value={financiering}]").check()
    for i in range(4):
        page.locator(f"#id_motieven_uitgesloten_{i}").check()


def test_refused_go_input_stays_in_place_and_a_go_under_conditions_is_recorded(page, live_server, world):
    laad_inhoud()
    page.set_viewport_size(SMAL)
    login(page, live_server, "mira")
    page.goto(f"{live_server.url}/trajecten/{world.traject.pk}/kwartiermaken/besluit/")
    check_a11y(page, "besluit form")
    shot(page, "leeg")

    # A condition without an owner, and a partly arranged precondition without explanation.
    weeg(page, financiering="deels")
    page.get_by_label("Go onder voorwaarden").check()
    page.get_by_label("Redenen").fill("Er is steun; het geld is nog maar voor één jaar.")
    page.locator("[name=voorwaarden-0-wat]").fill("Geld voor het tweede jaar is toegezegd.")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Besluit vastleggen").click()
    assert posted.value.status == 400
    assert_page_whole(page)
    eigenaar = page.locator("[name=voorwaarden-0-eigenaar]")
    expect(eigenaar).to_have_attribute("aria-invalid", "true")
    fout = page.locator("#id_voorwaarden-0-eigenaar_error")
    expect(fout).to_have_text("Kies wie voor deze voorwaarde zorgt: iemand van het team.")
    assert "id_voorwaarden-0-eigenaar_error" in eigenaar.get_attribute("aria-describedby")
    # the message sits right by its field: the same row, just below the select
    veld_box, fout_box = eigenaar.bounding_box(), fout.bounding_box()
    assert 0 <= fout_box["y"] - (veld_box["y"] + veld_box["height"]) < 40
    expect(page.locator("#id_financiering_toelichting_error")).to_have_text(
        "Schrijf kort op wat er nog ontbreekt."
    )
    expect(page.locator("[name=voorwaarden-0-wat]")).to_have_value("Geld voor het tweede jaar is toegezegd.")
    expect(page.get_by_label("Redenen")).to_have_value("Er is steun; het geld is nog maar voor één jaar.")
    expect(page.get_by_label("Go onder voorwaarden")).to_be_checked()
    expect(page.locator("input[name=financiering][value=deels]")).to_be_checked()
    expect(page.get_by_role("alert")).to_contain_text("Het besluit is nog niet vastgelegd.")
    no_horizontal_scroll(page)
    check_a11y(page, "besluit form with errors")
    shot(page, "fout")
    assert not Actie.objects.exists()

    # Put right: an owner and the explanation; the decision is recorded and the step done.
    eigenaar.select_option(label="Bob")
    page.get_by_label("Toelichting bij financiering").fill("Alleen voor 2027.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("Het besluit is vastgelegd.")
    betekenis = page.get_by_test_id("besluit-betekenis")
    expect(betekenis).to_contain_text("Go onder voorwaarden: 0 van 1 voorwaarde geregeld.")
    expect(page.locator("#besluit")).to_contain_text("Geld voor het tweede jaar is toegezegd.")
    expect(page.locator("#stap-verkenning-besluit")).to_contain_text("Klaar")
    check_a11y(page, "tracker with decision")
    shot(page, "traject")
    assert Actie.objects.get().eigenaar == world.bob
