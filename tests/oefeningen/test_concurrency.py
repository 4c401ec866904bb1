"""Many people at the same moment: real requests from threads, each with its own connection.

On PostgreSQL (DATABASE_URL=postgres://...) they use the test database. On SQLite the test
database is a shared-cache in-memory database, which refuses a second concurrent writer at once
("database table is locked") where a real SQLite file waits its turn; so there these tests run
on a throw-away SQLite file with the project's own options (IMMEDIATE transactions, busy
timeout), like the app's database under var/.
"""

import shutil
import threading

import pytest
from django.core.management import call_command
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


@pytest.fixture
def real_database(transactional_db, tmp_path, tmp_path_factory):
    """On SQLite: a migrated throw-away file database for this test (see the module docstring)."""
    conn = connections["default"]
    if conn.vendor != "sqlite":
        yield
        return
    old_name = conn.settings_dict["NAME"]
    # Django never closes an in-memory SQLite connection (that would drop the test database);
    # set it aside, untouched, and give it back afterwards.
    in_memory = conn.connection
    conn.connection = None
    # Threads build their connections from this same settings dict, so they follow.
    path = tmp_path / "concurrency.sqlite3"
    template = tmp_path_factory.getbasetemp() / "oefeningen-concurrency-template.sqlite3"
    if template.exists():
        shutil.copyfile(template, path)  # migrated once per run, copied for each test
    conn.settings_dict["NAME"] = str(path)
    try:
        if not template.exists():
            call_command("migrate", verbosity=0)
            connections.close_all()
            shutil.copyfile(path, template)
        assert connection.settings_dict["OPTIONS"].get("transaction_mode") == "IMMEDIATE"
        yield
    finally:
        connections.close_all()
        conn.settings_dict["NAME"] = old_name
        conn.connection = in_memory


def test_many_members_adding_cards_at_once_are_all_saved(real_database, world, oef):
    kaarten = oef("kaarten")
    members = [world.bob, *add_members(world, 11)]
    clients = [_client(m) for m in members]
    url = f"/trajecten/{world.traject.pk}/oefeningen/{kaarten.slug}/bijdragen/"
    results = _at_once(
        [lambda c=c, i=i: c.post(url, {"tekst": f"Kaart {i}"}).status_code for i, c in enumerate(clients)]
    )
    assert results == [302] * len(members), results
    assert Bijdrage.objects.filter(oefening=kaarten).count() == len(members)
    assert set(Bijdrage.objects.values_list("auteur_id", flat=True)) == {m.pk for m in members}


def test_votes_sent_at_once_never_exceed_the_limit(real_database, world, oef):
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
    assert sorted(results) == [302] * 3 + [409] * 5, results
    assert Stem.objects.filter(kiezer=world.bob).count() == 3
    assert sorted(Stem.objects.values_list("plek", flat=True)) == [1, 2, 3]


def test_two_votes_on_one_card_at_once_count_once(real_database, world, oef):
    kaarten = oef("kaarten")
    card = Bijdrage.objects.create(traject=world.traject, oefening=kaarten, tekst="k")
    url = f"/trajecten/{world.traject.pk}/oefeningen/{kaarten.slug}/bijdragen/{card.pk}/stem/"
    clients = [_client(world.bob) for _ in range(4)]
    results = _at_once([lambda c=c: c.post(url).status_code for c in clients])
    assert sorted(results) == [302, 409, 409, 409], results
    assert Stem.objects.count() == 1


def test_two_saves_of_the_same_text_version_one_wins_one_is_refused(real_database, world, oef, dora):
    tekst = oef("tekst")
    url = f"/trajecten/{world.traject.pk}/oefeningen/{tekst.slug}/tekst/"
    clients = [_client(world.bob), _client(dora), _client(world.alice)]
    results = _at_once(
        [
            lambda c=c, i=i: c.post(url, {"tekst": f"Versie {i}", "versie": 0}).status_code
            for i, c in enumerate(clients)
        ]
    )
    assert sorted(results) == [302, 409, 409], results
    saved = GedeeldeTekst.objects.get()
    assert saved.versie == 1 and saved.tekst in {"Versie 0", "Versie 1", "Versie 2"}
