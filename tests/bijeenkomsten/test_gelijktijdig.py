"""Two begeleiders press "next" at the same moment, in two threads with their own connections."""

import threading

import pytest
from django.db import connection

from bijeenkomsten import services
from bijeenkomsten.models import Bijeenkomst
from tests.factories import LidmaatschapFactory, OrganisatieFactory, TeamFactory, TrajectFactory, UserFactory
from trajecten.models import Rol

from .factories import maak_bijeenkomst


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite's in-memory test database raises 'table is locked' instead of waiting; run on PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_simultaneous_next_moves_one_block_and_one_presser_gets_a_conflict():
    team = TeamFactory(organisatie=OrganisatieFactory())
    alice = UserFactory(username="alice-g")
    LidmaatschapFactory(user=alice, team=team, rol=Rol.BEGELEIDER)
    b = maak_bijeenkomst(TrajectFactory(team=team), begeleider=alice, blokken=4, actief=True)
    eerste = b.huidig_blok_id
    barrier = threading.Barrier(4)
    uitkomsten = []

    def druk():
        try:
            barrier.wait()
            services.naar_blok(bijeenkomst=b, richting="volgende", verwacht_blok_id=eerste)
            uitkomsten.append("gelukt")
        except services.Conflict:
            uitkomsten.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=druk) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(uitkomsten) == ["conflict", "conflict", "conflict", "gelukt"]
    b = Bijeenkomst.objects.get(pk=b.pk)
    assert b.huidig_blok.titel == "Blok 2"  # no block skipped


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite's in-memory test database raises 'table is locked' instead of waiting; run on PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_a_send_retried_while_the_first_is_still_running_is_stored_once():
    team = TeamFactory(organisatie=OrganisatieFactory())
    bob = UserFactory(username="bob-g")
    LidmaatschapFactory(user=bob, team=team, rol=Rol.TEAMLID)
    b = maak_bijeenkomst(TrajectFactory(team=team), begeleider=bob, blokken=1, actief=True)
    barrier = threading.Barrier(3)
    ids = []

    def stuur():
        try:
            barrier.wait()
            kaart, _ = services.inbreng_toevoegen(
                blok=b.huidig_blok, tekst="Twee keer", auteur=bob, sleutel="k-1"
            )
            ids.append(kaart.pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=stuur) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(ids) == 3 and len(set(ids)) == 1
    assert b.huidig_blok.inbreng.count() == 1
