"""The plan page and its forms: decisions, actions, risks, reviews, versions, exports."""

import csv
import io
import json
import zipfile
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from oefeningen import services as oef
from oefeningen.models import Oefening
from plan import overzicht
from plan.models import Actie, Besluit, Herziening, Onderwerp, PlanVersie, Risico
from plan.secties import EIGEN_SECTIES, herzien_signaal
from tests.factories import LidmaatschapFactory, UserFactory
from tests.plan.conftest import kompas_kaart, vul_plan
from trajecten import registries
from trajecten.registries import signals_for


def _url(world, path=""):
    return f"/trajecten/{world.traject.pk}/plan/{path}"


def test_members_read_the_plan_but_only_managers_and_begeleiders_get_download(gevuld):
    teamlid = gevuld.client("teamlid").get(_url(gevuld)).content.decode()
    assert "Besluit over rollen" in teamlid
    assert "Download als PDF" not in teamlid and "Besluit bewerken" not in teamlid
    manager = gevuld.client("leidinggevende").get(_url(gevuld)).content.decode()
    assert "Download als PDF" in manager and "Besluit bewerken" not in manager
    begeleider = gevuld.client("begeleider").get(_url(gevuld)).content.decode()
    assert "Besluit bewerken" in begeleider and "Maak er een actie van" in begeleider


def test_another_teams_plan_is_404(world):
    response = world.client("buitenstaander").get(_url(world))
    assert response.status_code == 404
    assert b"Team Alfa" not in response.content
    assert world.client("buitenstaander").post(_url(world, "pdf/")).status_code == 404


def test_a_decision_is_saved_with_owner_and_dates(world, kompas_en_antwoorden):
    response = world.client("begeleider").post(
        _url(world, "besluiten/aantal/"),
        {
            "tekst": "Twee ED's van 24 uur",
            "eigenaar": world.mira.pk,
            "datum": "2026-11-01",
            "herzien_op": "2027-05-01",
        },
    )
    assert response.status_code == 302
    besluit = Besluit.objects.get(traject=world.traject, onderwerp=Onderwerp.AANTAL)
    assert besluit.tekst == "Twee ED's van 24 uur" and besluit.eigenaar == world.mira
    assert str(besluit.herzien_op) == "2027-05-01"


def test_the_decision_form_shows_the_answers_that_feed_it(world, kompas_en_antwoorden):
    body = world.client("begeleider").get(_url(world, "besluiten/betaling/")).content.decode()
    assert "Betaald in loondienst" in body  # from the positie chapter
    assert "Brugfunctie" not in body  # rollen does not feed "betaling"


def test_an_owner_must_be_a_member(world, kompas_en_antwoorden):
    response = world.client("begeleider").post(
        _url(world, "besluiten/rollen/"), {"tekst": "<b>Brug</b>", "eigenaar": world.charlie.pk}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "&lt;b&gt;Brug&lt;/b&gt;" in body  # typed text kept, escaped
    assert 'aria-describedby="error_1_id_eigenaar"' in body or "is-invalid" in body
    assert not Besluit.objects.exists()


def test_an_unknown_decision_topic_is_404(world):
    assert world.client("begeleider").get(_url(world, "besluiten/bestaat-niet/")).status_code == 404


def test_an_action_needs_a_what_and_keeps_the_typed_text(world, kompas_en_antwoorden):
    response = world.client("begeleider").post(
        _url(world, "acties/nieuw/"), {"wat": "   ", "status": "open", "wanneer": "niet-een-datum"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Schrijf op wat er moet gebeuren." in body
    assert "niet-een-datum" in body
    assert not Actie.objects.exists()


def test_an_action_of_another_trajectory_is_404(world):
    vreemd = Actie.objects.create(traject=world.other_traject, wat="Geheim")
    assert world.client("begeleider").get(_url(world, f"acties/{vreemd.pk}/")).status_code == 404
    assert world.client("begeleider").get(_url(world, f"herzien/actie/{vreemd.pk}/")).status_code == 404


def test_a_review_records_what_happened_and_moves_the_date(world, kompas_en_antwoorden):
    vandaag = timezone.localdate()
    actie = Actie.objects.create(
        traject=world.traject, wat="Vacature plaatsen", herzien_op=vandaag - timedelta(days=2)
    )
    signalen = [s for s in signals_for(world.traject) if s.code == "plan-herzien"]
    assert signalen and "Vacature plaatsen" in signalen[0].reason
    page = world.client("teamlid").get(f"/trajecten/{world.traject.pk}/").content.decode()
    assert "Vacature plaatsen" in page  # the trajectory page lists what is due

    volgende = vandaag + timedelta(days=90)
    response = world.client("begeleider").post(
        _url(world, f"herzien/actie/{actie.pk}/"),
        {
            "datum": vandaag.isoformat(),
            "wat_gebeurde": "Vacature staat online",
            "volgende": volgende.isoformat(),
        },
    )
    assert response.status_code == 302
    herziening = Herziening.objects.get()
    assert herziening.actie == actie and herziening.door == world.alice
    actie.refresh_from_db()
    assert actie.herzien_op == volgende
    assert not [s for s in signals_for(world.traject) if s.code == "plan-herzien"]
    assert "Vacature staat online" in world.client("teamlid").get(_url(world)).content.decode()


def test_a_review_date_before_the_review_is_refused(world):
    besluit = Besluit.objects.create(traject=world.traject, onderwerp=Onderwerp.BORGING, tekst="Subsidie")
    response = world.client("begeleider").post(
        _url(world, f"herzien/besluit/{besluit.pk}/"),
        {"datum": "2026-11-10", "wat_gebeurde": "Gesprek gehad", "volgende": "2026-11-01"},
    )
    assert response.status_code == 400
    assert "Kies een datum na de datum van deze herziening." in response.content.decode()
    assert not Herziening.objects.exists()


def test_two_versions_are_compared(gevuld):
    client = gevuld.client("leidinggevende")
    client.post(_url(gevuld, "pdf/"))
    besluit = Besluit.objects.get(traject=gevuld.traject, onderwerp=Onderwerp.AANTAL)
    besluit.tekst = "Drie ED's"
    besluit.save()
    Actie.objects.create(traject=gevuld.traject, wat="Nieuwe actie na versie 1")
    Actie.objects.filter(wat="Actie nummer 0: vacature schrijven").delete()
    client.post(_url(gevuld, "pdf/"))
    assert PlanVersie.objects.count() == 2
    body = client.get(_url(gevuld, "versies/"), {"oud": 1, "nieuw": 2}).content.decode()
    assert "Drie ED&#x27;s" in body and "Nieuwe actie na versie 1" in body
    assert "(verwijderd)" in body and "Actie nummer 0" in body
    assert "Besluit over rollen" not in body  # unchanged decisions are not listed
    assert client.get(_url(gevuld, "versies/"), {"oud": 1, "nieuw": 9}).status_code == 400


def test_the_whole_trajectory_exports_as_json_and_csv(gevuld):
    client = gevuld.client("leidinggevende")
    data = json.loads(client.get(f"/trajecten/{gevuld.traject.pk}/export.json").content)
    assert data["traject"]["titel"] == "Traject Alfa"
    assert len(data["tabellen"]["plan-besluiten"]["rijen"]) == 7
    assert data["tabellen"]["plan-acties"]["rijen"][0]["wat"].startswith("Actie nummer")
    Actie.objects.create(traject=gevuld.traject, wat='=HYPERLINK("http://x")')
    archive = zipfile.ZipFile(
        io.BytesIO(client.get(f"/trajecten/{gevuld.traject.pk}/export-csv.zip").content)
    )
    assert "plan-acties.csv" in archive.namelist()
    rows = list(
        csv.DictReader(io.StringIO(archive.read("plan-acties.csv").decode("utf-8-sig")), delimiter=";")
    )
    assert any(r["wat"] == '\'=HYPERLINK("http://x")' for r in rows)  # no formula injection
    assert client.get(f"/trajecten/{gevuld.traject.pk}/export.json").status_code == 200
    assert gevuld.client("teamlid").get(f"/trajecten/{gevuld.traject.pk}/export.json").status_code == 403


def _grow(world, start, stop):
    """More members, dated actions (the timeline), reviews, compass cards, risks and answers."""
    keuze = Oefening.objects.get(slug="positie-meer-dan-een")
    sterk = Oefening.objects.get(slug="context-sterktes")
    for i in range(start, stop):
        lid = UserFactory(username=f"lid{i}")
        LidmaatschapFactory(user=lid, team=world.team)
        vandaag = timezone.localdate()
        actie = Actie.objects.create(
            traject=world.traject,
            wat=f"Actie {i}",
            eigenaar=lid,
            wanneer=vandaag + timedelta(days=9 * i),
            herzien_op=vandaag + timedelta(days=20 * i),
        )
        Herziening.objects.create(traject=world.traject, actie=actie, wat_gebeurde="ok", door=lid)
        kaart = kompas_kaart(world.traject, lid, "west", f"Risico {i}")
        Risico.objects.create(
            traject=world.traject, omschrijving=kaart.tekst, reactie="Zo", kaart_id=kaart.pk
        )
        oef.antwoorden_opslaan(
            traject=world.traject, oefening=keuze, auteur=lid, antwoorden=[{"item": "twee-of-meer"}]
        )
        oef.bijdrage_toevoegen(
            traject=world.traject, oefening=sterk, auteur=lid, data={"tekst": f"Sterk {i}"}
        )


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_plan_page_uses_a_fixed_number_of_queries(world, kompas_en_antwoorden):
    """Every registered section (other apps' too) at 2 and at 40 actions, members and reviews."""
    vul_plan(world.traject, world.alice, acties=0)
    _grow(world, 0, 2)
    client = world.client("begeleider")
    client.get(_url(world))  # warm up session and content caches
    small = _count(client, _url(world))
    _grow(world, 2, 40)
    assert _count(client, _url(world)) == small


def test_the_plans_own_sections_use_an_exact_number_of_queries(
    world, kompas_en_antwoorden, monkeypatch, django_assert_num_queries
):
    eigen = [*EIGEN_SECTIES, *overzicht.SECTIES]
    monkeypatch.setattr(registries, "_plan_sections", {s.key: s for s in eigen})
    monkeypatch.setattr(registries, "_signal_rules", [herzien_signaal])
    vul_plan(world.traject, world.alice, acties=3)
    _grow(world, 0, 5)
    client = world.client("begeleider")
    client.get(_url(world))
    # session, user, traject_for; the sections: perspectives, begeleiders, the compass cards (2: cards
    # and the west responses),
    # decisions, actions, the exercise answers (4: exercises, statuses, contributions, texts), risks,
    # reviews done (due reviews and the signal rule reuse decisions and actions); the go/no-go
    # decision and what it means (2, summary); the opening exercise under its headings (4:
    # exercise, status, contributions, text; summary); the next version number.
    with django_assert_num_queries(QUERIES_OWN_SECTIONS):
        client.get(_url(world))
    _grow(world, 5, 25)
    with django_assert_num_queries(QUERIES_OWN_SECTIONS):
        client.get(_url(world))


QUERIES_OWN_SECTIONS = 21
