"""Small groups (trajecten.zichtbaarheid): an aggregate of answers shows only from the minimum
number of people up, on the page, in the plan and in the exports; ratings and ticks never
carry a name, not even in the begeleider's list of single answers."""

import csv
import io
import re
import zipfile

import pytest
from pypdf import PdfReader

from oefeningen import services
from oefeningen.models import OefeningStatus
from tests.factories import LidmaatschapFactory, UserFactory
from trajecten.models import Perspectief, Rol

UNIEK = "Zwaluwstaart"


def _url(world, oefening):
    return f"/trajecten/{world.traject.pk}/oefeningen/{oefening.slug}/"


def _leden(world, n):
    users = []
    for i in range(n):
        user = UserFactory(username=f"klein{i}", first_name=f"{UNIEK}{i}")
        LidmaatschapFactory(user=user, team=world.team, rol=Rol.TEAMLID, perspectief=Perspectief.PROFESSIONAL)
        users.append(user)
    return users


def _antwoord(world, oefening, user, data):
    services.bijdrage_toevoegen(traject=world.traject, oefening=oefening, auteur=user, data=data)


def _team(html):
    return html.split('id="kop-team"')[1]


def _csv(world, naam):
    zip_bytes = world.client("begeleider").get(f"/trajecten/{world.traject.pk}/export-csv.zip").content
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as archive:
        tekst = archive.read(f"{naam}.csv").decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(tekst), delimiter=";"))


@pytest.mark.parametrize("mensen", [1, 2])
def test_a_rating_of_fewer_than_three_shows_no_spread_no_average_anywhere(world, oef, mensen):
    schaal = oef("schaal")
    for i, user in enumerate(_leden(world, mensen)):
        _antwoord(world, schaal, user, {"item": "ervaring", "waarde": 2 + i})
    team = _team(world.client("begeleider").get(_url(world, schaal)).content.decode())
    assert "gemiddeld" not in team and "<td data-label" not in team
    assert f"{mensen} antwoord" in team and "zie je vanaf 3 mensen" in team
    assert UNIEK not in team  # nor in the begeleider's list of single answers
    regels = schaal.kind.summary(schaal, list(schaal.bijdragen.all()))
    assert regels and all("gemiddeld" not in r and "zichtbaar vanaf 3" in r for r in regels)
    assert [r for r in _csv(world, "oefeningen") if r["oefening"] == schaal.slug] == []


def test_from_three_people_the_spread_shows_without_names(world, oef):
    schaal = oef("schaal")
    for i, user in enumerate(_leden(world, 3)):
        _antwoord(world, schaal, user, {"item": "ervaring", "waarde": 2 + i})
    team = _team(world.client("begeleider").get(_url(world, schaal)).content.decode())
    assert "gemiddeld 3,0, 3 antwoorden" in team
    assert "Losse antwoorden bekijken" in team and UNIEK not in team
    rijen = [r for r in _csv(world, "oefeningen") if r["oefening"] == schaal.slug]
    assert [r["waarde"] for r in rijen] == ["2", "3", "4"]
    assert all(not r["auteur"] and not r["aangemaakt_op"] for r in rijen)


def test_the_minimum_is_a_setting(world, oef, settings):
    settings.COCREATIE_GROEP_MINIMUM = 5
    schaal = oef("schaal")
    for user in _leden(world, 4):
        _antwoord(world, schaal, user, {"item": "ervaring", "waarde": 3})
    team = _team(world.client("teamlid").get(_url(world, schaal)).content.decode())
    assert "gemiddeld" not in team and "zie je vanaf 5 mensen" in team


def test_checklist_ticks_of_two_people_show_no_counts_and_no_names(world, oef):
    checklist = oef("checklist")
    for user in _leden(world, 2):
        _antwoord(world, checklist, user, {"item": checklist.kind.items(checklist)[0]["key"]})
    team = _team(world.client("begeleider").get(_url(world, checklist)).content.decode())
    assert "<progress" not in team and "zie je vanaf 3 mensen" in team and UNIEK not in team
    assert [r for r in _csv(world, "oefeningen") if r["oefening"] == checklist.slug] == []


def test_choices_of_two_people_show_no_counts(world, oef):
    keuze = oef("keuze")
    optie = keuze.kind.opties(keuze)[0]
    for user in _leden(world, 2):
        _antwoord(world, keuze, user, {"item": optie["key"], "toelichting": "mijn reden"})
    team = _team(world.client("teamlid").get(_url(world, keuze)).content.decode())
    assert f"{optie['label']}: 2" not in team and "mijn reden" not in team and "zie je vanaf 3 mensen" in team
    assert keuze.kind.summary(keuze, list(keuze.bijdragen.all())) == [
        "2 antwoorden, zichtbaar vanaf 3 mensen"
    ]


def test_the_plan_appendix_carries_no_spread_of_two(world, oef):
    schaal = oef("schaal")
    for i, user in enumerate(_leden(world, 2)):
        _antwoord(world, schaal, user, {"item": "ervaring", "waarde": 1 + 3 * i})
    OefeningStatus.objects.update_or_create(
        traject=world.traject, oefening=schaal, defaults={"status": OefeningStatus.Status.AFGEROND}
    )
    html = world.client("leidinggevende").get(f"/trajecten/{world.traject.pk}/plan/").content.decode()
    assert "2 antwoorden, zichtbaar vanaf 3 mensen" in html and "gemiddeld 2,5" not in html
    pdf = world.client("leidinggevende").post(f"/trajecten/{world.traject.pk}/plan/pdf/").content
    tekst = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert "zichtbaar vanaf 3 mensen" in tekst.replace("\x00", "") and "gemiddeld 2,5" not in tekst
