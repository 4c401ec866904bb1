"""The method content in fixtures/: complete in English, with a purpose, a time and a group
size per exercise, and shown in the person's language on the pages and in the plan."""

import json
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from django.utils.html import escape

from oefeningen.models import Oefening
from oefeningen.soorten.basis import VERTAALBAAR
from trajecten.inhoud import vertaalde_instellingen

FIXTURES = sorted(Path(settings.BASE_DIR, "fixtures").glob("*.json"))
# Text a person reads inside an exercise's settings: item labels and explanations, and the
# top-level texts (card label, template, scale ends, examples).
TEKST_IN_ITEMS = {"label", "uitleg"}


def _leeg(waarde) -> bool:
    if isinstance(waarde, list):
        return not waarde or any(not str(v).strip() for v in waarde)
    return not str(waarde or "").strip()


def _instellingen_zonder_engels(waarde, pad: str) -> list[str]:
    gaten = []
    if isinstance(waarde, dict):
        for sleutel, inhoud in waarde.items():
            if sleutel.endswith("_en"):
                continue
            vertaalbaar = sleutel in TEKST_IN_ITEMS or sleutel in VERTAALBAAR
            if vertaalbaar and not _leeg(inhoud):
                engels = waarde.get(f"{sleutel}_en")
                if _leeg(engels) or (isinstance(inhoud, list) and len(engels) != len(inhoud)):
                    gaten.append(f"{pad}.{sleutel}_en")
            else:
                gaten += _instellingen_zonder_engels(inhoud, f"{pad}.{sleutel}")
    elif isinstance(waarde, list):
        for index, inhoud in enumerate(waarde):
            gaten += _instellingen_zonder_engels(inhoud, f"{pad}[{index}]")
    return gaten


def ontbrekend_engels(objecten: list[dict]) -> list[str]:
    """Every Dutch content text in these fixture objects whose English twin is empty."""
    gaten = []
    for obj in objecten:
        model = apps.get_model(obj["model"])
        velden = obj["fields"]
        naam = f"{obj['model']}:{velden.get('slug')}"
        for veld in model._meta.get_fields():
            nederlands = velden.get(veld.name.removesuffix("_en"))
            if veld.name.endswith("_en") and not _leeg(nederlands) and _leeg(velden.get(veld.name)):
                gaten.append(f"{naam}.{veld.name}")
        gaten += _instellingen_zonder_engels(velden.get("instellingen") or {}, f"{naam}.instellingen")
    return gaten


def _objecten() -> list[dict]:
    assert FIXTURES, "the content fixtures (fixtures/*.json) are missing"
    return [obj for path in FIXTURES for obj in json.loads(path.read_text(encoding="utf-8"))]


def test_every_content_text_has_its_english_text():
    gaten = ontbrekend_engels(_objecten())

    assert not gaten, f"{len(gaten)} English texts are missing, e.g. {gaten[:10]}"


def test_the_check_finds_each_kind_of_missing_english_text():
    objecten = [
        {
            "model": "oefeningen.oefening",
            "fields": {
                "slug": "x",
                "titel": "Titel",
                "titel_en": "Title",
                "vraag": "Vraag",
                "vraag_en": "",
                "instellingen": {
                    "items": [{"key": "a", "label": "Een", "label_en": "One", "uitleg": "Uitleg"}],
                    "voorbeelden": ["Een", "Twee"],
                    "voorbeelden_en": ["One"],
                    "sjabloon": "Tekst",
                },
            },
        },
        {"model": "kwartiermaken.stap", "fields": {"slug": "s", "titel": "Stap", "uitleg": "Uitleg"}},
    ]

    assert ontbrekend_engels(objecten) == [
        "oefeningen.oefening:x.vraag_en",
        "oefeningen.oefening:x.instellingen.items[0].uitleg_en",
        "oefeningen.oefening:x.instellingen.voorbeelden_en",
        "oefeningen.oefening:x.instellingen.sjabloon_en",
        "kwartiermaken.stap:s.titel_en",
        "kwartiermaken.stap:s.uitleg_en",
    ]


def test_every_exercise_gives_its_purpose_a_time_and_a_group_size():
    zonder = {}
    for obj in _objecten():
        if obj["model"] != "oefeningen.oefening":
            continue
        v = obj["fields"]
        fout = [naam for naam in ("doel", "duur_min", "groep_min") if not v.get(naam)]
        if v.get("duur_max") and v.get("duur_min") and v["duur_max"] < v["duur_min"]:
            fout.append("duur_max < duur_min")
        if v.get("groep_max") and v.get("groep_min") and v["groep_max"] < v["groep_min"]:
            fout.append("groep_max < groep_min")
        if fout:
            zonder[v["slug"]] = fout

    assert not zonder, zonder


def test_settings_come_back_in_english_where_there_is_english():
    instellingen = {
        "x": {"label": "As", "label_en": "Axis", "waarden": [{"key": "a", "label": "Laag", "label_en": ""}]},
        "voorbeelden": ["Een", "Twee"],
        "voorbeelden_en": ["One"],  # not as long as the Dutch list: the Dutch one stays
        "sjabloon": "Tekst",
        "sjabloon_en": "Text",
        "max_lengte": 500,
    }

    with translation.override("en"):
        engels = vertaalde_instellingen(instellingen)
    with translation.override("nl"):
        nederlands = vertaalde_instellingen(instellingen)

    assert engels == {
        "x": {"label": "Axis", "waarden": [{"key": "a", "label": "Laag"}]},
        "voorbeelden": ["Een", "Twee"],
        "sjabloon": "Text",
        "max_lengte": 500,
    }
    assert nederlands is instellingen


# -- the pages, in each language ------------------------------------------------------------------


@pytest.fixture
def inhoud(world):
    call_command("inhoud_laden", verbosity=0)
    return world


def _in(client, taal):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = taal
    return client


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_an_exercise_page_shows_its_content_in_the_persons_language(inhoud, taal):
    oefening = Oefening.objects.get(slug="context-spelregels")
    item = oefening.instellingen["items"][0]
    client = _in(inhoud.client("begeleider"), taal)

    html = client.get(oefening.url(inhoud.traject)).content.decode()

    eigen, ander = ("", "_en") if taal == "nl" else ("_en", "")
    for tekst in (f"titel{eigen}", f"doel{eigen}"):
        assert escape(getattr(oefening, tekst)) in html
    assert escape(item[f"label{eigen}"]) in html
    assert escape(item[f"label{ander}"]) not in html
    assert escape(getattr(oefening, f"titel{ander}")) not in html
    with translation.override(taal):
        assert oefening.duur and oefening.duur in html


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_the_kwartiermaken_pages_show_their_content_in_the_persons_language(inhoud, taal):
    Stap = apps.get_model("kwartiermaken", "Stap")
    ScanVraag = apps.get_model("kwartiermaken", "ScanVraag")
    stap = Stap.objects.select_related("fase").first()
    vraag = ScanVraag.objects.first()
    client = _in(inhoud.client("begeleider"), taal)
    eigen, ander = ("", "_en") if taal == "nl" else ("_en", "")

    traject = client.get(f"/trajecten/{inhoud.traject.pk}/kwartiermaken/").content.decode()
    scan = client.get(f"/trajecten/{inhoud.traject.pk}/kwartiermaken/scan/").content.decode()

    assert escape(getattr(stap, f"uitleg{eigen}")) in traject
    assert escape(getattr(stap, f"uitleg{ander}")) not in traject
    assert escape(getattr(stap.fase, f"inleiding{eigen}")) in traject
    assert escape(getattr(vraag, f"vraag{eigen}")) in scan
    assert escape(getattr(vraag, f"vraag{ander}")) not in scan


def test_the_plan_shows_the_compass_in_english(inhoud):
    from oefeningen.services import bijdrage_toevoegen

    kompas = Oefening.objects.get(slug="blik-op-morgen-kompas")
    richting = kompas.instellingen["richtingen"][0]
    bijdrage_toevoegen(
        traject=inhoud.traject,
        oefening=kompas,
        auteur=inhoud.bob,
        data={"item": richting["key"], "tekst": "Samen"},
    )
    client = _in(inhoud.client("begeleider"), "en")

    html = client.get(f"/trajecten/{inhoud.traject.pk}/plan/").content.decode()

    assert escape(richting["label_en"]) in html
    assert f">{escape(richting['label'])}<" not in html


def test_the_plan_pdf_is_english_for_an_english_reader(inhoud):
    import io
    import re

    from pypdf import PdfReader

    from oefeningen.services import bijdrage_toevoegen

    kompas = Oefening.objects.get(slug="blik-op-morgen-kompas")
    richting = kompas.instellingen["richtingen"][0]
    bijdrage_toevoegen(
        traject=inhoud.traject,
        oefening=kompas,
        auteur=inhoud.bob,
        data={"item": richting["key"], "tekst": "Samen"},
    )
    client = _in(inhoud.client("leidinggevende"), "en")

    response = client.post(f"/trajecten/{inhoud.traject.pk}/plan/pdf/")

    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    tekst = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages).replace("\x00", ""))
    n = len(reader.pages)
    assert f"Page {n} of {n}" in tekst
    assert "Pagina" not in tekst
    assert re.sub(r"\s+", " ", richting["label_en"]) in tekst
    assert "Action plan" in tekst


@pytest.mark.django_db
def test_the_handreikings_five_roles_carry_one_label_in_the_exercise_and_on_the_ed_place():
    from ervaringsdeskundigen.models import RolHandreiking

    call_command("loaddata", *FIXTURES, verbosity=0)
    opties = Oefening.objects.get(slug="rollen-vijf-rollen-handreiking").instellingen["opties"]
    for taal in ("nl", "en"):
        with translation.override(taal):
            in_oefening = {o["key"]: o["label_en"] if taal == "en" else o["label"] for o in opties}
            op_plek = {rol.value: str(rol.label) for rol in RolHandreiking}
            assert in_oefening == op_plek
