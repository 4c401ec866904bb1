from datetime import date, timedelta

import pytest
from django.utils import timezone

from plan import bronnen
from plan.models import Actie, Besluit, Onderwerp

KAARTEN = [
    {"id": 101, "richting": "noord", "tekst": "Ervaringskennis hoort vanzelfsprekend bij elk team"},
    {"id": 102, "richting": "zuid", "tekst": "De verhalen van cliënten geven ons energie"},
    {"id": 103, "richting": "west", "tekst": "Valkuil: de ED wordt een goedkope kracht"},
    {"id": 104, "richting": "oost", "tekst": "Kans: subsidie van de gemeente"},
    {"id": 105, "richting": "west", "tekst": "Bedreiging: te weinig uren"},
]

ANTWOORDEN = [
    {
        "hoofdstuk": "rollen",
        "titel": "Welke rollen passen bij ons?",
        "regels": ["Brugfunctie", "Kritische partner"],
    },
    {"hoofdstuk": "positie", "titel": "Statuut", "regels": ["Betaald in loondienst"]},
]


@pytest.fixture
def oefeningen_stub(monkeypatch):
    """Stands in for oefeningen' service functions (built in parallel by another engineer)."""
    kaarten = list(KAARTEN)
    services = {
        "kompas_kaarten": lambda traject: kaarten,
        "plan_samenvattingen": lambda traject, hoofdstukken: [
            a for a in ANTWOORDEN if a["hoofdstuk"] in hoofdstukken
        ],
    }
    monkeypatch.setattr(bronnen, "_service", lambda name: services.get(name))
    return kaarten


@pytest.fixture
def zonder_oefeningen(monkeypatch):
    monkeypatch.setattr(bronnen, "_service", lambda name: None)


def vul_plan(traject, eigenaar, *, acties=3):
    for onderwerp in Onderwerp:
        Besluit.objects.create(
            traject=traject,
            onderwerp=onderwerp,
            tekst=f"Besluit over {onderwerp.value}: wij kiezen voor twee ED's",
            eigenaar=eigenaar,
            datum=date(2026, 10, 1),
            herzien_op=date(2027, 4, 1),
        )
    for i in range(acties):
        Actie.objects.create(
            traject=traject,
            wat=f"Actie nummer {i}: vacature schrijven",
            eigenaar=eigenaar,
            wanneer=date(2026, 12, 1),
            herzien_op=timezone.localdate() + timedelta(days=400),
        )


@pytest.fixture
def gevuld(world, oefeningen_stub):
    vul_plan(world.traject, world.alice)
    return world
