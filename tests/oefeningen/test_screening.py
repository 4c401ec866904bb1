"""Screening before the reveal: the begeleider reads a hidden exercise without names and holds
a contribution back with a reason; it then reaches only its writer and the begeleider, the
others read how many and why, and it is never exported or printed."""

import io
import zipfile

from django.test import Client

from oefeningen import services
from oefeningen.models import Bijdrage

KAART = "Mevrouw Jansen van kamer 12 doet altijd moeilijk"


def _url(world, oefening, rest=""):
    return f"/trajecten/{world.traject.pk}/oefeningen/{oefening.slug}/{rest}"


def _schrijf(world, oef):
    kaarten = oef("kaarten", slug="screening")
    services.bijdrage_toevoegen(
        traject=world.traject, oefening=kaarten, auteur=world.bob, data={"tekst": KAART}
    )
    return kaarten, Bijdrage.objects.get(tekst=KAART)


def test_in_a_hidden_exercise_the_begeleider_reads_without_names(world, oef):
    kaarten, _ = _schrijf(world, oef)
    services.zichtbaarheid_zetten(traject=world.traject, oefening=kaarten, verborgen=True)
    page = world.client("begeleider").get(_url(world, kaarten)).content.decode()
    kaart = page.split(KAART)[1][:300]
    assert "Naam verborgen tot onthullen" in kaart and "Bob" not in kaart


def test_held_back_reaches_only_writer_and_begeleider_and_says_why(world, oef, dora):
    kaarten, bijdrage = _schrijf(world, oef)
    response = world.client("begeleider").post(
        _url(world, kaarten, f"bijdragen/{bijdrage.pk}/achterhouden/"), {"reden": "naam"}
    )
    assert response.status_code == 302
    dora_client = Client()
    dora_client.force_login(dora)
    for client in (dora_client, world.client("leidinggevende")):
        page = client.get(_url(world, kaarten)).content.decode()
        assert KAART not in page
        assert "1 bijdrage: Er staat een naam van een cliënt of collega in" in page
    eigen = world.client("teamlid").get(_url(world, kaarten)).content.decode()
    assert KAART in eigen and "Alleen jij en de begeleider zien dit" in eigen
    assert KAART in world.client("begeleider").get(_url(world, kaarten)).content.decode()
    with zipfile.ZipFile(
        io.BytesIO(world.client("begeleider").get(f"/trajecten/{world.traject.pk}/export-csv.zip").content)
    ) as archive:
        assert not any(KAART in archive.read(n).decode("utf-8-sig") for n in archive.namelist())
    assert (
        KAART
        not in world.client("begeleider").get(f"/trajecten/{world.traject.pk}/export.json").content.decode()
    )


def test_releasing_shows_it_again_and_a_bad_reason_is_refused(world, oef, dora):
    kaarten, bijdrage = _schrijf(world, oef)
    begeleider = world.client("begeleider")
    url = _url(world, kaarten, f"bijdragen/{bijdrage.pk}/achterhouden/")
    assert begeleider.post(url, {"reden": "onzin"}, headers={"HX-Request": "true"}).status_code == 400
    bijdrage.refresh_from_db()
    assert bijdrage.achtergehouden == ""
    begeleider.post(url, {"reden": "kwetsend"})
    begeleider.post(url, {"reden": ""})
    dora_client = Client()
    dora_client.force_login(dora)
    assert KAART in dora_client.get(_url(world, kaarten)).content.decode()
    assert world.client("teamlid").post(url, {"reden": "kwetsend"}).status_code == 403
