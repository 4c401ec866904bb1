import json

import pytest
from django.core.management import call_command

from kwartiermaken.models import Fase, ScanVraag, Stap
from tests.kwartiermaken.conftest import FIXTURE, laad_inhoud
from tests.kwartiermaken.factories import voortgang


def test_it_loads_the_four_phases_with_their_steps_and_sources(inhoud):
    assert list(Fase.objects.values_list("slug", flat=True)) == ["verkenning", "fase-1", "fase-2", "fase-3"]
    per_fase = {f.slug: f.stappen.count() for f in Fase.objects.all()}
    assert per_fase == {"verkenning": 4, "fase-1": 4, "fase-2": 9, "fase-3": 2}
    assert ScanVraag.objects.count() == 10
    for obj in [*Fase.objects.all(), *Stap.objects.all(), *ScanVraag.objects.all()]:
        assert obj.bron.startswith("Handreiking Kwartiermaken"), obj


def test_fixture_has_natural_keys_and_no_primary_keys():
    rows = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert all("pk" not in row for row in rows)
    stap_rows = [r for r in rows if r["model"] == "kwartiermaken.stap"]
    assert all(isinstance(r["fields"]["fase"], list) for r in stap_rows)
    assert all(isinstance(r["fields"]["oefeningen"], list) for r in stap_rows)


def test_reloading_updates_in_place_and_keeps_team_data(inhoud, world):
    stap = Stap.objects.get(slug="fase-1-coalitie")
    v = voortgang(world.traject, "fase-1-coalitie", "bezig")
    Stap.objects.filter(pk=stap.pk).update(titel="Oude titel")
    laad_inhoud()
    stap.refresh_from_db()
    assert stap.titel == "Vorm een leidende coalitie"
    assert Stap.objects.filter(slug="fase-1-coalitie").count() == 1
    v.refresh_from_db()
    assert v.status == "bezig" and v.stap_id == stap.pk


@pytest.mark.django_db
def test_inhoud_laden_command_loads_our_fixture():
    call_command("inhoud_laden", verbosity=0)
    assert Stap.objects.filter(slug="fase-2-ondersteuning").exists()


def test_steps_link_only_to_exercises_that_exist(world):
    from django.apps import apps

    call_command("inhoud_laden", verbosity=0)  # the exercises too
    Oefening = apps.get_model("oefeningen", "Oefening")
    Oefening.objects.filter(slug="draagvlak-mythen").delete()
    html = world.client("teamlid").get(f"/trajecten/{world.traject.pk}/kwartiermaken/").content.decode()
    weerstand = Oefening.objects.get(slug="draagvlak-weerstand")
    assert (
        f'href="/trajecten/{world.traject.pk}/oefeningen/draagvlak-weerstand/">{weerstand.titel}</a>' in html
    )
    assert "/oefeningen/draagvlak-mythen/" not in html


def test_every_exercise_slug_in_the_steps_exists_in_the_exercise_content():
    rows = json.loads(FIXTURE.read_text(encoding="utf-8"))
    oefeningen_file = FIXTURE.parent / "10_oefeningen.json"
    if not oefeningen_file.exists():
        pytest.skip("the exercise content is not there yet")
    bestaand = {
        r["fields"]["slug"]
        for r in json.loads(oefeningen_file.read_text(encoding="utf-8"))
        if r["model"] == "oefeningen.oefening"
    }
    genoemd = {slug for r in rows if r["model"] == "kwartiermaken.stap" for slug in r["fields"]["oefeningen"]}
    assert genoemd - bestaand == set()
