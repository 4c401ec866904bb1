"""Getting back in (issue 18): a begeleider hands a member a password link on a phone."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, check_a11y, login, no_horizontal_scroll, watch_csp

PHONE_375 = {"width": 375, "height": 812}


def test_a_begeleider_hands_over_a_password_link_and_the_member_sets_a_password_on_a_phone(
    page, live_server, world, new_context
):
    page.set_viewport_size(PHONE_375)
    login(page, live_server, "alice")
    page.goto(f"{live_server.url}/teams/{world.team.pk}/")
    page.on("dialog", lambda dialog: dialog.accept())  # "Een nieuwe wachtwoordlink maken voor Bob?"
    page.get_by_role("button", name=re.compile(r"^Nieuw wachtwoord laten kiezen\W+Bob$")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuw wachtwoord voor Bob")
    expect(page.get_by_text("De link werkt één keer, en 30 minuten lang")).to_be_visible()
    qr = page.get_by_role("img", name="QR-code met de link voor een nieuw wachtwoord voor Bob")
    expect(qr).to_be_visible()
    link = page.get_by_label("Link", exact=True).input_value()
    assert "/wachtwoord/nieuw/" in link
    # The text alternative of the QR code: the same link, readable and copyable.
    expect(page.locator("figcaption")).to_contain_text("dezelfde link")
    page.emulate_media(reduced_motion="reduce")
    check_a11y(page, "herstel-link 375")
    no_horizontal_scroll(page)
    page.screenshot(path="/tmp/a2-herstel-375.png", full_page=True)
    page.set_viewport_size(DESKTOP)
    check_a11y(page, "herstel-link 1280")
    page.screenshot(path="/tmp/a2-herstel-1280.png", full_page=True)

    # The member, on a phone in a browser of their own, not logged in.
    phone = new_context().new_page()
    phone.set_default_timeout(10_000)
    phone.set_viewport_size(PHONE_375)
    csp_errors = watch_csp(phone)
    phone.goto(link)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Kies een nieuw wachtwoord")
    expect(phone.get_by_role("main")).to_contain_text("bob")
    check_a11y(phone, "herstel-formulier")
    phone.locator("#id_new_password1").fill("Zonnebloem-Fiets-42")
    phone.locator("#id_new_password2").fill("Zonnebloem-Fiets-42")
    phone.screenshot(path="/tmp/a2-herstel-formulier-375.png", full_page=True)
    phone.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(phone.get_by_role("heading", name="Mijn teams")).to_be_visible()
    expect(phone.get_by_role("status")).to_contain_text(
        "Je nieuwe wachtwoord is opgeslagen en je bent ingelogd"
    )
    expect(phone.get_by_role("button", name="Uitloggen (Bob)")).to_be_visible()

    # The link worked once: opening it again says so.
    response = phone.goto(link)
    assert response.status == 410
    expect(phone.get_by_role("main")).to_contain_text("al gebruikt")
    assert not csp_errors, csp_errors
