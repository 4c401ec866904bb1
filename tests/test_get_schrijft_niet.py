"""A plain GET of the main pages writes nothing to the database.

Under SQLite every write waits for the one writer; a page view that stamps, saves a session
or creates a row makes readers queue behind it (GOTCHAS, "SQLite under several workers").
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bijeenkomsten.models import Deelname
from oefeningen.models import Bijdrage, Oefening
from tests.bijeenkomsten.factories import maak_bijeenkomst
from tests.ervaringsdeskundigen.factories import PlekFactory

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def _writes(ctx):
    return [q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)]


@pytest.fixture
def filled(world):
    call_command("inhoud_laden", verbosity=0)
    oefening = Oefening.objects.filter(soort="kaarten").first()
    Bijdrage.objects.create(traject=world.traject, oefening=oefening, auteur=world.bob, tekst="Een kaart")
    PlekFactory(traject=world.traject, ervaringsdeskundige=world.bob)
    world.sessie = maak_bijeenkomst(world.traject, begeleider=world.alice, actief=True)
    world.oefening = oefening
    return world


def _pages(w):
    t = f"/trajecten/{w.traject.pk}/"
    return {
        "traject": t,
        "oefening": f"{t}oefeningen/{w.oefening.slug}/",
        "oefeningen": f"{t}oefeningen/",
        "plan": f"{t}plan/",
        "kwartiermaken": f"{t}kwartiermaken/",
        "stap": f"{t}kwartiermaken/stappen/fase-1-coalitie/",
        "bijeenkomsten": f"{t}bijeenkomsten/",
        "deelnemer": f"/bijeenkomsten/{w.sessie.pk}/meedoen/",
        "mijn_teams": "/",
    }


@pytest.mark.parametrize("actor", ["teamlid", "begeleider", "leidinggevende"])
def test_reading_the_main_pages_writes_nothing(filled, actor):
    client = filled.client(actor)
    pages = _pages(filled)
    # The first visit to a running session joins it (one Deelname row): that write is the
    # point of the visit. Every later view of the page only reads.
    client.get(pages["deelnemer"])
    assert Deelname.objects.filter(bijeenkomst=filled.sessie, user=filled.user(actor)).exists()
    for name, url in pages.items():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, name
        assert _writes(ctx) == [], name


def test_the_organisation_overview_writes_nothing(filled):
    client = filled.client("leidinggevende")
    for url in (f"/organisaties/{filled.org.pk}/", f"/organisaties/{filled.org.pk}/overzicht/"):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, url
        assert _writes(ctx) == [], url
