"""Running a session: moving between blocks, input, votes, paper, guests, closing."""

import pytest
from django.contrib.auth import get_user_model

from bijeenkomsten import services
from bijeenkomsten.models import Bijeenkomst, Blok, Deelname, Inbreng, Stem
from trajecten.models import Lidmaatschap
from trajecten.services import persoon_wissen

from .factories import maak_bijeenkomst

User = get_user_model()


def _volgende(client, b, verwacht):
    return client.post(f"/bijeenkomsten/{b.pk}/bediening/", {"actie": "volgende", "verwacht": verwacht})


def test_two_begeleiders_pressing_next_at_once_skip_no_block(world, sessie, tweede_begeleider):
    eerste = sessie.huidig_blok_id
    alice = world.client("begeleider")
    dora = world.client("begeleider")
    dora.force_login(tweede_begeleider)
    # Both screens show block 1 and both press "next".
    assert _volgende(alice, sessie, eerste).status_code == 302
    response = _volgende(dora, sessie, eerste)
    assert response.status_code == 409
    assert "Iemand anders ging net al naar een ander blok" in response.content.decode()
    sessie.refresh_from_db()
    assert sessie.huidig_blok.titel == "Blok 2"
    # The loser's page now shows where the group really is, with a fresh expected block.
    assert f'name="verwacht" value="{sessie.huidig_blok_id}"' in response.content.decode()


def test_the_service_refuses_a_stale_expected_block(world, sessie):
    eerste = sessie.huidig_blok_id
    services.naar_blok(bijeenkomst=sessie, richting="volgende", verwacht_blok_id=eerste)
    with pytest.raises(services.Conflict):
        services.naar_blok(bijeenkomst=sessie, richting="volgende", verwacht_blok_id=eerste)
    services.naar_blok(
        bijeenkomst=sessie,
        richting="vorige",
        verwacht_blok_id=Bijeenkomst.objects.get(pk=sessie.pk).huidig_blok_id,
    )
    assert Bijeenkomst.objects.get(pk=sessie.pk).huidig_blok_id == eerste


def test_input_to_a_closed_block_is_a_409_and_keeps_the_text(world, sessie):
    services.blok_zetten(blok=sessie.huidig_blok, veld="invoer_open", waarde=False)
    response = world.client("teamlid").post(
        f"/bijeenkomsten/{sessie.pk}/inbreng/", {"tekst": "Mijn <idee>", "blok": sessie.huidig_blok_id}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Je tekst staat nog in het vak" in html
    assert "Mijn &lt;idee&gt;</textarea>" in html
    assert not Inbreng.objects.exists()


def test_input_to_a_block_the_group_left_is_a_409_for_htmx_too(world, sessie):
    oud = sessie.huidig_blok_id
    services.naar_blok(bijeenkomst=sessie, richting="volgende", verwacht_blok_id=oud)
    response = world.client("teamlid").post(
        f"/bijeenkomsten/{sessie.pk}/inbreng/",
        {"tekst": "Te laat", "blok": oud},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 409
    assert "niet (meer) open" in response.content.decode()
    assert not Inbreng.objects.exists()


def test_empty_input_is_a_400_with_a_message(world, sessie):
    response = world.client("teamlid").post(
        f"/bijeenkomsten/{sessie.pk}/inbreng/", {"tekst": "   ", "blok": sessie.huidig_blok_id}
    )
    assert response.status_code == 400
    assert "Typ eerst iets in het vak." in response.content.decode()


def test_a_retried_send_is_stored_once(world, sessie):
    client = world.client("teamlid")
    data = {"tekst": "Nog eens", "blok": sessie.huidig_blok_id, "sleutel": "abc-123"}
    for _ in range(3):
        response = client.post(f"/bijeenkomsten/{sessie.pk}/inbreng/", data, headers={"HX-Request": "true"})
        assert response.status_code == 200
        assert response["HX-Trigger"] == "inbreng-verstuurd"
    assert Inbreng.objects.filter(tekst="Nog eens").count() == 1


def test_a_card_shows_the_name_unless_the_block_is_anonymous(world, sessie):
    client = world.client("teamlid")
    client.post(f"/bijeenkomsten/{sessie.pk}/inbreng/", {"tekst": "Met naam", "blok": sessie.huidig_blok_id})
    assert Inbreng.objects.get().naam == "Bob"
    # Making the block anonymous also covers what was sent before (issue 13; test_anoniem.py).
    services.blok_zetten(blok=sessie.huidig_blok, veld="anoniem", waarde=True)
    client.post(
        f"/bijeenkomsten/{sessie.pk}/inbreng/", {"tekst": "Zonder naam", "blok": sessie.huidig_blok_id}
    )
    met, zonder = Inbreng.objects.order_by("pk")
    assert (met.naam, met.auteur) == ("", None)
    assert (zonder.naam, zonder.auteur) == ("", None)


def test_the_begeleider_types_in_paper_and_votes_for_someone_without_a_phone(world, sessie):
    client = world.client("begeleider")
    response = client.post(
        f"/bijeenkomsten/{sessie.pk}/papier/",
        {"tekst": "Op papier", "namens": "Jan", "blok": sessie.huidig_blok_id},
    )
    assert response.status_code == 302
    kaart = Inbreng.objects.get()
    assert (kaart.op_papier, kaart.naam, kaart.auteur, kaart.ingevoerd_door) == (
        True,
        "Jan",
        None,
        world.alice,
    )
    for _ in range(5):  # paper votes are not limited by the begeleider's own votes
        client.post(f"/bijeenkomsten/{sessie.pk}/papier/stem/", {"inbreng": kaart.pk})
    assert Stem.objects.filter(inbreng=kaart, op_papier=True).count() == 5
    html = client.get(f"/bijeenkomsten/{sessie.pk}/presentatie/").content.decode()
    assert "op papier" in html and "Op papier" in html


def test_votes_are_limited_per_person_and_block(world, sessie):
    kaarten = [
        services.inbreng_toevoegen(blok=sessie.huidig_blok, tekst=f"Kaart {i}", auteur=world.alice)[0]
        for i in range(4)
    ]
    client = world.client("teamlid")
    assert client.post(f"/bijeenkomsten/{sessie.pk}/stem/", {"inbreng": kaarten[0].pk}).status_code == 302
    response = client.post(
        f"/bijeenkomsten/{sessie.pk}/stem/", {"inbreng": kaarten[0].pk}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 409
    assert "Je hebt al op deze kaart gestemd." in response.content.decode()
    for kaart in kaarten[1:3]:
        assert client.post(f"/bijeenkomsten/{sessie.pk}/stem/", {"inbreng": kaart.pk}).status_code == 302
    response = client.post(
        f"/bijeenkomsten/{sessie.pk}/stem/", {"inbreng": kaarten[3].pk}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 409
    assert "Je stemmen zijn op." in response.content.decode()
    assert Stem.objects.filter(user=world.bob).count() == 3


def test_hidden_results_show_only_a_count(world, sessie):
    services.inbreng_toevoegen(blok=sessie.huidig_blok, tekst="Geheim idee", auteur=world.alice)
    services.blok_zetten(blok=sessie.huidig_blok, veld="resultaten_zichtbaar", waarde=False)
    html = world.client("teamlid").get(f"/bijeenkomsten/{sessie.pk}/meedoen/").content.decode()
    assert "Geheim idee" not in html
    assert "1 antwoord binnen" in html


def test_the_presenter_shows_code_and_qr_all_session_long(world, sessie):
    html = world.client("begeleider").get(f"/bijeenkomsten/{sessie.pk}/presentatie/").content.decode()
    assert sessie.code in html
    assert '<svg class="qr" role="img"' in html
    assert f"/meedoen/{sessie.code}/" in html
    assert "Bouw verder op elkaars ideeën" in html


# -- guests -----------------------------------------------------------------------


def _gast_client(world, b, naam="Gea"):
    client = world.client("anoniem")
    response = client.post(f"/meedoen/{b.code}/", {"voornaam": naam})
    assert response.status_code == 302 and response["Location"] == f"/bijeenkomsten/{b.pk}/meedoen/"
    return client


def test_a_guest_is_a_user_without_password_or_team_who_can_take_part(world):
    b = maak_bijeenkomst(world.traject, begeleider=world.alice, actief=True, gasten=True)
    client = _gast_client(world, b)
    gast = User.objects.get(first_name="Gea")
    assert not gast.has_usable_password()
    assert not Lidmaatschap.objects.filter(user=gast).exists()
    assert Deelname.objects.get(user=gast).is_gast
    assert client.get(f"/bijeenkomsten/{b.pk}/meedoen/").status_code == 200
    response = client.post(
        f"/bijeenkomsten/{b.pk}/inbreng/", {"tekst": "Van de gast", "blok": b.huidig_blok_id}
    )
    assert response.status_code == 302
    assert Inbreng.objects.get(tekst="Van de gast").naam == "Gea"


def test_a_guest_gets_a_404_everywhere_else(world):
    b = maak_bijeenkomst(world.traject, begeleider=world.alice, actief=True, gasten=True)
    other = maak_bijeenkomst(world.traject, begeleider=world.alice, actief=True, titel="Andere")
    client = _gast_client(world, b)
    for url in [
        f"/trajecten/{world.traject.pk}/",
        f"/teams/{world.team.pk}/",
        f"/trajecten/{world.traject.pk}/bijeenkomsten/",
        f"/bijeenkomsten/{b.pk}/",
        f"/bijeenkomsten/{b.pk}/presentatie/",
        f"/bijeenkomsten/{b.pk}/verslag/",
        f"/bijeenkomsten/{b.pk}/agenda.ics",
        f"/bijeenkomsten/{other.pk}/meedoen/",
    ]:
        assert client.get(url).status_code == 404, url
    response = client.post(
        f"/bijeenkomsten/{other.pk}/inbreng/", {"tekst": "x", "blok": other.huidig_blok_id}
    )
    assert response.status_code == 404


def test_closing_the_session_ends_guest_access_and_the_guest_link(world):
    b = maak_bijeenkomst(world.traject, begeleider=world.alice, actief=True, gasten=True)
    client = _gast_client(world, b)
    world.client("begeleider").post(
        f"/bijeenkomsten/{b.pk}/sluiten/", {"wat_ging_goed": "", "wat_houden_we": ""}
    )
    # The guest's account is switched off: their login is gone.
    response = client.get(f"/bijeenkomsten/{b.pk}/meedoen/")
    assert response.status_code == 302 and response["Location"].startswith("/account/inloggen/")
    assert world.client("anoniem").get(f"/meedoen/{b.code}/").status_code == 410
    response = world.client("anoniem").post(f"/meedoen/{b.code}/", {"voornaam": "Laat"})
    assert response.status_code == 410
    assert not User.objects.filter(first_name="Laat").exists()


def test_guests_only_when_the_begeleider_allows_them(world, sessie):
    response = world.client("anoniem").post(f"/meedoen/{sessie.code}/", {"voornaam": "Gea"})
    assert response.status_code == 403
    assert "Gasten kunnen bij deze bijeenkomst niet meedoen" in response.content.decode()
    assert not User.objects.filter(first_name="Gea").exists()


def test_a_guest_needs_a_first_name(world):
    b = maak_bijeenkomst(world.traject, begeleider=world.alice, actief=True, gasten=True)
    response = world.client("anoniem").post(f"/meedoen/{b.code}/", {"voornaam": "  "})
    assert response.status_code == 400
    assert "Vul je voornaam in." in response.content.decode()


def test_a_wrong_code_is_a_404_and_an_old_one_a_410(world, sessie):
    client = world.client("anoniem")
    response = client.post("/meedoen/", {"code": "zzzzzz"})
    assert response.status_code == 404
    assert "Deze code kennen we niet" in response.content.decode()
    assert 'value="zzzzzz"' in response.content.decode()  # typed text kept
    assert client.get("/meedoen/QQQQQQ/").status_code == 404
    # Typed with spaces and in lower case: still found.
    response = client.post("/meedoen/", {"code": " " + sessie.code[:3].lower() + " " + sessie.code[3:]})
    assert response.status_code == 302
    services.sluiten(bijeenkomst=sessie)
    response = client.post("/meedoen/", {"code": sessie.code})
    assert response.status_code == 410
    assert "al afgelopen" in response.content.decode()


def test_erasing_a_guest_keeps_the_card_without_the_name(world):
    b = maak_bijeenkomst(world.traject, begeleider=world.alice, actief=True, gasten=True)
    gast = services.gast_aanmaken(bijeenkomst=b, voornaam="Gea")
    services.inbreng_toevoegen(blok=b.huidig_blok, tekst="Blijft staan", auteur=gast)
    persoon_wissen(gast)
    kaart = Inbreng.objects.get(tekst="Blijft staan")
    assert (kaart.auteur, kaart.naam) == (None, "")
    assert not User.objects.filter(first_name="Gea").exists()


# -- the report ---------------------------------------------------------------------


def test_closing_keeps_the_report_and_the_next_planning_shows_the_evaluation(world, sessie):
    services.inbreng_toevoegen(blok=sessie.huidig_blok, tekst="Wat we zeiden", auteur=world.bob)
    client = world.client("begeleider")
    response = client.post(
        f"/bijeenkomsten/{sessie.pk}/sluiten/",
        {"wat_ging_goed": "Iedereen kwam aan het woord", "wat_houden_we": "Kaartjes op papier"},
    )
    assert response.status_code == 302 and response["Location"] == f"/bijeenkomsten/{sessie.pk}/verslag/"
    sessie.refresh_from_db()
    assert sessie.is_gesloten and not Blok.objects.filter(bijeenkomst=sessie, invoer_open=True).exists()
    html = world.client("teamlid").get(f"/bijeenkomsten/{sessie.pk}/verslag/").content.decode()
    assert "Wat we zeiden" in html and "Iedereen kwam aan het woord" in html
    planning = client.get(f"/trajecten/{world.traject.pk}/bijeenkomsten/nieuw/").content.decode()
    assert "Kaartjes op papier" in planning
    # The big screen of a closed session leads to its report.
    response = client.get(f"/bijeenkomsten/{sessie.pk}/presentatie/")
    assert response.status_code == 302 and response["Location"] == f"/bijeenkomsten/{sessie.pk}/verslag/"


def test_the_verslaggever_writes_notes_and_decisions(world, sessie):
    Bijeenkomst.objects.filter(pk=sessie.pk).update(verslaggever=world.bob)
    response = world.client("teamlid").post(
        f"/bijeenkomsten/{sessie.pk}/verslag/",
        {
            "notities": "Goed gesprek",
            "besluiten": "We starten een pilot",
            "wat_ging_goed": "",
            "wat_houden_we": "",
        },
    )
    assert response.status_code == 302
    assert Bijeenkomst.objects.get(pk=sessie.pk).besluiten == "We starten een pilot"


def test_input_after_closing_is_refused(world, sessie):
    services.sluiten(bijeenkomst=sessie)
    response = world.client("teamlid").post(
        f"/bijeenkomsten/{sessie.pk}/inbreng/", {"tekst": "Te laat", "blok": sessie.huidig_blok_id}
    )
    assert response.status_code == 410
    assert not Inbreng.objects.exists()
