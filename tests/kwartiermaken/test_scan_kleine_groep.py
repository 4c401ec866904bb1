"""The readiness scan keeps the small-group rule (trajecten.zichtbaarheid) on its page and in
the export: no counts below the minimum, and export rows without names."""

import csv
import io
import zipfile

import pytest
from django.test import Client

from tests.factories import LidmaatschapFactory, UserFactory
from trajecten.models import Perspectief, Rol

pytestmark = pytest.mark.usefixtures("inhoud")


def _scan(world, client):
    return client.get(f"/trajecten/{world.traject.pk}/kwartiermaken/scan/").content.decode()


def _scan_csv(world):
    data = world.client("begeleider").get(f"/trajecten/{world.traject.pk}/export-csv.zip").content
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        tekst = archive.read("kwartiermaken_scan.csv").decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(tekst), delimiter=";"))


def test_one_answer_shows_no_counts_and_exports_nothing(world):
    world.client("teamlid").post(
        f"/trajecten/{world.traject.pk}/kwartiermaken/scan/",
        {"antwoord_geld": "nee", "toelichting_geld": "Krap"},
    )
    spreiding = _scan(world, world.client("begeleider")).split('id="spreiding"')[1]
    assert "1 persoon heeft deze ronde ingevuld" in spreiding and "zie je vanaf 3 mensen" in spreiding
    assert "Nee: 1" not in spreiding and "Krap" not in spreiding and "<table" not in spreiding
    assert _scan_csv(world) == []


def test_from_three_people_counts_show_and_the_export_has_no_names(world):
    bea = UserFactory(username="bea", first_name="Bea", last_name="de Vries")
    LidmaatschapFactory(user=bea, team=world.team, rol=Rol.TEAMLID, perspectief=Perspectief.CLIENT)
    for actor, antwoord in [("teamlid", "nee"), ("begeleider", "ja")]:
        world.client(actor).post(
            f"/trajecten/{world.traject.pk}/kwartiermaken/scan/", {"antwoord_geld": antwoord}
        )
    client = Client()
    client.force_login(bea)
    client.post(f"/trajecten/{world.traject.pk}/kwartiermaken/scan/", {"antwoord_geld": "ja"})
    spreiding = _scan(world, world.client("teamlid")).split('id="spreiding"')[1]
    assert "<table" in spreiding and "zie je vanaf" not in spreiding
    rijen = _scan_csv(world)
    assert [(r["vraag"], r["antwoord"]) for r in rijen] == [("geld", "ja"), ("geld", "ja"), ("geld", "nee")]
    assert all("persoon" not in r for r in rijen)
    assert not any("Bea" in v or "Bob" in v for r in rijen for v in r.values())


def test_a_previous_round_below_the_minimum_is_not_compared(world):
    url = f"/trajecten/{world.traject.pk}/kwartiermaken/scan/"
    world.client("teamlid").post(url, {"antwoord_steun": "nee"})
    world.client("begeleider").post(url + "nieuwe-ronde/")
    for actor in ("teamlid", "begeleider", "leidinggevende"):
        world.client(actor).post(url, {"antwoord_steun": "ja"})
    spreiding = _scan(world, world.client("teamlid")).split('id="spreiding"')[1]
    assert "<table" in spreiding and "(was" not in spreiding and "Verschoven" not in spreiding
