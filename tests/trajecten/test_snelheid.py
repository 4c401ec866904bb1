"""The trajectory page costs a fixed, small number of queries, whatever the trajectory holds."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kwartiermaken.models import Stap, StapVoortgang
from oefeningen.models import Bijdrage, Oefening
from tests.bijeenkomsten.factories import maak_bijeenkomst
from tests.ervaringsdeskundigen.factories import open_plek

MAX_QUERIES = 10


def _fill(world, n):
    for i in range(n):
        open_plek(world.traject, titel=f"Plek {n}-{i}")
        maak_bijeenkomst(world.traject, begeleider=world.alice, blokken=1, titel=f"Sessie {n}-{i}")
    for stap in Stap.objects.all()[: n * 2]:
        StapVoortgang.objects.update_or_create(traject=world.traject, stap=stap, defaults={"status": "klaar"})
    oefeningen = list(Oefening.objects.all()[: n * 2])
    Bijdrage.objects.bulk_create(
        [
            Bijdrage(traject=world.traject, oefening=o, auteur=world.bob, tekst=f"kaart {n}-{i}")
            for o in oefeningen
            for i in range(n)
        ]
    )


def _queries(world, actor):
    client = world.client(actor)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"/trajecten/{world.traject.pk}/")
    assert response.status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


@pytest.mark.parametrize("actor", ["teamlid", "begeleider", "leidinggevende"])
def test_the_trajectory_page_uses_few_queries_that_do_not_grow(world, actor):
    call_command("inhoud_laden", verbosity=0)
    _fill(world, 1)
    small = _queries(world, actor)
    _fill(world, 6)
    large = _queries(world, actor)
    print("\n".join(large))
    assert len(large) == len(small)
    assert len(large) <= MAX_QUERIES, "\n".join(large)
