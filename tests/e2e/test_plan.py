"""The plan van aanpak in a real browser: download by the manager, accessible at 360 px and 1280 px."""

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from plan.models import PlanVersie
from tests.e2e.conftest import DESKTOP, PHONE, check_a11y, login, no_horizontal_scroll, screenshot
from tests.plan.conftest import inhoud, kompas_en_antwoorden, vul_plan  # noqa: F401  (fixtures)

pytestmark = pytest.mark.usefixtures("kompas_en_antwoorden")


def test_the_manager_downloads_the_plan_as_pdf(page, live_server, world, tmp_path):
    vul_plan(world.traject, world.alice)
    login(page, live_server, "mira")
    page.goto(f"{live_server.url}/trajecten/{world.traject.pk}/plan/")
    assert page.get_by_role("heading", name="Plan van aanpak", level=1).is_visible()
    check_a11y(page, "plan page as manager")
    screenshot(page, "plan-leidinggevende-desktop")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download als PDF").click()
    target = Path(tmp_path) / "plan.pdf"
    info.value.save_as(target)
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    text = " ".join(p.extract_text() for p in reader.pages).replace("\x00", "")
    assert "Besluit over aantal" in text and "Actie nummer 1" in text
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert PlanVersie.objects.filter(traject=world.traject, gemaakt_door=world.mira).count() == 1
    page.get_by_role("link", name="Eerdere versies").click()
    assert page.get_by_role("link", name="Versie 1 downloaden").is_visible()
    check_a11y(page, "plan versions")
    screenshot(page, "plan-versies-desktop")


def test_the_begeleider_page_fits_a_phone_and_turns_a_card_into_an_action(page, live_server, world):
    vul_plan(world.traject, world.alice, acties=2)
    login(page, live_server, "alice")
    url = f"{live_server.url}/trajecten/{world.traject.pk}/plan/"
    for name, size in (("telefoon", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        page.goto(url)
        check_a11y(page, f"plan page at {name}")
        no_horizontal_scroll(page)
        screenshot(page, f"plan-begeleider-{name}")
    page.get_by_text("Een kaart uit het kompas omzetten in een actie").click()
    page.get_by_role("button", name="Maak er een actie van – Ervaringskennis hoort").click()
    page.wait_for_url(lambda u: "#sectie-acties" in u)
    assert (
        page.locator("#sectie-acties .plan-acties")
        .get_by_text("Ervaringskennis hoort vanzelfsprekend bij elk team", exact=True)
        .is_visible()
    )


def test_the_begeleider_writes_a_decision_with_the_keyboard(page, live_server, world):
    login(page, live_server, "alice")
    page.goto(f"{live_server.url}/trajecten/{world.traject.pk}/plan/besluiten/betaling/")
    check_a11y(page, "decision form")
    screenshot(page, "plan-besluit-desktop")
    assert page.get_by_text("Betaald in loondienst").is_visible()  # positie-tijd feeds it
    page.get_by_label("Wat spreken we af?").focus()
    page.keyboard.type("Twee ED's, elk 24 uur")
    page.get_by_label("Eigenaar").select_option(label="Mira")
    page.keyboard.press("Tab")
    page.get_by_role("button", name="Opslaan").press("Enter")
    page.wait_for_url(lambda u: "#besluit-betaling" in u)
    assert page.locator("#besluit-betaling").get_by_text("Twee ED's, elk 24 uur").is_visible()
    check_a11y(page, "plan after saving a decision")
