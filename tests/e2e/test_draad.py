"""The step page in a real browser: its exercises' results in brief, phone and desktop, and the
suggestion to finish a step that the begeleider accepts."""

import re

from django.core.management import call_command
from playwright.sync_api import expect

from kwartiermaken.models import Stap, StapStatus, StapVoortgang
from oefeningen import services
from oefeningen.models import Oefening, OefeningStatus
from tests.e2e.conftest import check_a11y, login, no_horizontal_scroll, screenshot

TELEFOON = {"width": 375, "height": 800}
BUREAU = {"width": 1280, "height": 900}


def _vullen(world):
    call_command("inhoud_laden", verbosity=0)
    t = world.traject
    lessen = Oefening.objects.get(slug="draagvlak-lessen")
    for tekst in (
        "Toen de buurtteams startten, hielp het dat cliënten meepraatten over de opzet.",
        "We begonnen te groot: de volgende keer eerst één team.",
        "Eenlangwoordzonderspatiesomtezienofdepaginadanbreedwordtopeentelefoonvanslechts375pixels",
        "Cliënten merkten het verschil pas na een half jaar.",
    ):
        services.bijdrage_toevoegen(traject=t, oefening=lessen, auteur=world.bob, data={"tekst": tekst})
    keuze = Oefening.objects.get(slug="ervaringskennis-individueel-collectief")
    services.antwoorden_opslaan(
        traject=t,
        oefening=keuze,
        auteur=world.bob,
        antwoorden=[{"item": keuze.instellingen["opties"][0]["key"]}],
    )
    services.status_zetten(
        traject=t,
        oefening=Oefening.objects.get(slug="draagvlak-geschiedenis"),
        status=OefeningStatus.Status.AFGEROND,
    )


def test_the_step_page_shows_results_on_a_phone_and_a_desktop(page, live_server, world):
    _vullen(world)
    login(page, live_server, "bob")
    url = f"{live_server.url}/trajecten/{world.traject.pk}/kwartiermaken/stappen/fase-1-urgentie/"
    for naam, maat in (("telefoon", TELEFOON), ("desktop", BUREAU)):
        page.set_viewport_size(maat)
        page.goto(url)
        expect(page.get_by_role("heading", name="Oefeningen bij deze stap")).to_be_visible()
        expect(page.get_by_text("We begonnen te groot", exact=False)).to_be_visible()
        expect(page.get_by_text("1 antwoord, zichtbaar vanaf 3 mensen")).to_be_visible()
        no_horizontal_scroll(page)
        check_a11y(page, f"stap {naam}")
        screenshot(page, f"kwartiermaken-stap-{naam}")


def test_the_begeleider_accepts_the_suggestion_to_finish_a_step(page, live_server, world):
    _vullen(world)
    stap = Stap.objects.get(slug="fase-1-coalitie")
    for slug in stap.oefeningen:
        services.status_zetten(
            traject=world.traject,
            oefening=Oefening.objects.get(slug=slug),
            status=OefeningStatus.Status.AFGEROND,
        )
    login(page, live_server, "alice")
    page.goto(f"{live_server.url}/trajecten/{world.traject.pk}/kwartiermaken/stappen/fase-1-coalitie/")
    expect(
        page.get_by_text("Alle oefeningen bij deze stap zijn afgerond. Wil je de stap afronden?")
    ).to_be_visible()
    check_a11y(page, "stap met voorstel")
    page.set_viewport_size(TELEFOON)
    screenshot(page, "kwartiermaken-stap-voorstel-telefoon")
    page.get_by_role("button", name="Stap afronden").click()
    expect(page.get_by_text(re.compile("is nu: Klaar"))).to_be_visible()
    expect(page.get_by_role("button", name="Stap afronden")).to_have_count(0)
    assert StapVoortgang.objects.get(traject=world.traject, stap=stap).status == StapStatus.KLAAR
