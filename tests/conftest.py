import os
from dataclasses import dataclass

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import translation

from tests.factories import (
    LidmaatschapFactory,
    OrganisatieFactory,
    TeamFactory,
    TrajectFactory,
    UserFactory,
)
from trajecten.models import Perspectief, Rol

# Playwright's sync API runs an event loop in the test thread; Django must allow
# database access there (see GOTCHAS).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ACTORS = ["anoniem", "buitenstaander", "teamlid", "begeleider", "leidinggevende"]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _dutch_at_the_start():
    """Every test starts in Dutch: a request in English leaves English active in the thread."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@dataclass
class World:
    """Two organisations; the shared actors of every test.

    alice: begeleider of team A; bob: teamlid of team A (an ED); mira: leidinggevende
    of organisation A; charlie: begeleider of team B in organisation B (the outsider).
    """

    org: object
    team: object
    traject: object
    alice: object
    bob: object
    mira: object
    other_org: object
    other_team: object
    other_traject: object
    charlie: object

    def user(self, actor: str):
        return {
            "anoniem": None,
            "buitenstaander": self.charlie,
            "teamlid": self.bob,
            "begeleider": self.alice,
            "leidinggevende": self.mira,
        }[actor]

    def client(self, actor: str, **kwargs) -> Client:
        client = Client(**kwargs)
        user = self.user(actor)
        if user is not None:
            client.force_login(user)
        return client


@pytest.fixture
def world(db) -> World:
    org = OrganisatieFactory(naam="Zorggroep Alfa")
    team = TeamFactory(organisatie=org, naam="Team Alfa")
    alice = UserFactory(username="alice", first_name="Alice")
    bob = UserFactory(username="bob", first_name="Bob")
    mira = UserFactory(username="mira", first_name="Mira")
    charlie = UserFactory(username="charlie", first_name="Charlie")
    LidmaatschapFactory(user=alice, team=team, rol=Rol.BEGELEIDER)
    LidmaatschapFactory(user=bob, team=team, rol=Rol.TEAMLID, perspectief=Perspectief.ERVARINGSDESKUNDIGE)
    org.leidinggevenden.add(mira)
    traject = TrajectFactory(team=team, titel="Traject Alfa")
    traject.begeleiders.add(alice)

    other_org = OrganisatieFactory(naam="Gemeente Beta")
    other_team = TeamFactory(organisatie=other_org, naam="Team Beta")
    LidmaatschapFactory(user=charlie, team=other_team, rol=Rol.BEGELEIDER)
    other_traject = TrajectFactory(team=other_team, titel="Traject Beta")
    return World(org, team, traject, alice, bob, mira, other_org, other_team, other_traject, charlie)
