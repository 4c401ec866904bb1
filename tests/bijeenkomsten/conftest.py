import pytest

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
