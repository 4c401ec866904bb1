"""Many people at the same moment: real requests from threads, each with its own connection.

Run on PostgreSQL (DATABASE_URL=postgres://...) for the real thing; on SQLite the database
serialises writers, and the same tests check that nothing is lost there either.
"""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from oefeningen.models import Bijdrage, GedeeldeTekst, Stem
from tests.oefeningen.conftest import add_members

pytestmark = pytest.mark.django_db(transaction=True)


def _at_once(jobs):
    """Run the callables in threads released together; return their results in order."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(i, job):
        try:
            barrier.wait(timeout=10)
            results[i] = job()
        except Exception as error:  # noqa: BLE001 - reported by the test
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _skip_sqlite_locking(results):
    if connection.vendor == "sqlite" and any("locked" in str(r) for r in results):
        pytest.skip("SQLite's shared in-memory test database refuses concurrent writers ('table is locked')")


def test_many_members_adding_cards_at_once_are_all_saved(world, oef):
    kaarten = oef("kaarten")
    members = [world.bob, *add_members(world, 11)]
    clients = [_client(m) for m in members]
    url = f"/trajecten/{world.traject.pk}/oefeningen/{kaarten.slug}/bijdragen/"
    results = _at_once(
        [lambda c=c, i=i: c.post(url, {"tekst": f"Kaart {i}"}).status_code for i, c in enumerate(clients)]
    )
    _skip_sqlite_locking(results)
    assert results == [302] * len(members), results
    assert Bijdrage.objects.filter(oefening=kaarten).count() == len(members)
    assert set(Bijdrage.objects.values_list("auteur_id", flat=True)) == {m.pk for m in members}


def test_votes_sent_at_once_never_exceed_the_limit(world, oef):
    kaarten = oef("kaarten")  # 3 votes per person
    cards = [
        Bijdrage.objects.create(traject=world.traject, oefening=kaarten, tekst=f"k{i}") for i in range(8)
    ]
    base = f"/trajecten/{world.traject.pk}/oefeningen/{kaarten.slug}/bijdragen/"
    clients = [_client(world.bob) for _ in cards]
    results = _at_once(
        [
            lambda c=c, card=card: c.post(f"{base}{card.pk}/stem/").status_code
            for c, card in zip(clients, cards, strict=True)
        ]
    )
    _skip_sqlite_locking(results)
    assert sorted(results) == [302] * 3 + [409] * 5, results
    assert Stem.objects.filter(kiezer=world.bob).count() == 3
    assert sorted(Stem.objects.values_list("plek", flat=True)) == [1, 2, 3]


def test_two_votes_on_one_card_at_once_count_once(world, oef):
    kaarten = oef("kaarten")
    card = Bijdrage.objects.create(traject=world.traject, oefening=kaarten, tekst="k")
    url = f"/trajecten/{world.traject.pk}/oefeningen/{kaarten.slug}/bijdragen/{card.pk}/stem/"
    clients = [_client(world.bob) for _ in range(4)]
    results = _at_once([lambda c=c: c.post(url).status_code for c in clients])
    _skip_sqlite_locking(results)
    assert sorted(results) == [302, 409, 409, 409], results
    assert Stem.objects.count() == 1


def test_two_saves_of_the_same_text_version_one_wins_one_is_refused(world, oef, dora):
    tekst = oef("tekst")
    url = f"/trajecten/{world.traject.pk}/oefeningen/{tekst.slug}/tekst/"
    clients = [_client(world.bob), _client(dora), _client(world.alice)]
    results = _at_once(
        [
            lambda c=c, i=i: c.post(url, {"tekst": f"Versie {i}", "versie": 0}).status_code
            for i, c in enumerate(clients)
        ]
    )
    _skip_sqlite_locking(results)
    assert sorted(results) == [302, 409, 409], results
    saved = GedeeldeTekst.objects.get()
    assert saved.versie == 1 and saved.tekst in {"Versie 0", "Versie 1", "Versie 2"}
