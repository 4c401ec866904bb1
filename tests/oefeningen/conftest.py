import pytest

from tests.factories import LidmaatschapFactory, UserFactory
from tests.oefeningen.factories import OefeningFactory
from trajecten.models import Perspectief, Rol


@pytest.fixture
def oef(db):
    """oef("kaarten") -> an exercise of that kind (one per kind, reused)."""

    def make(soort="kaarten", **kwargs):
        return OefeningFactory(soort=soort, **kwargs)

    return make


@pytest.fixture
def dora(world):
    """A second teamlid of world.team (a professional)."""
    user = UserFactory(username="dora", first_name="Dora")
    LidmaatschapFactory(user=user, team=world.team, rol=Rol.TEAMLID, perspectief=Perspectief.PROFESSIONAL)
    return user


def add_members(world, n, perspectief=Perspectief.PROFESSIONAL, prefix="lid"):
    users = []
    for i in range(n):
        user = UserFactory(username=f"{prefix}{perspectief}{i}")
        LidmaatschapFactory(user=user, team=world.team, rol=Rol.TEAMLID, perspectief=perspectief)
        users.append(user)
    return users
