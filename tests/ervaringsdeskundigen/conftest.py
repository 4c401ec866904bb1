import pytest

from ervaringsdeskundigen.services import profiel_opslaan
from tests.ervaringsdeskundigen.factories import PlekFactory
from tests.factories import LidmaatschapFactory, UserFactory
from trajecten.models import Rol

THEMA = "Thema-GEHEIM-psychose"
VERHAAL = "Verhaal-GEHEIM: opname in 2015"


@pytest.fixture
def ed(world):
    """bob fills a place in world.traject and has a consented sensitive profile; dave is another teamlid."""
    world.dave = UserFactory(username="dave", first_name="Dave")
    LidmaatschapFactory(user=world.dave, team=world.team, rol=Rol.TEAMLID)
    world.plek = PlekFactory(traject=world.traject, ervaringsdeskundige=world.bob, titel="ED herstel")
    profiel_opslaan(user=world.bob, ervaringsthema=THEMA, ervaringsverhaal=VERHAAL, toestemming_gegeven=True)
    return world


def client_for(world, user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client
