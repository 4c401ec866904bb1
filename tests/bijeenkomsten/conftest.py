import pytest
from django.core.management import call_command

from bijeenkomsten import services
from tests.factories import LidmaatschapFactory, UserFactory
from trajecten.models import Rol

from .factories import maak_bijeenkomst


@pytest.fixture
def sessie(world):
    """A running session of world.traject, led by alice, input open on its first block."""
    return maak_bijeenkomst(world.traject, begeleider=world.alice, actief=True)


@pytest.fixture
def tweede_begeleider(world):
    dora = UserFactory(username="dora", first_name="Dora")
    LidmaatschapFactory(user=dora, team=world.team, rol=Rol.BEGELEIDER)
    return dora


@pytest.fixture
def inhoud(db):
    call_command("inhoud_laden", verbosity=0)


@pytest.fixture
def kaartsessie(world, inhoud):
    b = maak_bijeenkomst(world.traject, begeleider=world.alice, blokken=0)
    client = world.client("begeleider")
    response = client.post(
        f"/bijeenkomsten/{b.pk}/blokken/",
        {
            "soort": "oefening",
            "oefening_slug": "context-sterktes",
            "duur_minuten": 20,
            "groepsgrootte": "individueel",
        },
    )
    assert response.status_code == 302
    client.post(f"/bijeenkomsten/{b.pk}/starten/")
    b.refresh_from_db()
    services.blok_zetten(blok=b.huidig_blok, veld="invoer_open", waarde=True)
    return b
