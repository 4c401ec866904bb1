"""The thread from exercise to step: a step page shows its exercises' results in brief, their
status and what is open, and suggests finishing the step; the exercise page names its steps."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kwartiermaken.models import Stap, StapStatus, StapVoortgang
from oefeningen import services
from oefeningen.models import Bijdrage, Oefening, OefeningStatus
from tests.oefeningen.conftest import add_members

STAP = "fase-1-urgentie"
KAARTEN = "draagvlak-lessen"  # kaarten, serves fase-1-urgentie
KEUZE = "ervaringskennis-individueel-collectief"  # keuze, serves fase-1-urgentie
SUGGESTIE = "Alle oefeningen bij deze stap zijn afgerond. Wil je de stap afronden?"


@pytest.fixture
def inhoud(world):
    call_command("inhoud_laden", verbosity=0)
    return world


def _url(world, slug=STAP):
    return f"/trajecten/{world.traject.pk}/kwartiermaken/stappen/{slug}/"


def _pagina(world, actor="teamlid", slug=STAP):
    response = world.client(actor).get(_url(world, slug))
    assert response.status_code == 200
    return response.content.decode()


def _kaart(world, slug, tekst, auteur=None):
    return services.bijdrage_toevoegen(
        traject=world.traject,
        oefening=Oefening.objects.get(slug=slug),
        auteur=auteur or world.bob,
        data={"tekst": tekst},
    )


def _status(world, slug, status):
    services.status_zetten(traject=world.traject, oefening=Oefening.objects.get(slug=slug), status=status)


def test_a_card_entered_in_an_exercise_appears_on_its_step_page(inhoud):
    world = inhoud
    assert "We leerden van de buurtteams" not in _pagina(world)
    _kaart(world, KAARTEN, "We leerden van de buurtteams")
    for actor in ("teamlid", "begeleider", "leidinggevende"):
        html = _pagina(world, actor)
        assert "We leerden van de buurtteams" in html
        assert Oefening.objects.get(slug=KAARTEN).titel in html


def test_a_hidden_exercise_shows_nothing_of_its_content_on_the_step_page(inhoud):
    world = inhoud
    oefening = Oefening.objects.get(slug=KAARTEN)
    _kaart(world, KAARTEN, "Geheim tot onthullen")
    services.zichtbaarheid_zetten(traject=world.traject, oefening=oefening, verborgen=True)
    for actor in ("teamlid", "begeleider"):
        html = _pagina(world, actor)
        assert "Geheim tot onthullen" not in html
        assert "Nog verborgen" in html
    services.zichtbaarheid_zetten(traject=world.traject, oefening=oefening, verborgen=False)
    assert "Geheim tot onthullen" in _pagina(world)


def test_a_held_back_card_does_not_reach_the_step_page(inhoud):
    world = inhoud
    bijdrage = _kaart(world, KAARTEN, "Naam van een cliënt erin")
    services.achterhouden(bijdrage=bijdrage, reden="naam")
    assert "Naam van een cliënt erin" not in _pagina(world, "begeleider")
    assert "Naam van een cliënt erin" not in _pagina(world, "teamlid")


def test_a_small_group_aggregate_shows_only_how_many_answered(inhoud):
    world = inhoud
    oefening = Oefening.objects.get(slug=KEUZE)
    optie = oefening.instellingen["opties"][0]
    services.antwoorden_opslaan(
        traject=world.traject, oefening=oefening, auteur=world.bob, antwoorden=[{"item": optie["key"]}]
    )
    html = _pagina(world)
    assert f"{optie['label']}: 1" not in html
    assert "1 antwoord, zichtbaar vanaf 3 mensen" in html
    for user in add_members(world, 2):
        services.antwoorden_opslaan(
            traject=world.traject, oefening=oefening, auteur=user, antwoorden=[{"item": optie["key"]}]
        )
    assert f"{optie['label']}: 3" in _pagina(world)


def test_the_step_page_shows_each_status_and_what_is_open(inhoud):
    world = inhoud
    stap = Stap.objects.get(slug=STAP)
    _kaart(world, KAARTEN, "Een les")  # bezig
    _status(world, "draagvlak-geschiedenis", OefeningStatus.Status.AFGEROND)
    html = _pagina(world)
    n = len(stap.oefeningen)
    assert f"1 van {n} oefeningen afgerond." in html
    assert f"Nog open: {n - 1} oefeningen." in html

    def badge(slug):
        titel = Oefening.objects.get(slug=slug).titel
        return html.split(f">{titel}</a>", 1)[1].split("</h3>", 1)[0]

    assert 'kw-oef-afgerond">Afgerond' in badge("draagvlak-geschiedenis")
    assert 'kw-oef-bezig">Bezig' in badge(KAARTEN)
    assert 'kw-oef-niet_gestart">Niet gestart' in badge(KEUZE)


def test_finishing_every_exercise_suggests_finishing_the_step_but_never_does_it(inhoud):
    world = inhoud
    stap = Stap.objects.get(slug=STAP)
    for slug in stap.oefeningen[:-1]:
        _status(world, slug, OefeningStatus.Status.AFGEROND)
    assert SUGGESTIE not in _pagina(world, "begeleider")
    _status(world, stap.oefeningen[-1], OefeningStatus.Status.AFGEROND)
    assert not StapVoortgang.objects.filter(traject=world.traject, stap=stap).exists()  # not by itself
    html = _pagina(world, "begeleider")
    assert SUGGESTIE in html and "Stap afronden" in html
    teamlid = _pagina(world, "teamlid")
    assert SUGGESTIE in teamlid and "Stap afronden" not in teamlid  # the begeleider decides

    status_url = f"{_url(world)}status/"
    assert world.client("teamlid").post(status_url, {"status": "klaar", "terug": "stap"}).status_code == 403
    response = world.client("begeleider").post(status_url, {"status": "klaar", "terug": "stap"})
    assert response.status_code == 302 and response["Location"] == _url(world)
    assert StapVoortgang.objects.get(traject=world.traject, stap=stap).status == StapStatus.KLAAR
    assert SUGGESTIE not in _pagina(world, "begeleider")


def test_no_suggestion_for_a_fase_2_step_before_fase_2_is_started(inhoud):
    world = inhoud
    stap = Stap.objects.get(slug="fase-2-ondersteuning")
    for slug in stap.oefeningen:
        _status(world, slug, OefeningStatus.Status.AFGEROND)
    assert SUGGESTIE not in _pagina(world, "begeleider", slug=stap.slug)


def test_only_the_begeleider_gets_the_edit_form(inhoud):
    world = inhoud
    assert 'name="eigenaar"' in _pagina(world, "begeleider")
    for actor in ("teamlid", "leidinggevende"):
        assert 'name="eigenaar"' not in _pagina(world, actor)
    assert world.client("teamlid").post(_url(world), {"status": "bezig"}).status_code == 403


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_step_page_uses_a_fixed_number_of_queries(inhoud, django_assert_num_queries):
    world = inhoud
    stap = Stap.objects.get(slug=STAP)
    stap.oefeningen = [KAARTEN, KEUZE]
    stap.save()
    _kaart(world, KAARTEN, "Eén")
    client = world.client("teamlid")
    klein = _count(client, _url(world))

    alle = list(Oefening.objects.values_list("slug", flat=True))
    stap.oefeningen = alle
    stap.save()
    oefening = Oefening.objects.get(slug=KAARTEN)
    Bijdrage.objects.bulk_create(
        [
            Bijdrage(traject=world.traject, oefening=oefening, auteur=world.bob, tekst=f"Kaart {i}")
            for i in range(200)
        ]
    )
    for slug in alle[:20]:
        _status(world, slug, OefeningStatus.Status.BEZIG)
    with django_assert_num_queries(klein):
        html = client.get(_url(world)).content.decode()
    assert html.count('class="kw-resultaat"') == len(alle)
    assert "Kaart 199" in html or "En nog" in html
    assert klein <= 12


def test_the_exercise_page_links_to_the_steps_it_serves(inhoud):
    world = inhoud
    html = (
        world.client("teamlid")
        .get(f"/trajecten/{world.traject.pk}/oefeningen/positie-statuut/")
        .content.decode()
    )
    assert f'href="{_url(world, "fase-1-plan")}"' in html
    assert f'href="{_url(world, "fase-2-beloning")}"' in html
    assert "Fase 1: Maak een concreet plan" in html
