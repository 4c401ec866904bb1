"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Helpers every e2e test uses: `login`, `check_a11y` (axe-core, WCAG 2.0/2.1/2.2 A and AA),
`screenshot` (writes to tests/e2e/screenshots/, ignored by git), `no_horizontal_scroll`.
"""

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
AXE_JS = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
SCREENSHOTS = Path(__file__).parent / "screenshots"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-NL", "viewport": DESKTOP}


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fail_on_csp_violations(request):
    """Any Content-Security-Policy violation in the browser console fails the test."""
    if "page" not in request.fixturenames:
        yield
        return
    page = request.getfixturevalue("page")
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None)
    yield
    assert not errors, f"CSP violations: {errors}"


def login(page, live_server, username, password="geheim-wachtwoord-123"):
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(lambda url: "/account/inloggen/" not in url)


def check_a11y(page, context: str = ""):
    """Run axe-core on the current page; fail on any WCAG A/AA violation."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # evaluate() goes through the DevTools protocol, which the page's CSP does not
        # govern; a <script> tag would be (rightly) refused by our CSP.
        page.evaluate(AXE_JS)
    result = page.evaluate(
        "async (tags) => await window.axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    violations = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]
    assert not violations, f"axe violations on {page.url} {context}:\n" + json.dumps(violations, indent=2)


def screenshot(page, name: str):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    # Playwright's screenshot leaves empty style="" attributes behind; htmx would copy them
    # onto swapped-in elements, which our CSP (rightly) reports as an inline style.
    page.evaluate("() => document.querySelectorAll('[style=\"\"]').forEach(e => e.removeAttribute('style'))")


def no_horizontal_scroll(page):
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    culprits = page.evaluate(
        """() => { const w = document.documentElement.clientWidth;
        return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 0.5
          || e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible')
          .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + e.className).slice(0, 8) }"""
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px: {culprits}"


# -- Added for the journeys (issue 8). Additive only: the helpers above keep their names. --

REFLOW = {"width": 320, "height": 640}


def watch_csp(page) -> list[str]:
    """Collect CSP violations of a page made outside the `page` fixture (a second browser)."""
    errors: list[str] = []

    def record(msg):
        if "Content Security Policy" in msg.text:
            errors.append(
                f"{page.url} {msg.location.get('url', '')}:{msg.location.get('lineNumber')}: {msg.text}"
            )

    page.on("console", record)
    return errors


def check_page(page, name: str, *, shots: bool = True, reflow: bool = True):
    """Everything a visited page state must pass: axe, no sideways scroll at 320 px, screenshots.

    The viewport is restored afterwards, so a journey can call this at every step. Motion is
    reduced first, so a button the mouse happens to rest on is checked in its final hover
    colours rather than halfway through Bootstrap's colour transition.
    """
    page.emulate_media(reduced_motion="reduce")
    check_a11y(page, name)
    original = page.viewport_size
    if reflow:
        page.set_viewport_size(REFLOW)
        no_horizontal_scroll(page)
    if shots:
        for suffix, size in (("360", PHONE), ("1280", DESKTOP)):
            page.set_viewport_size(size)
            screenshot(page, f"{name}-{suffix}")
    if original and page.viewport_size != original:
        page.set_viewport_size(original)


FOCUS_STYLE_JS = """() => { const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return null;
  const s = getComputedStyle(e); const r = e.getBoundingClientRect();
  return {tag: e.tagName.toLowerCase(), id: e.id, name: e.getAttribute('name'),
    text: (e.innerText || e.value || e.getAttribute('aria-label') || '').trim().slice(0, 60),
    outline: s.outlineStyle === 'none' || parseFloat(s.outlineWidth) === 0 ? 'none' : s.outlineStyle + ' ' + s.outlineWidth,
    shadow: s.boxShadow, visible: r.width > 0 && r.height > 0,
    inViewport: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth} }"""


def focused(page) -> dict | None:
    """The focused element and its focus style; None when focus is on <body>."""
    return page.evaluate(FOCUS_STYLE_JS)


def assert_visible_focus(page, context: str = ""):
    info = focused(page)
    assert info is not None, f"focus is on <body> {context}"
    assert info["visible"], f"focused element has no size {context}: {info}"
    assert info["outline"] != "none" or info["shadow"] not in ("", "none"), (
        f"focused element shows no focus indicator {context}: {info}"
    )
    return info


def wait_until(page, expression: str, timeout: float = 3000):
    """Wait until a JavaScript expression is truthy in the page.

    Playwright's wait_for_function re-evaluates a string predicate inside the page, which
    our CSP (no unsafe-eval) forbids once it has to poll; page.evaluate goes through the
    DevTools protocol, which the page's CSP does not govern. Raises PlaywrightTimeout.
    """
    import time

    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    body = expression.strip()
    if not body.startswith("()"):
        body = f"() => ({body})"
    deadline = time.monotonic() + timeout / 1000
    while True:
        if page.evaluate(body):
            return
        if time.monotonic() > deadline:
            raise PlaywrightTimeout(f"waited {timeout} ms for: {expression}")
        page.wait_for_timeout(50)
