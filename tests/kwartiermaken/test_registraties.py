"""What kwartiermaken feeds into the hub: progress, personal data, exports, plan sections, demo."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.template.loader import render_to_string

from kwartiermaken.models import (
    Besluit,
    FaseStart,
    ScanAntwoord,
    ScanRonde,
    ScanVraag,
    StapVoortgang,
    Voorwaarde,
)
from tests.factories import TrajectFactory
from tests.kwartiermaken.factories import besluit, fase_2_start, voortgang
from trajecten.models import Traject
from trajecten.registries import (
    personal_data_entries,
    plan_sections,
    progress_for,
    traject_exports,
    traject_links,
)
from trajecten.services import persoon_wissen, persoonsgegevens_export

pytestmark = pytest.mark.usefixtures("inhoud")


def test_progress_source_is_batched(world, django_assert_num_queries):
    voortgang(world.traject, "verkenning-aanleiding", "klaar")
    voortgang(world.traject, "verkenning-scan", "nvt", reden="x")
    voortgang(world.traject, "fase-1-visie", "bezig")
    extra = [TrajectFactory(team=world.team) for _ in range(5)]
    trajecten = [world.traject, world.other_traject, *extra]
    from kwartiermaken.selectors import batch_progress

    with django_assert_num_queries(2):
        result = batch_progress(trajecten)
    assert (result[world.traject.pk].done, result[world.traject.pk].total) == (2, 19)
    assert result[world.other_traject.pk].done == 0
    assert progress_for([world.traject])[world.traject.pk]["kwartiermaken"].percent == 11


def test_trajectory_page_links_to_the_tracker_for_every_member():
    assert any(link.url_name == "kwartiermaken:traject" for link in traject_links("teamlid"))


def test_every_model_pointing_to_a_person_is_registered():
    labels = {e.model._meta.label for e in personal_data_entries()}
    assert {
        "kwartiermaken.StapVoortgang",
        "kwartiermaken.ScanAntwoord",
        "kwartiermaken.Besluit",
        "kwartiermaken.FaseStart",
    } <= labels


def test_personal_data_is_exported_and_erased(world):
    ronde = ScanRonde.objects.create(traject=world.traject, nummer=1)
    ScanAntwoord.objects.create(
        ronde=ronde,
        vraag=ScanVraag.objects.get(slug="geld"),
        user=world.bob,
        antwoord="nee",
        toelichting="Krap",
    )
    voortgang(world.traject, "fase-1-visie", "bezig", eigenaar=world.bob)
    besluit(world.traject, "go", door=world.mira)
    start = fase_2_start(world.traject)
    FaseStart.objects.filter(pk=start.pk).update(gestart_door=world.mira)

    data = persoonsgegevens_export(world.bob)
    [antwoord] = data["kwartiermaken.ScanAntwoord"]
    assert antwoord["antwoord"] == "nee" and antwoord["toelichting"] == "Krap"
    assert data["kwartiermaken.StapVoortgang"][0]["stap"] == "Ontwikkel een gezamenlijke visie"
    assert persoonsgegevens_export(world.mira)["kwartiermaken.Besluit"][0]["besluit"] == "go"

    persoon_wissen(world.bob)
    persoon_wissen(world.mira)
    assert not ScanAntwoord.objects.exists()
    assert StapVoortgang.objects.get().eigenaar is None
    b = Besluit.objects.get()  # the decision stays, the name goes
    assert (b.keuze, b.genomen_door, b.naam) == ("go", None, "")
    assert FaseStart.objects.get().gestart_door is None


def test_trajectory_exports_have_flat_rows_with_the_same_keys(world, settings):
    settings.COCREATIE_GROEP_MINIMUM = 1  # the row shape, not the small-group rule
    voortgang(world.traject, "fase-1-visie", "bezig", eigenaar=world.bob)
    besluit(world.traject, "go")
    ronde = ScanRonde.objects.create(traject=world.traject, nummer=1)
    ScanAntwoord.objects.create(ronde=ronde, vraag=ScanVraag.objects.first(), user=world.bob, antwoord="ja")
    exports = {e.key: e for e in traject_exports()}
    for key, n in [("kwartiermaken_stappen", 19), ("kwartiermaken_scan", 1), ("kwartiermaken_besluiten", 1)]:
        rows = exports[key].rows(world.traject)
        assert len(rows) == n, key
        assert len({tuple(r) for r in rows}) == 1
        for row in rows:
            assert all(v is None or isinstance(v, str | int | float | bool) for v in row.values())
    visie = next(
        r for r in exports["kwartiermaken_stappen"].rows(world.traject) if r["stap"] == "fase-1-visie"
    )
    assert visie["status"] == "bezig" and visie["eigenaar"] == "Bob"


def test_plan_sections_render_plain_html(world):
    sections = {s.key: s for s in plan_sections()}
    besluit(world.traject, "no_go")
    voortgang(world.traject, "fase-1-visie", "bezig", eigenaar=world.bob)
    voortgang(world.traject, "verkenning-aanleiding", "klaar")
    go = render_to_string(sections["go-no-go"].template, sections["go-no-go"].context(world.traject))
    assert "No-go" in go and "Steun en geld" in go
    fasen = render_to_string(sections["fasen"].template, sections["fasen"].context(world.traject))
    assert "Ontwikkel een gezamenlijke visie – Bezig, Bob" in fasen
    assert "Beschrijf waarom je dit wilt" not in fasen  # done steps are not listed as open
    for html in (go, fasen):
        assert "<form" not in html and "<script" not in html and 'style="' not in html


def test_demo_hook_is_idempotent_and_gives_the_first_team_a_go(db, settings):
    settings.DEBUG = True
    call_command("demo", verbosity=0)
    call_command("demo", verbosity=0)
    noord = Traject.objects.get(team__naam="Herstel Noord")
    zuid = Traject.objects.get(team__naam="Jongeren Zuid")
    assert Besluit.objects.filter(traject=noord, keuze="go_voorwaarden").count() == 1
    assert Voorwaarde.objects.filter(traject=noord).count() == 1  # made once, though demo ran twice
    assert not Besluit.objects.filter(traject=zuid).exists()
    assert StapVoortgang.objects.filter(traject=zuid).count() == 5
    # two members, two rounds (the second a little more positive)
    assert ScanAntwoord.objects.filter(ronde__traject=noord).count() == 2 * 2 * ScanVraag.objects.count()
    assert ScanRonde.objects.filter(traject=noord).count() == 2
    assert ScanRonde.objects.filter(traject=zuid).count() == 1
    nee = ScanAntwoord.objects.filter(ronde__traject=noord, antwoord="nee")
    assert nee.filter(ronde__nummer=1).exists() and not nee.filter(ronde__nummer=2).exists()


def test_settings_keep_our_app_installed():
    assert "kwartiermaken" in settings.INSTALLED_APPS or any(
        a.startswith("kwartiermaken") for a in settings.INSTALLED_APPS
    )
