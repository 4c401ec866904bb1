"""The kinds registry: settings validation, and every exercise in fixtures/ validated and rendered."""

import copy
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command

from oefeningen.models import Bijdrage, Oefening
from oefeningen.soorten import all_kinds, get_kind
from tests.oefeningen.factories import INSTELLINGEN, OefeningFactory

FIXTURES = sorted(Path(settings.BASE_DIR, "fixtures").glob("*.json"))


def test_every_kind_of_the_contract_is_registered():
    assert set(all_kinds()) == {
        "kaarten",
        "tekst",
        "schaal",
        "keuze",
        "checklist",
        "tijdlijn",
        "kompas",
        "matrix",
    }
    for kind in all_kinds().values():
        kind.validate_settings(INSTELLINGEN[kind.key])
        assert kind.partial == f"oefeningen/soorten/{kind.key}.html"


def _broken(soort, change):
    instellingen = copy.deepcopy(INSTELLINGEN[soort])
    change(instellingen)
    return instellingen


@pytest.mark.parametrize(
    ("soort", "change"),
    [
        ("kaarten", lambda i: i.update(stemmen_per_persoon="drie")),
        ("kaarten", lambda i: i.update(onbekend=1)),
        ("tekst", lambda i: i.update(max_lengte=50000)),
        ("schaal", lambda i: i.update(min=5, max=1)),
        ("schaal", lambda i: i["items"].append({"key": "ervaring", "label": "dubbel"})),
        ("keuze", lambda i: i.update(opties=[{"key": "a", "label": "A"}])),
        ("checklist", lambda i: i["items"][0].pop("label")),
        ("kompas", lambda i: i["richtingen"].pop()),
        ("matrix", lambda i: i.pop("y")),
    ],
)
def test_bad_settings_are_refused_by_clean(db, soort, change):
    oefening = OefeningFactory.build(soort=soort, instellingen=_broken(soort, change))
    with pytest.raises(ValidationError) as error:
        oefening.full_clean(exclude=["hoofdstuk"])
    assert "instellingen" in error.value.message_dict


def test_an_unknown_kind_is_refused(db):
    with pytest.raises(ValidationError):
        get_kind("mindmap")
    with pytest.raises(ValidationError):
        OefeningFactory.build(soort="mindmap", instellingen={}).full_clean(exclude=["hoofdstuk"])


def test_the_loader_refuses_an_exercise_with_bad_settings(db, tmp_path):
    fixture = [
        {
            "model": "oefeningen.hoofdstuk",
            "fields": {"slug": "context", "nummer": 3, "titel": "Context", "volgorde": 3},
        },
        {
            "model": "oefeningen.oefening",
            "fields": {
                "slug": "kapot",
                "hoofdstuk": ["context"],
                "titel": "Kapot",
                "soort": "kompas",
                "vraag": "?",
                "bron": "test",
                "instellingen": {"richtingen": []},
            },
        },
    ]
    path = tmp_path / "kapot.json"
    path.write_text(json.dumps(fixture), encoding="utf-8")
    with pytest.raises(Exception, match="kapot"):
        call_command("loaddata", str(path), verbosity=0)
    assert not Oefening.objects.filter(slug="kapot").exists()


def test_every_exercise_in_the_fixtures_is_valid_and_renders(world):
    assert FIXTURES, "the content fixtures (fixtures/*.json) are missing"
    call_command("inhoud_laden", verbosity=0)
    oefeningen = list(Oefening.objects.select_related("hoofdstuk"))
    assert len(oefeningen) == 60, "the fixtures lost exercises"
    # Reloading the content updates rows in place by slug and never touches a team's answers.
    eerste = oefeningen[0]
    Oefening.objects.filter(pk=eerste.pk).update(titel="Oud")
    antwoord = Bijdrage.objects.create(
        traject=world.traject, oefening=eerste, auteur=world.bob, tekst="Blijft"
    )
    call_command("inhoud_laden", verbosity=0)
    assert Oefening.objects.count() == len(oefeningen)
    assert Oefening.objects.get(slug=eerste.slug).pk == eerste.pk
    assert Oefening.objects.get(slug=eerste.slug).titel == eerste.titel
    assert Bijdrage.objects.get(pk=antwoord.pk).tekst == "Blijft"
    client = world.client("begeleider")
    problems = {}
    for oefening in oefeningen:
        try:
            oefening.full_clean()
        except ValidationError as error:
            problems[oefening.slug] = error.messages
            continue
        response = client.get(
            f"/trajecten/{world.traject.pk}/oefeningen/{oefening.slug}/", headers={"HX-Request": "true"}
        )
        if response.status_code != 200 or b'id="werkblad"' not in response.content:
            problems[oefening.slug] = [f"status {response.status_code}"]
        if b"---------" in response.content:
            problems[oefening.slug] = ["Django's empty choice '---------' instead of 'Kies…'"]
        if not oefening.bron.strip():
            problems[oefening.slug] = ["geen bron"]
    assert not problems, problems


def test_staff_edit_texts_in_the_admin_and_bad_settings_are_refused(admin_client, oef):
    kompas = oef("kompas")
    url = f"/beheer/oefeningen/oefening/{kompas.pk}/change/"
    assert admin_client.get(url).status_code == 200
    data = {
        "slug": kompas.slug,
        "hoofdstuk": kompas.hoofdstuk_id,
        "volgorde": 1,
        "titel": "Nieuwe titel",
        "soort": "kompas",
        "vraag": "Nieuwe vraag",
        "bron": "Ervaring werkt §10",
        "instellingen": json.dumps({"richtingen": [{"key": "noord", "label": "Noord"}]}),
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200 and "precies 4 onderdelen" in response.content.decode()
    kompas.refresh_from_db()
    assert kompas.titel != "Nieuwe titel"
    data["instellingen"] = json.dumps(INSTELLINGEN["kompas"])
    assert admin_client.post(url, data).status_code == 302
    kompas.refresh_from_db()
    assert kompas.titel == "Nieuwe titel"


def test_a_new_kind_is_a_choice_of_the_model_without_a_migration(db, monkeypatch):
    from oefeningen.soorten import basis

    class Proef(basis.Kind):
        key = "proef"
        label = "Proef"

        def clean_data(self, oefening, data):
            return {"tekst": data.get("tekst", "")}

    monkeypatch.setitem(basis._REGISTRY, Proef.key, Proef())
    assert ("proef", "Proef") in list(Oefening._meta.get_field("soort").choices)
    OefeningFactory.build(soort="proef", instellingen={}).full_clean(exclude=["hoofdstuk"])
    call_command("makemigrations", "oefeningen", "--check", "--dry-run", verbosity=0)
