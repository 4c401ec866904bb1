"""Planning a session: agenda blocks, reordering without JS, print, .ics, the list page."""

from datetime import time

import pytest

from bijeenkomsten import ics
from bijeenkomsten.models import Bijeenkomst, Blok

from .factories import maak_bijeenkomst


def test_it_plans_a_session_with_people_of_the_team(world):
    response = world.client("begeleider").post(
        f"/trajecten/{world.traject.pk}/bijeenkomsten/nieuw/",
        {
            "titel": "Sterktes",
            "datum": "2026-12-10",
            "starttijd": "10:00",
            "plaats": "Zaal 3",
            "begeleider": world.alice.pk,
            "verslaggever": world.bob.pk,
        },
    )
    b = Bijeenkomst.objects.get(titel="Sterktes")
    assert response.status_code == 302 and response["Location"] == f"/bijeenkomsten/{b.pk}/"
    assert (b.begeleider, b.verslaggever, b.starttijd) == (world.alice, world.bob, time(10, 0))
    assert len(b.code) == 6 and not set(b.code) & set("0O1IL25SB8G")


def test_bad_input_keeps_the_text_and_stores_nothing(world):
    response = world.client("begeleider").post(
        f"/trajecten/{world.traject.pk}/bijeenkomsten/nieuw/",
        {"titel": "Mijn <titel>", "datum": "31-31-2026", "starttijd": "", "verslaggever": world.charlie.pk},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Mijn &lt;titel&gt;"' in html
    assert "Vul een begintijd in." in html
    assert not Bijeenkomst.objects.exists()
    assert 'aria-describedby="id_starttijd_error' in html or "id_starttijd_error" in html


def test_an_exercise_block_needs_an_exercise_and_a_free_block_gets_a_title(world):
    b = maak_bijeenkomst(world.traject, begeleider=world.alice, blokken=0)
    client = world.client("begeleider")
    response = client.post(
        f"/bijeenkomsten/{b.pk}/blokken/", {"soort": "oefening", "duur_minuten": 20, "groepsgrootte": "duo"}
    )
    assert response.status_code == 400
    assert "Kies de oefening voor dit blok." in response.content.decode()
    response = client.post(
        f"/bijeenkomsten/{b.pk}/blokken/",
        {"soort": "pauze", "duur_minuten": 10, "groepsgrootte": "plenair", "notitie": "koffie"},
    )
    assert response.status_code == 302
    blok = b.blokken.get()
    assert (blok.titel, blok.soort, blok.notitie) == ("Pauze", "pauze", "koffie")


def _titels(b):
    return list(Blok.objects.filter(bijeenkomst=b).order_by("volgorde").values_list("titel", flat=True))


def test_blocks_move_up_and_down_with_plain_posts(world):
    b = maak_bijeenkomst(world.traject, begeleider=world.alice, blokken=3)
    client = world.client("begeleider")
    blok3 = b.blokken.get(titel="Blok 3")
    client.post(f"/bijeenkomsten/{b.pk}/blokken/{blok3.pk}/verplaatsen/", {"richting": "op"})
    assert _titels(b) == ["Blok 1", "Blok 3", "Blok 2"]
    blok1 = b.blokken.get(titel="Blok 1")
    client.post(f"/bijeenkomsten/{b.pk}/blokken/{blok1.pk}/verplaatsen/", {"richting": "op"})  # at the top
    assert _titels(b) == ["Blok 1", "Blok 3", "Blok 2"]
    client.post(f"/bijeenkomsten/{b.pk}/blokken/{blok1.pk}/verplaatsen/", {"richting": "neer"})
    assert _titels(b) == ["Blok 3", "Blok 1", "Blok 2"]
    assert (
        client.post(f"/bijeenkomsten/{b.pk}/blokken/{blok1.pk}/verplaatsen/", {"richting": "x"}).status_code
        == 400
    )


def test_a_block_of_another_session_is_a_404(world):
    b = maak_bijeenkomst(world.traject, begeleider=world.alice)
    other = maak_bijeenkomst(world.traject, begeleider=world.alice, titel="Andere")
    blok = other.blokken.first()
    response = world.client("begeleider").post(
        f"/bijeenkomsten/{b.pk}/blokken/{blok.pk}/verplaatsen/", {"richting": "neer"}
    )
    assert response.status_code == 404


def test_the_print_view_lists_the_agenda_and_the_rules(world):
    b = maak_bijeenkomst(world.traject, begeleider=world.alice)
    html = world.client("teamlid").get(f"/bijeenkomsten/{b.pk}/afdrukken/").content.decode()
    assert html.index("Blok 1") < html.index("Blok 2") < html.index("Blok 3")
    assert "Stel je oordeel uit" in html
    assert "30 minuten" in html


def test_the_ics_file_follows_rfc_5545(world):
    b = maak_bijeenkomst(
        world.traject, begeleider=world.alice, titel="Sterk; samen, verder", plaats="Zaal\\2"
    )
    response = world.client("teamlid").get(f"/bijeenkomsten/{b.pk}/agenda.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    lines = body.split("\r\n")
    assert body.endswith("\r\n") and "\n" not in body.replace("\r\n", "")
    assert lines[0] == "BEGIN:VCALENDAR" and "END:VCALENDAR" in lines
    assert f"UID:bijeenkomst-{b.pk}@testserver" in lines
    assert any(line.startswith("DTSTAMP:") and line.endswith("Z") for line in lines)
    # 13:30 in Amsterdam in December is 12:30 UTC; three blocks of 10 minutes, at least 15.
    assert "DTSTART:20261203T123000Z" in lines and "DTEND:20261203T130000Z" in lines
    assert "SUMMARY:Sterk\\; samen\\, verder" in lines
    assert "LOCATION:Zaal\\\\2" in lines
    assert all(len(line.encode()) <= 75 for line in lines)


def test_long_lines_fold_without_splitting_a_character():
    folded = ics.fold("DESCRIPTION:" + "é" * 80)
    parts = folded.split("\r\n ")
    assert len(parts) > 1 and all(len(p.encode()) <= 75 for p in parts)
    assert "".join(parts) == "DESCRIPTION:" + "é" * 80


@pytest.mark.parametrize("aantal", [1, 6])
def test_the_list_page_costs_the_same_queries_at_any_size(world, aantal, django_assert_num_queries):
    for i in range(aantal):
        maak_bijeenkomst(world.traject, begeleider=world.alice, titel=f"S{i}", verslaggever=world.bob)
    client = world.client("teamlid")
    client.get(f"/trajecten/{world.traject.pk}/bijeenkomsten/")  # warm up the session
    # session, user, trajectory with role, sessions with counts, last evaluation
    with django_assert_num_queries(5):
        response = client.get(f"/trajecten/{world.traject.pk}/bijeenkomsten/")
    assert response.content.decode().count("/verslag/") == 0
    assert response.content.decode().count('href="/bijeenkomsten/') == aantal


def test_moving_a_block_that_was_just_deleted_is_a_409_not_a_500(world, monkeypatch):
    from bijeenkomsten import services

    b = maak_bijeenkomst(world.traject, begeleider=world.alice, blokken=3)
    blok2 = b.blokken.get(titel="Blok 2")
    echt = services.blok_verplaatsen

    def verwijderd_tussendoor(*, blok, richting):
        # Another begeleider deletes the block after this request found it.
        Blok.objects.filter(pk=blok.pk).delete()
        return echt(blok=blok, richting=richting)

    monkeypatch.setattr(services, "blok_verplaatsen", verwijderd_tussendoor)
    response = world.client("begeleider").post(
        f"/bijeenkomsten/{b.pk}/blokken/{blok2.pk}/verplaatsen/", {"richting": "op"}
    )

    assert response.status_code == 409
    assert "net van de agenda gehaald" in response.text
    assert _titels(b) == ["Blok 1", "Blok 3"]


def test_the_service_refuses_a_block_that_is_gone(world):
    from bijeenkomsten import services

    b = maak_bijeenkomst(world.traject, begeleider=world.alice, blokken=2)
    blok = b.blokken.get(titel="Blok 1")
    Blok.objects.filter(pk=blok.pk).delete()

    with pytest.raises(services.BlokVerdwenen):
        services.blok_verplaatsen(blok=blok, richting="neer")
