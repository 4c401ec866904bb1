from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from oefeningen import services as oef
from oefeningen.models import Oefening
from plan.models import Actie, Besluit, Onderwerp

KOMPAS = "blik-op-morgen-kompas"

KAARTEN = [
    ("noord", "Ervaringskennis hoort vanzelfsprekend bij elk team"),
    ("zuid", "De verhalen van cliënten geven ons energie"),
    ("west", "Valkuil: de ED wordt een goedkope kracht"),
    ("oost", "Kans: subsidie van de gemeente"),
    ("west", "Bedreiging: te weinig uren"),
]

# The shared text of one exercise of a chapter that feeds the decisions.
TEKSTEN = {
    "rollen-invulling": "Brugfunctie\nKritische partner",
    "positie-tijd": "Betaald in loondienst",
}


def kompas_kaart(traject, auteur, richting, tekst):
    """A real card on the chapter 10 compass; the content must be loaded (it fails otherwise)."""
    kompas = Oefening.objects.get(slug=KOMPAS)
    return oef.bijdrage_toevoegen(
        traject=traject, oefening=kompas, auteur=auteur, data={"item": richting, "tekst": tekst}
    )


@pytest.fixture
def inhoud(db):
    call_command("inhoud_laden", verbosity=0)


@pytest.fixture
def kompas_en_antwoorden(world, inhoud):
    """The compass cards and exercise answers the plan reads, written through oefeningen."""
    kaarten = [kompas_kaart(world.traject, world.bob, richting, tekst) for richting, tekst in KAARTEN]
    for slug, tekst in TEKSTEN.items():
        oef.tekst_opslaan(
            traject=world.traject,
            oefening=Oefening.objects.get(slug=slug),
            tekst=tekst,
            versie=0,
            door=world.bob,
        )
    return kaarten


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
def gevuld(world, kompas_en_antwoorden):
    vul_plan(world.traject, world.alice)
    return world
