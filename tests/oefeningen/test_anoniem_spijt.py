"""Regret: the author of an anonymous card can change or withdraw it from the browser that
sent it (a signed receipt only that browser holds, trajecten.zichtbaarheid), while the
exercise is open; nobody else can, and nothing stored links the card to its author."""

import pytest
from django.test import Client

from oefeningen.models import Bijdrage, OefeningStatus
from trajecten import zichtbaarheid

HX = {"HX-Request": "true"}


def _url(world, oefening, rest=""):
    return f"/trajecten/{world.traject.pk}/oefeningen/{oefening.slug}/{rest}"


@pytest.fixture
def zorgen(oef):
    return oef("kaarten", slug="zorgen", anoniem_toegestaan=True)


def _anoniem(world, zorgen, client, headers=None):
    client.post(
        _url(world, zorgen, "bijdragen/"),
        {"tekst": "Ik ben bang voor terugval", "anoniem": "on"},
        headers=headers,
    )
    return Bijdrage.objects.get(tekst="Ik ben bang voor terugval")


@pytest.mark.parametrize("headers", [None, HX])
def test_the_sending_browser_can_change_and_withdraw_its_anonymous_card(world, zorgen, headers):
    bob = world.client("teamlid")
    kaart = _anoniem(world, zorgen, bob, headers)
    assert kaart.auteur_id is None and zichtbaarheid.BEWIJS_COOKIE in bob.cookies
    page = bob.get(_url(world, zorgen)).content.decode()
    assert "alleen jij ziet dat dit van jou is" in page and f"bijdragen/{kaart.pk}/verwijderen/" in page
    response = bob.post(
        _url(world, zorgen, f"bijdragen/{kaart.pk}/bewerken/"), {"tekst": "Toch iets minder bang"}
    )
    assert response.status_code == 302
    kaart.refresh_from_db()
    assert kaart.tekst == "Toch iets minder bang" and kaart.auteur_id is None
    assert bob.post(_url(world, zorgen, f"bijdragen/{kaart.pk}/verwijderen/")).status_code == 302
    assert not Bijdrage.objects.filter(pk=kaart.pk).exists()


def test_without_the_receipt_nobody_but_the_begeleider_can(world, zorgen, dora):
    kaart = _anoniem(world, zorgen, world.client("teamlid"))
    bob_elders = world.client("teamlid")  # the same person on another phone: no receipt
    dora_client = Client()
    dora_client.force_login(dora)
    for client in (bob_elders, dora_client):
        assert client.post(_url(world, zorgen, f"bijdragen/{kaart.pk}/verwijderen/")).status_code == 403
        page = client.get(_url(world, zorgen)).content.decode()
        assert f"bijdragen/{kaart.pk}/verwijderen/" not in page and "alleen jij ziet" not in page
    assert Bijdrage.objects.filter(pk=kaart.pk).exists()


def test_a_receipt_is_bound_to_the_account_and_cannot_be_forged(world, zorgen, dora):
    bob = world.client("teamlid")
    kaart = _anoniem(world, zorgen, bob)
    ontvangen = bob.cookies[zichtbaarheid.BEWIJS_COOKIE].value
    dora_client = Client()
    dora_client.force_login(dora)  # the next person on the same laptop
    dora_client.cookies[zichtbaarheid.BEWIJS_COOKIE] = ontvangen
    assert dora_client.post(_url(world, zorgen, f"bijdragen/{kaart.pk}/verwijderen/")).status_code == 403
    vals = world.client("teamlid")
    vals.cookies[zichtbaarheid.BEWIJS_COOKIE] = ontvangen[:-3] + "abc"
    assert vals.post(_url(world, zorgen, f"bijdragen/{kaart.pk}/verwijderen/")).status_code == 403
    assert Bijdrage.objects.filter(pk=kaart.pk).exists()


def test_after_the_exercise_is_finished_the_receipt_no_longer_counts(world, zorgen):
    bob = world.client("teamlid")
    kaart = _anoniem(world, zorgen, bob)
    OefeningStatus.objects.update_or_create(
        traject=world.traject, oefening=zorgen, defaults={"status": OefeningStatus.Status.AFGEROND}
    )
    assert bob.post(_url(world, zorgen, f"bijdragen/{kaart.pk}/verwijderen/")).status_code == 403
    assert Bijdrage.objects.filter(pk=kaart.pk).exists()


def test_a_named_card_adds_nothing_to_the_receipt(world, zorgen):
    bob = world.client("teamlid")
    bob.post(_url(world, zorgen, "bijdragen/"), {"tekst": "Met naam"})
    assert zichtbaarheid.BEWIJS_COOKIE not in bob.cookies


def test_in_a_hidden_exercise_the_author_still_sees_their_anonymous_card(world, zorgen, dora):
    bob = world.client("teamlid")
    kaart = _anoniem(world, zorgen, bob)
    world.client("begeleider").post(_url(world, zorgen, "zichtbaarheid/"), {"verborgen": "1"})
    assert kaart.tekst in bob.get(_url(world, zorgen)).content.decode()
    dora_client = Client()
    dora_client.force_login(dora)
    assert kaart.tekst not in dora_client.get(_url(world, zorgen)).content.decode()
