"""The English interface in a browser: a person picks English once, and the method content
(exercise, phases, steps, scan) follows, on a phone and a laptop, after the next login too."""

import re

from django.core.management import call_command

from kwartiermaken.models import ScanVraag, Stap
from oefeningen.models import Oefening
from tests.e2e.conftest import check_page, login


def test_english_is_chosen_once_and_the_content_follows(page, live_server, world):
    call_command("inhoud_laden", verbosity=0)
    oefening = Oefening.objects.get(slug="context-spelregels")
    stap = Stap.objects.order_by("fase__nummer", "volgorde").first()
    vraag = ScanVraag.objects.order_by("volgorde").first()
    traject = f"{live_server.url}/trajecten/{world.traject.pk}"

    login(page, live_server, "bob")
    page.get_by_label("Taal").select_option("en")
    page.get_by_role("button", name="Kies").click()
    page.get_by_role("link", name="My teams").wait_for()

    page.goto(f"{traject}/oefeningen/{oefening.slug}/")
    page.get_by_role("heading", name=oefening.titel_en).wait_for()
    assert page.get_by_text(oefening.doel_en).is_visible()
    assert page.get_by_label(oefening.instellingen["items"][0]["label_en"]).is_visible()
    assert oefening.titel not in page.content()
    check_page(page, "engels-oefening")

    page.goto(f"{traject}/kwartiermaken/")
    page.get_by_text(stap.titel_en).first.wait_for()
    assert stap.titel not in page.inner_text("main")
    check_page(page, "engels-kwartiermaken")

    page.goto(f"{traject}/kwartiermaken/scan/")
    assert page.get_by_text(re.compile(re.escape(vraag.vraag_en))).first.is_visible()
    check_page(page, "engels-scan")

    # The choice belongs to the account: after logging out and in again it is still English.
    page.get_by_role("button", name=re.compile("^Log out")).click()
    page.context.clear_cookies()
    login(page, live_server, "bob")
    page.goto(f"{traject}/oefeningen/{oefening.slug}/")
    page.get_by_role("heading", name=oefening.titel_en).wait_for()
