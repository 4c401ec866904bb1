"""The compass (chapter 10): the book's order N-E-W-S and dot votes as on kaarten."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from oefeningen import selectors, services
from oefeningen.models import Oefening, Stem
from oefeningen.soorten import get_kind
from tests.factories import LidmaatschapFactory, UserFactory
from tests.oefeningen.factories import INSTELLINGEN
from trajecten.models import Rol

HX = {"HX-Request": "true"}


def _url(world, oefening, tail=""):
    return f"/trajecten/{world.traject.pk}/oefeningen/{oefening.slug}/{tail}"


def _kompas(oef, stemmen=2):
    return oef("kompas", instellingen={**INSTELLINGEN["kompas"], "stemmen_per_persoon": stemmen})


def _kaart(world, kompas, richting, tekst, auteur=None):
    return services.bijdrage_toevoegen(
        traject=world.traject,
        oefening=kompas,
        auteur=auteur or world.bob,
        data={"item": richting, "tekst": tekst},
    )


def test_the_compass_page_runs_north_east_west_south(world):
    call_command("inhoud_laden", verbosity=0)
    kompas = Oefening.objects.get(slug="blik-op-morgen-kompas")
    html = world.client("teamlid").get(_url(world, kompas)).content.decode()
    koppen = re.findall(r'<h3 id="richting-(\w+)"', html)
    assert koppen == ["noord", "oost", "west", "zuid"]
    assert html.index("Noord: onze richting") < html.index("Oost: kansen") < html.index("West: valkuilen")
    assert html.index("West: valkuilen") < html.index("Zuid: energie onderweg")
    assert "Je hebt nog 8 stemmen over (van de 8)." in html


def test_the_kind_refuses_the_directions_in_another_order():
    kind = get_kind("kompas")
    richtingen = INSTELLINGEN["kompas"]["richtingen"]
    kind.validate_settings({"richtingen": richtingen})
    oud = [richtingen[i] for i in (0, 1, 3, 2)]  # N, E, S, W: the order before
    with pytest.raises(ValidationError, match="noord, oost, west, zuid"):
        kind.validate_settings({"richtingen": oud})
    with pytest.raises(ValidationError, match="stemmen_per_persoon"):
        kind.validate_settings({"richtingen": richtingen, "stemmen_per_persoon": 21})


def test_a_teamlid_votes_on_compass_cards_within_the_limit(world, oef):
    kompas = _kompas(oef, stemmen=2)
    a, b, c = (
        _kaart(world, kompas, r, t) for r, t in [("noord", "Doel"), ("west", "Valkuil"), ("zuid", "Energie")]
    )
    client = world.client("teamlid")
    response = client.post(_url(world, kompas, f"bijdragen/{a.pk}/stem/"), headers=HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="werkblad"' in html and "Je hebt nog 1 stem over (van de 2)." in html
    assert "Stem weghalen" in html
    # The same card twice counts once (idempotent), with a message and a 409.
    response = client.post(_url(world, kompas, f"bijdragen/{a.pk}/stem/"), headers=HX)
    assert response.status_code == 409 and "Je hebt al op deze kaart gestemd." in response.content.decode()
    assert client.post(_url(world, kompas, f"bijdragen/{b.pk}/stem/"), headers=HX).status_code == 200
    response = client.post(_url(world, kompas, f"bijdragen/{c.pk}/stem/"), headers=HX)
    assert response.status_code == 409 and "Je hebt al je 2 stemmen gebruikt" in response.content.decode()
    assert sorted(Stem.objects.values_list("bijdrage_id", flat=True)) == sorted([a.pk, b.pk])
    response = client.post(_url(world, kompas, f"bijdragen/{a.pk}/stem-weg/"))
    assert response.status_code == 302
    assert list(Stem.objects.values_list("bijdrage_id", flat=True)) == [b.pk]


def test_compass_cards_with_most_votes_come_first_in_their_direction(world, oef, dora):
    kompas = _kompas(oef, stemmen=3)
    _kaart(world, kompas, "noord", "Eerste")
    later = _kaart(world, kompas, "noord", "Later")
    for kiezer in (world.bob, dora):
        services.stem_uitbrengen(traject=world.traject, bijdrage=later, kiezer=kiezer)
    html = world.client("begeleider").get(_url(world, kompas)).content.decode()
    assert html.index("Later") < html.index("Eerste") and "2 stemmen" in html
    bijdragen = list(selectors.zichtbare_bijdragen(world.traject, kompas))
    assert kompas.kind.summary(kompas, bijdragen) == ["Noord: onze richting: Later (2 stemmen); Eerste"]


@pytest.mark.parametrize("actor,status", [("leidinggevende", 403), ("buitenstaander", 404), ("anoniem", 302)])
def test_only_the_team_votes_on_its_compass(world, oef, actor, status):
    kompas = _kompas(oef)
    kaart = _kaart(world, kompas, "oost", "Kans")
    response = world.client(actor).post(_url(world, kompas, f"bijdragen/{kaart.pk}/stem/"))
    assert response.status_code == status
    assert not Stem.objects.exists()


def test_a_teamlid_of_another_team_gets_a_404_on_a_compass_card(world, oef):
    kompas = _kompas(oef)
    kaart = _kaart(world, kompas, "oost", "Kans")
    eva = UserFactory(username="eva")
    LidmaatschapFactory(user=eva, team=world.other_team, rol=Rol.TEAMLID)
    client = world.client("anoniem")
    client.force_login(eva)
    assert client.post(_url(world, kompas, f"bijdragen/{kaart.pk}/stem/")).status_code == 404
    # Nor through their own trajectory's address: the card is not theirs.
    andere = f"/trajecten/{world.other_traject.pk}/oefeningen/{kompas.slug}/bijdragen/{kaart.pk}/stem/"
    assert client.post(andere).status_code == 404
    assert not Stem.objects.exists()
