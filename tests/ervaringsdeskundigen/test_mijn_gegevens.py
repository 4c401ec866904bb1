"""Mijn gegevens: export everything as JSON (logged) and erase the account (confirmed, logged out)."""

import json
import re

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from ervaringsdeskundigen.models import (
    AuditRegel,
    Ervaringsprofiel,
    Inzagerecht,
    Plek,
    Toestemming,
    pseudoniem,
)
from ervaringsdeskundigen.services import inzage_geven
from tests.ervaringsdeskundigen.conftest import THEMA, client_for
from tests.factories import PASSWORD
from trajecten.registries import personal_data_entries


def test_every_model_of_this_app_with_a_user_link_is_registered(db):
    registered = {entry.model for entry in personal_data_entries()}
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    for model in apps.get_app_config("ervaringsdeskundigen").get_models():
        if any(getattr(f, "related_model", None) is user_model for f in model._meta.get_fields()):
            assert model in registered, model


def test_download_holds_everything_about_me_and_is_logged(ed):
    inzage_geven(eigenaar=ed.bob, ontvanger=ed.alice)
    ed.client("begeleider").get(f"/trajecten/{ed.traject.pk}/ervaringsdeskundigen/{ed.plek.pk}/")
    response = ed.client("teamlid").get("/mijn-gegevens/download/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["gebruikersnaam"] == "bob"
    assert data["ervaringsdeskundigen.Ervaringsprofiel"][0]["ervaringsthema"] == THEMA
    assert data["ervaringsdeskundigen.Plek"][0]["titel"] == "ED herstel"
    assert data["ervaringsdeskundigen.Toestemming"][0]["tekst"].startswith("Ik geef toestemming")
    assert data["ervaringsdeskundigen.Inzagerecht"] == [
        {
            "richting": "gegeven",
            "persoon": "Alice",
            "sinds": data["ervaringsdeskundigen.Inzagerecht"][0]["sinds"],
        }
    ]
    log = data["ervaringsdeskundigen.AuditRegel"]
    assert any(r["wie"] == "Alice" and r["actie"] == "bekijken" for r in log)
    assert any(r["actie"] == "exporteren" for r in log)
    assert AuditRegel.objects.filter(actor=ed.bob, actie="exporteren").count() == 1


@pytest.mark.parametrize(
    "wachtwoord, melding",
    [("fout", "Dit wachtwoord klopt niet."), ("", "Vul je wachtwoord in om te bevestigen.")],
)
def test_a_wrong_or_empty_password_erases_nothing(ed, wachtwoord, melding):
    response = ed.client("teamlid").post("/mijn-gegevens/wissen/", {"wachtwoord": wachtwoord})
    assert response.status_code == 400
    body = response.content.decode()
    field_error = re.search(r'id="id_wachtwoord_error"[^>]*>(.*?)</', body, re.S)
    assert field_error and melding in field_error.group(1), "the message sits by the field"
    assert "Er is niets gewist." in body
    assert 'value="fout"' not in body, "a password is never sent back"
    assert get_user_model().objects.filter(username="bob").exists()
    assert Ervaringsprofiel.objects.filter(user=ed.bob).exists()


def test_the_username_is_no_longer_enough(ed):
    response = ed.client("teamlid").post("/mijn-gegevens/wissen/", {"gebruikersnaam": "bob"})
    assert response.status_code == 400
    assert get_user_model().objects.filter(username="bob").exists()


def test_wrong_passwords_at_erasure_count_as_failed_logins(ed, settings):
    client = ed.client("teamlid")
    pair_limit = settings.LOGIN_LOCKS[0][1]
    for _ in range(pair_limit - 1):
        assert client.post("/mijn-gegevens/wissen/", {"wachtwoord": "fout"}).status_code == 400
    response = client.post("/mijn-gegevens/wissen/", {"wachtwoord": "fout"})
    assert response.status_code == 429
    assert "Te veel mislukte pogingen." in response.content.decode()
    # Locked: even the right password erases nothing now, here or at the login.
    response = client.post("/mijn-gegevens/wissen/", {"wachtwoord": PASSWORD})
    assert response.status_code == 429
    assert get_user_model().objects.filter(username="bob").exists()
    login = Client().post("/account/inloggen/", {"username": "bob", "password": PASSWORD})
    assert login.status_code == 429


def test_a_guest_without_a_password_confirms_with_a_tick(ed):
    from bijeenkomsten.services import gast_aanmaken
    from tests.bijeenkomsten.factories import maak_bijeenkomst

    bijeenkomst = maak_bijeenkomst(ed.traject, begeleider=ed.alice, actief=True, gasten=True)
    gast = gast_aanmaken(bijeenkomst=bijeenkomst, voornaam="Gijs")
    client = client_for(ed, gast)
    page = client.get("/mijn-gegevens/wissen/").content.decode()
    assert 'name="wachtwoord"' not in page and 'name="bevestiging"' in page
    response = client.post("/mijn-gegevens/wissen/", {})
    assert response.status_code == 400
    assert "Vink aan dat je dit echt wilt." in response.content.decode()
    assert get_user_model().objects.filter(pk=gast.pk).exists()
    assert client.post("/mijn-gegevens/wissen/", {"bevestiging": "on"}).status_code == 302
    assert not get_user_model().objects.filter(pk=gast.pk).exists()


def test_erasing_removes_the_person_keeps_the_place_and_a_pseudonymous_log(ed):
    inzage_geven(eigenaar=ed.bob, ontvanger=ed.alice)
    ed.client("begeleider").get(f"/trajecten/{ed.traject.pk}/ervaringsdeskundigen/{ed.plek.pk}/")
    ref = pseudoniem(ed.bob)
    bob_pk = ed.bob.pk
    client = ed.client("teamlid")
    response = client.post("/mijn-gegevens/wissen/", {"wachtwoord": PASSWORD})
    assert response.status_code == 302 and response["Location"].startswith("/account/inloggen/")
    # Logged out: the own-data page now asks to log in.
    assert client.get("/mijn-gegevens/").status_code == 302

    assert not get_user_model().objects.filter(pk=bob_pk).exists()
    assert not Ervaringsprofiel.objects.exists() and not Toestemming.objects.exists()
    assert not Inzagerecht.objects.exists()
    plek = Plek.objects.get(pk=ed.plek.pk)
    assert plek.ervaringsdeskundige is None and plek.ingevuld_zonder_account and plek.is_ingevuld
    page = ed.client("begeleider").get(f"/trajecten/{ed.traject.pk}/ervaringsdeskundigen/").text
    assert "naam niet meer beschikbaar" in page and "Bob" not in page and "GEHEIM" not in page

    # The audit log keeps every entry, without a link to the person.
    assert AuditRegel.objects.filter(betrokkene_pseudoniem=ref).count() >= 3
    assert AuditRegel.objects.filter(betrokkene_pseudoniem=ref, actie="wissen").exists()
    assert not AuditRegel.objects.filter(betrokkene_id=bob_pk).exists()
    assert not AuditRegel.objects.filter(actor_id=bob_pk).exists()
    # alice's view of bob's data stays attributed to alice.
    assert AuditRegel.objects.filter(actor=ed.alice, betrokkene_pseudoniem=ref, actie="bekijken").exists()


def test_erasing_a_tandem_partner_or_grantee_clears_their_links(ed):
    ed.plek.tandem_partner = ed.dave
    ed.plek.positie = "tandem"
    ed.plek.save()
    inzage_geven(eigenaar=ed.bob, ontvanger=ed.dave)
    response = client_for(ed, ed.dave).post("/mijn-gegevens/wissen/", {"wachtwoord": PASSWORD})
    assert response.status_code == 302
    ed.plek.refresh_from_db()
    assert ed.plek.tandem_partner is None and ed.plek.ervaringsdeskundige == ed.bob
    assert not Inzagerecht.objects.exists()


def test_after_erasure_no_row_of_this_app_points_to_the_person(ed):
    # bob is in every model: place, profile, consent, grants given and received, audit log.
    inzage_geven(eigenaar=ed.bob, ontvanger=ed.alice)
    inzage_geven(eigenaar=ed.dave, ontvanger=ed.bob)
    ed.plek.tandem_partner = ed.bob
    ed.plek.save()
    ed.client("teamlid").get("/mijn-gegevens/download/")
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    fields = [
        (model, f)
        for model in apps.get_app_config("ervaringsdeskundigen").get_models()
        for f in model._meta.get_fields()
        if f.concrete and getattr(f, "related_model", None) is user_model
    ]
    assert len(fields) == 8
    assert all(
        model.objects.filter(**{f.attname: ed.bob.pk}).exists() for model, f in fields if model is not Plek
    )
    pk = ed.bob.pk
    from ervaringsdeskundigen.services import account_wissen

    account_wissen(user=ed.bob)
    for model, f in fields:
        assert not model.objects.filter(**{f.attname: pk}).exists(), (model, f.name)
    assert AuditRegel.objects.count() >= 4


@pytest.mark.parametrize("n", [1, 8])
def test_own_data_pages_use_a_fixed_number_of_queries(ed, django_assert_num_queries, n):
    from ervaringsdeskundigen.privacy import log
    from tests.ervaringsdeskundigen.factories import PlekFactory
    from tests.factories import LidmaatschapFactory, UserFactory

    for i in range(n):
        colleague = UserFactory(username=f"collega{i}")
        LidmaatschapFactory(user=colleague, team=ed.team)
        inzage_geven(eigenaar=ed.bob, ontvanger=colleague)
        inzage_geven(eigenaar=colleague, ontvanger=ed.bob)
        PlekFactory(traject=ed.traject, ervaringsdeskundige=ed.bob)
        log(actor=colleague, betrokkene=ed.bob, actie="bekijken", namens="x", onderdeel="ervaringsthema")
    client = ed.client("teamlid")
    client.get("/mijn-gegevens/")
    with django_assert_num_queries(8):
        page = client.get("/mijn-gegevens/")
    assert page.text.count(">Intrekken<") == n  # one button per grant
    with django_assert_num_queries(4):
        log_page = client.get("/mijn-gegevens/logboek/")
    # header, n views, n grants bob gave, consent given + theme stored (grants to bob are about others)
    assert log_page.text.count("<tr>") == 1 + n + n + 2
