"""The poll endpoint: ETag from the session's version, 304 when unchanged, cheap."""

import pytest
from django.core.cache import cache
from django.test import Client

from bijeenkomsten import live, services
from bijeenkomsten.models import Bijeenkomst


def _poll(client, b, user, scherm="deelnemer", etag=None):
    url = f"/bijeenkomsten/{b.pk}/live/?t={live.make_token(b.pk, user.pk, scherm)}"
    headers = {"If-None-Match": etag} if etag else {}
    return client.get(url, headers=headers)


def test_it_answers_304_with_one_indexed_query_when_nothing_changed(world, sessie, django_assert_num_queries):
    client = world.client("teamlid")
    first = _poll(client, sessie, world.bob)
    assert first.status_code == 200
    tag = first["ETag"]
    assert first["Cache-Control"] == "no-store"
    # No session row, no user row: only the version of the session, by primary key.
    with django_assert_num_queries(1) as ctx:
        second = _poll(client, sessie, world.bob, etag=tag)
    assert second.status_code == 304
    assert second["ETag"] == tag
    assert second.content == b""
    assert '"bijeenkomsten_bijeenkomst"."id" =' in ctx.captured_queries[0]["sql"]


def test_it_needs_no_query_at_all_when_a_cache_server_holds_the_version(
    world, sessie, settings, django_assert_num_queries, django_capture_on_commit_callbacks
):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    client = world.client("teamlid")
    tag = _poll(client, sessie, world.bob)["ETag"]
    with django_assert_num_queries(0):
        assert _poll(client, sessie, world.bob, etag=tag).status_code == 304
    # A change publishes the new version to the cache after commit: the next poll sees it.
    with django_capture_on_commit_callbacks(execute=True):
        services.inbreng_toevoegen(blok=sessie.huidig_blok, tekst="Nieuw", auteur=world.alice)
    response = _poll(client, sessie, world.bob, etag=tag)
    assert response.status_code == 200
    assert response["ETag"] != tag
    assert b"Nieuw" in response.content


def test_a_change_gives_a_new_etag_and_the_new_card(world, sessie):
    client = world.client("begeleider")
    tag = _poll(client, sessie, world.alice, "presentatie")["ETag"]
    services.inbreng_toevoegen(blok=sessie.huidig_blok, tekst="Samen <b>sterk</b>", auteur=world.bob)
    response = _poll(client, sessie, world.alice, "presentatie", etag=tag)
    assert response.status_code == 200
    assert response["ETag"] != tag
    assert "Samen &lt;b&gt;sterk&lt;/b&gt;" in response.content.decode()
    assert "Bob" in response.content.decode()


def test_the_versions_of_two_screens_differ(world, sessie):
    assert live.etag(sessie.pk, 3, "presentatie") != live.etag(sessie.pk, 3, "deelnemer")


@pytest.mark.parametrize("token", ["", "rommel", "x:y:z"])
def test_a_bad_token_is_a_404(world, sessie, token):
    assert world.client("teamlid").get(f"/bijeenkomsten/{sessie.pk}/live/?t={token}").status_code == 404


def test_a_token_of_another_session_or_person_opens_nothing(world, sessie):
    other = services.bijeenkomst_plannen(
        traject=world.other_traject, titel="Elders", datum=sessie.datum, starttijd=sessie.starttijd
    )
    token = live.make_token(other.pk, world.charlie.pk, "deelnemer")
    assert (
        world.client("buitenstaander").get(f"/bijeenkomsten/{sessie.pk}/live/?t={token}").status_code == 404
    )
    # bob's token in alice's browser: refused on the full path.
    assert _poll(world.client("begeleider"), sessie, world.bob).status_code == 404


def test_a_teamlid_cannot_poll_the_presenter_screen(world, sessie):
    assert _poll(world.client("teamlid"), sessie, world.bob, "presentatie").status_code == 404


def test_polling_a_closed_session_stops_the_poll(world, sessie):
    client = world.client("teamlid")
    tag = _poll(client, sessie, world.bob)["ETag"]
    services.sluiten(bijeenkomst=sessie)
    response = _poll(client, sessie, world.bob, etag=tag)
    assert response.status_code == 286  # htmx stops polling on 286
    assert "afgesloten" in response.content.decode()


def test_bump_is_atomic_on_the_row(world, sessie):
    before = Bijeenkomst.objects.get(pk=sessie.pk).versie
    live.bump(sessie.pk)
    live.bump(sessie.pk)
    assert Bijeenkomst.objects.get(pk=sessie.pk).versie == before + 2


def test_an_anonymous_browser_with_a_valid_token_gets_only_304_or_404(world, sessie):
    anon = Client()
    response = _poll(anon, sessie, world.bob)
    assert response.status_code == 404


@pytest.mark.parametrize("kaarten", [1, 20])
def test_a_changed_poll_costs_a_fixed_number_of_queries(world, sessie, kaarten, django_assert_num_queries):
    for i in range(kaarten):
        services.inbreng_toevoegen(blok=sessie.huidig_blok, tekst=f"Kaart {i}", auteur=world.alice)
    client = world.client("teamlid")
    client.get(f"/bijeenkomsten/{sessie.pk}/meedoen/")  # the session row exists
    # version, session, user, session+current block, trajectory with role, cards, blocks, own votes
    with django_assert_num_queries(8):
        response = _poll(client, sessie, world.bob, etag='"old"')
    assert response.status_code == 200
    assert response.content.decode().count('class="kaart"') == kaarten


def test_everyone_shares_one_render_per_version_and_votes_stay_personal(
    world, sessie, django_assert_num_queries
):
    kaart, _ = services.inbreng_toevoegen(blok=sessie.huidig_blok, tekst="Gedeeld", auteur=world.alice)
    services.stem_uitbrengen(inbreng=kaart, user=world.bob)
    bob = _poll(world.client("teamlid"), sessie, world.bob, etag='"old"').content.decode()
    mira_client = world.client("leidinggevende")
    mira_client.get(f"/bijeenkomsten/{sessie.pk}/meedoen/")
    # The shared part comes from the first render: fewer queries (no cards, no blocks).
    with django_assert_num_queries(6):
        mira = _poll(mira_client, sessie, world.mira, etag='"old"').content.decode()
    assert f'data-mijn="{kaart.pk}"' in bob and 'data-over="2"' in bob
    assert 'data-mijn=""' in mira and 'data-over="3"' in mira
    # No personal CSRF token in the shared part: htmx sends it as a header.
    assert "csrfmiddlewaretoken" not in mira
    assert mira.count('class="kaart"') == 1


def test_publishing_never_leaves_an_older_version_in_the_cache(world, sessie, settings, monkeypatch):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    reads = iter([5, 6, 6])  # writer A read 5; writer B committed 6 before A's check

    def fake_read(pk):
        return next(reads)

    monkeypatch.setattr(live, "_read", fake_read)
    live._publish(sessie.pk)
    assert cache.get(f"bijeenkomst:{sessie.pk}:versie") == 6
