"""Keyboard-only use of the main flows: skip link, tab order, visible focus, no trap.

Focus after an htmx swap is checked in the journeys of the apps that swap (see
test_journeys.py); here we check the pages every person passes through.
"""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils.timezone import now
from playwright.sync_api import expect

from tests.bijeenkomsten.factories import maak_bijeenkomst
from tests.e2e.conftest import PHONE, assert_visible_focus, focused, login, wait_until
from trajecten.services import uitnodiging_aanmaken

TABBABLES_JS = """() => {
  const all = [...document.querySelectorAll(
    'a[href], button, input, select, textarea, details > summary:first-of-type, [contenteditable], [tabindex]')];
  const radioDone = new Set();
  const list = all.filter(e => {
    if (e.disabled || e.tabIndex < 0 || e.type === 'hidden' || e.closest('[inert]')) return false;
    const closed = e.closest('details:not([open])');  // hidden in a closed <details>, except its summary
    if (closed && !(e.tagName === 'SUMMARY' && e.parentElement === closed)) return false;
    const s = getComputedStyle(e);
    if (s.visibility === 'hidden' || s.display === 'none' || !e.getClientRects().length) return false;
    if (e.type === 'radio') {  // one stop per radio group
      if (radioDone.has(e.name)) return false;
      const checked = document.querySelector(`input[type=radio][name="${e.name}"]:checked`);
      if (checked && checked !== e) return false;
      radioDone.add(e.name);
    }
    return true;
  });
  list.forEach((e, i) => { e.dataset.kb = i; });
  return {count: list.length,
          positive: all.filter(e => e.tabIndex > 0).map(e => e.outerHTML.slice(0, 80))};
}"""

POSITION_JS = """() => { const e = document.activeElement; const r = e.getBoundingClientRect();
  return {kb: e.dataset ? e.dataset.kb : undefined, top: r.top + scrollY, mid: r.top + scrollY + r.height / 2,
          left: r.left + scrollX, right: r.right + scrollX,
          html: e.outerHTML.slice(0, 80)} }"""


def check_tab_walk(page, context: str) -> list[dict]:
    """Tab through the whole page from the top; assert order, visible focus and no trap."""
    info = page.evaluate(TABBABLES_JS)
    assert info["positive"] == [], f"positive tabindex breaks the order {context}: {info['positive']}"
    assert info["count"] > 0
    # Start before the first control, whatever was focused: focus it, then Shift+Tab out of
    # the page (which also proves there is no trap backwards).
    page.evaluate("() => document.querySelector('[data-kb=\"0\"]').focus()")
    page.keyboard.press("Shift+Tab")
    assert focused(page) is None, f"Shift+Tab on the first control stays in the page {context}"
    visited = []
    for _ in range(info["count"]):
        page.keyboard.press("Tab")
        assert_visible_focus(page, f"{context}, stop {len(visited) + 1}")
        visited.append(page.evaluate(POSITION_JS))
    strays = [v for v in visited if v["kb"] is None]
    assert not strays, f"Tab reached elements outside the list of controls {context}: {strays}"
    order = [int(v["kb"]) for v in visited]
    # The Tab order is the document order: nothing skipped, nothing visited twice, no loop.
    assert order == list(range(info["count"])), f"tab order differs from document order {context}: {order}"
    # ... and it follows the reading order on screen: no stop jumps above the one before,
    # unless it moves on to the right (the next cell of a table row, the next column).
    for before, after in zip(visited, visited[1:], strict=False):
        moves_right = after["left"] >= before["right"] - 1
        assert after["mid"] >= before["top"] - 1 or moves_right, (
            f"focus jumps up the page {context}: {before} -> {after}"
        )
    # No trap: after the last control, Tab leaves the page or wraps to the skip link.
    page.keyboard.press("Tab")
    if focused(page) is None:
        page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.dataset.kb") == "0", (
        f"no way back to the top {context}"
    )
    return visited


@pytest.fixture(autouse=True)
def _fail_fast(page):
    page.set_default_timeout(10_000)


def test_login_and_skip_link_with_the_keyboard_only(page, live_server, world):
    page.goto(live_server.url + "/account/inloggen/")
    # The username field has autofocus: type, Tab, type, Enter.
    assert focused(page)["name"] == "username"
    page.keyboard.type("alice")
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "password"
    assert_visible_focus(page, "password field")
    page.keyboard.type("geheim-wachtwoord-123")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn teams")

    # The first Tab shows the skip link on screen; Enter moves focus to the main content.
    page.keyboard.press("Tab")
    skip = assert_visible_focus(page, "skip link")
    assert skip["text"] == "Naar de inhoud"
    assert skip["inViewport"]
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "inhoud"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('main') !== null"), focused(page)
    assert focused(page)["text"] == "Team Alfa"
    check_tab_walk(page, "mijn teams")


def test_team_page_tab_order_and_invite_made_with_the_keyboard(page, live_server, world):
    login(page, live_server, "alice")
    page.goto(f"{live_server.url}/teams/{world.team.pk}/")
    check_tab_walk(page, "team page")

    # Make an invite link with the keyboard: from the role field, Tab through the form, Enter.
    page.get_by_label("Rol").focus()
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "max_gebruik"
    page.keyboard.press("Control+A")
    page.keyboard.type("3")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("De uitnodigingslink is gemaakt")
    expect(page.locator("#uitnodigingen")).to_contain_text("0 van 3 keer gebruikt")
    check_tab_walk(page, "team page with an invite")


def test_joining_on_a_phone_with_the_keyboard_only(page, live_server, world):
    link = uitnodiging_aanmaken(
        team=world.team, door=world.alice, rol="teamlid", max_gebruik=1, verloopt_op=now() + timedelta(days=1)
    )
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + link.get_absolute_url())
    check_tab_walk(page, "invite page")

    page.get_by_label("Voornaam").focus()
    page.keyboard.type("Eva")
    for value in ("eva", "eva-wachtwoord-321", "eva-wachtwoord-321"):
        page.keyboard.press("Tab")
        page.keyboard.type(value)
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "perspectief"
    page.keyboard.type("Erva")  # typing selects the matching option of a closed <select>
    assert page.get_by_label("Vanuit welk perspectief doe je mee?").input_value() == "ervaringsdeskundige"
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Account maken en lid worden"
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Welkom!")
    expect(page.get_by_role("table")).to_contain_text("Ervaringsdeskundige")
    check_tab_walk(page, "team page as the new member, on a phone")


def tab_to(page, predicate, context: str, limit: int = 80) -> dict:
    """Press Tab until the focused element matches `predicate`; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = focused(page)
        if info and predicate(info):
            return info
    raise AssertionError(f"Tab never reached the control {context}")


def test_cards_and_votes_on_a_phone_with_the_keyboard_only(page, live_server, world):
    call_command("inhoud_laden", verbosity=0)
    page.set_viewport_size(PHONE)
    login(page, live_server, "bob")
    page.goto(f"{live_server.url}/trajecten/{world.traject.pk}/oefeningen/context-sterktes/")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Enter")
    tab_to(page, lambda f: f["name"] == "tekst", "card field")
    page.keyboard.type("We nemen de tijd voor elkaar")
    tab_to(page, lambda f: f["text"] == "Toevoegen", "add button")
    page.keyboard.press("Enter")
    expect(page.locator(".kaart-tekst")).to_have_text("We nemen de tijd voor elkaar")
    # After the swap focus is back in the card field, ready for the next card.
    wait_until(page, "() => document.activeElement.name === 'tekst'")
    assert_visible_focus(page, "card field after the swap")

    tab_to(page, lambda f: f["text"].startswith("Stem"), "vote button")
    page.keyboard.press("Enter")
    expect(page.locator(".kaart .stemmen-telling")).to_have_text("1 stem")
    # The swap replaced the button; focus goes to the card that got the vote, not to <body>.
    wait_until(page, "() => document.activeElement.id.startsWith('bijdrage-')")
    assert_visible_focus(page, "card after the vote")
    check_tab_walk(page, "card exercise with a card, on a phone")


def test_a_participant_answers_in_a_session_with_the_keyboard_only(page, live_server, world):
    b = maak_bijeenkomst(world.traject, begeleider=world.alice, blokken=1, actief=True)
    page.set_viewport_size(PHONE)
    login(page, live_server, "bob")
    page.goto(f"{live_server.url}/meedoen/")
    # The code field: type the code, Enter.
    page.get_by_label("Code van de bijeenkomst").focus()
    page.keyboard.type(b.code)
    page.keyboard.press("Enter")
    expect(page.get_by_label("Jouw antwoord")).to_be_visible()
    check_tab_walk(page, "participant view")
    assert focused(page)["text"] == "Naar de inhoud"  # the walk ends back on the skip link
    page.keyboard.press("Enter")
    tab_to(page, lambda f: f["tag"] == "textarea", "answer field")
    page.keyboard.type("Ik wil graag meedenken")
    tab_to(page, lambda f: f["text"] == "Versturen", "send button")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Verstuurd!")).to_be_visible()
    wait_until(page, "() => document.activeElement !== document.body", timeout=2000)
    assert_visible_focus(page, "after sending")


def test_the_begeleider_runs_the_big_screen_with_the_keyboard(page, live_server, world):
    b = maak_bijeenkomst(world.traject, begeleider=world.alice, blokken=2, actief=True)
    login(page, live_server, "alice")
    page.goto(f"{live_server.url}/bijeenkomsten/{b.pk}/presentatie/")
    expect(page.locator(".blok-positie")).to_contain_text("Blok 1 van 2")
    check_tab_walk(page, "presenter view")
    tab_to(page, lambda f: f["text"] == "Volgend blok", "next block button")
    page.keyboard.press("Enter")
    expect(page.locator(".blok-positie")).to_contain_text("Blok 2 van 2")
    check_tab_walk(page, "presenter view, second block")


def test_tracker_plan_and_overview_tab_in_reading_order_with_visible_focus(page, live_server, world):
    call_command("inhoud_laden", verbosity=0)
    login(page, live_server, "alice")
    page.goto(f"{live_server.url}/trajecten/{world.traject.pk}/kwartiermaken/")
    check_tab_walk(page, "kwartiermaken tracker")
    page.goto(f"{live_server.url}/trajecten/{world.traject.pk}/oefeningen/")
    check_tab_walk(page, "exercise overview")
    page.context.clear_cookies()
    login(page, live_server, "mira")
    page.goto(f"{live_server.url}/trajecten/{world.traject.pk}/plan/")
    check_tab_walk(page, "plan page")
    page.goto(f"{live_server.url}/organisaties/{world.org.pk}/overzicht/")
    check_tab_walk(page, "organisation overview")
