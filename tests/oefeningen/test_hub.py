"""What oefeningen registers with the hub: progress, plan sections, export, personal data, demo."""

from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from oefeningen import demo, hub, services
from oefeningen.models import Bijdrage, Stem
from tests.factories import LidmaatschapFactory, OrganisatieFactory, TeamFactory, TrajectFactory
from tests.oefeningen.factories import HoofdstukFactory, OefeningFactory
from trajecten.models import Rol
from trajecten.registries import (
    personal_data_entries,
    plan_sections,
    progress_for,
    traject_exports,
    traject_links,
)


def _kompas():
    hoofdstuk = HoofdstukFactory(slug="blik-op-morgen", nummer=10, titel="Blik op morgen", volgorde=10)
    return OefeningFactory(soort="kompas", hoofdstuk=hoofdstuk, slug="blik-op-morgen-kompas")


def test_everything_is_registered():
    assert {"kompas", "bijlage-oefeningen"} <= {s.key for s in plan_sections()}
    assert "oefeningen" in {e.key for e in traject_exports()}
    assert {"oefeningen.Bijdrage", "oefeningen.Stem", "oefeningen.GedeeldeTekst"} <= {
        e.model._meta.label for e in personal_data_entries()
    }
    assert "oefeningen:overzicht" in {link.url_name for link in traject_links(Rol.TEAMLID)}


def test_progress_is_computed_in_a_batch_with_a_fixed_number_of_queries(world, oef):
    kaarten = oef("kaarten")
    oef("tekst")
    services.status_zetten(traject=world.traject, oefening=kaarten, status="afgerond")

    def measure(trajecten):
        with CaptureQueriesContext(connection) as ctx:
            result = progress_for(trajecten)
        return result, len(ctx.captured_queries)

    few, n_few = measure([world.traject, world.other_traject])
    many, n_many = measure([world.traject, world.other_traject, *(TrajectFactory() for _ in range(10))])
    assert n_few == n_many
    assert few[world.traject.pk]["oefeningen"].done == 1 and few[world.traject.pk]["oefeningen"].total == 2
    assert many[world.traject.pk]["oefeningen-context"].done == 1
    assert few[world.other_traject.pk]["oefeningen"].done == 0


def test_the_compass_plan_section_is_plain_html_with_the_cards_per_direction(world):
    kompas = _kompas()
    card = services.bijdrage_toevoegen(
        traject=world.traject,
        oefening=kompas,
        auteur=world.bob,
        data={"item": "west", "tekst": "<i>Te weinig</i> uren"},
    )
    services.bijdrage_toevoegen(
        traject=world.traject,
        oefening=kompas,
        auteur=world.bob,
        data={"item": "noord", "tekst": "Twee EDs per team"},
    )
    html = render_to_string("oefeningen/plan/kompas.html", hub.kompas_context(world.traject))
    assert (
        "<h2>" not in html and "<table>" in html
    )  # the plan writes the section's title and "West: valkuilen" in html
    assert "&lt;i&gt;Te weinig&lt;/i&gt; uren" in html and card.tekst not in html
    for forbidden in ("<form", "<script", "hx-", "<button"):
        assert forbidden not in html
    other = render_to_string("oefeningen/plan/kompas.html", hub.kompas_context(world.other_traject))
    assert "nog niet ingevuld" in other


def test_the_compass_section_puts_the_most_voted_card_of_a_direction_first(world):
    kompas = _kompas()
    eerst, later = (
        services.bijdrage_toevoegen(
            traject=world.traject, oefening=kompas, auteur=world.bob, data={"item": "noord", "tekst": tekst}
        )
        for tekst in ("Eerste gedachte", "Gedeelde droom")
    )
    Stem.objects.create(traject=world.traject, oefening=kompas, bijdrage=later, kiezer=world.bob, plek=1)
    context = hub.kompas_context(world.traject)
    noord = context["kompassen"][0]["richtingen"][0]
    assert [k.id for k in noord["kaarten"]] == [later.pk, eerst.pk]
    html = render_to_string("oefeningen/plan/kompas.html", context)
    assert "Gedeelde droom (1 stem)" in html


def test_the_appendix_summarises_exercises_in_progress_and_finished_marked_as_such(world, oef):
    kaarten, schaal = oef("kaarten"), oef("schaal")
    a = services.bijdrage_toevoegen(
        traject=world.traject, oefening=kaarten, auteur=world.bob, data={"tekst": "Sterk"}
    )
    services.stem_uitbrengen(traject=world.traject, bijdrage=a, kiezer=world.bob)
    services.bijdrage_toevoegen(
        traject=world.traject, oefening=schaal, auteur=world.bob, data={"item": "ervaring", "waarde": 4}
    )
    services.status_zetten(traject=world.traject, oefening=kaarten, status="afgerond")
    html = render_to_string("oefeningen/plan/bijlage.html", hub.bijlage_context(world.traject))
    assert "Sterk (1 stem)" in html and "Oefening kaarten" in html
    assert 'Oefening schaal <span class="plan-bezig">(nog bezig)</span>' in html
    assert "Oefening kaarten <span" not in html
    assert "<form" not in html and "<script" not in html


def test_the_export_has_one_row_per_contribution_and_text(world, oef):
    kaarten, tekst = oef("kaarten", anoniem_toegestaan=True), oef("tekst")
    services.bijdrage_toevoegen(
        traject=world.traject, oefening=kaarten, auteur=world.bob, data={"tekst": "Naam"}
    )
    services.bijdrage_toevoegen(
        traject=world.traject, oefening=kaarten, auteur=world.bob, data={"tekst": "Geheim"}, anoniem=True
    )
    services.tekst_opslaan(traject=world.traject, oefening=tekst, tekst="Samen", versie=0, door=world.bob)
    rows = hub._export_rijen(world.traject)
    assert len(rows) == 3 and len({tuple(sorted(r)) for r in rows}) == 1
    by_text = {r["tekst"]: r for r in rows}
    assert (
        by_text["Naam"]["auteur"] == "Bob"
        and by_text["Geheim"]["auteur"] is None
        and by_text["Geheim"]["anoniem"]
    )
    assert hub._export_rijen(world.other_traject) == []


def test_the_demo_hook_adds_compass_cards_and_votes_once(db):
    _kompas()
    OefeningFactory(soort="kaarten")
    org = OrganisatieFactory(naam="Zorggroep De Brug")
    team = TeamFactory(organisatie=org)
    LidmaatschapFactory(team=team, rol=Rol.BEGELEIDER)
    LidmaatschapFactory(team=team, rol=Rol.TEAMLID)
    traject = TrajectFactory(team=team)
    demo.demo(traject)
    count = Bijdrage.objects.filter(traject=traject).count()
    assert set(Bijdrage.objects.filter(oefening__soort="kompas").values_list("item", flat=True)) == {
        "noord",
        "oost",
        "zuid",
        "west",
    }
    # Kaarten: both members on one card and one more; kompas: both on the first north card, one on west.
    assert Stem.objects.filter(traject=traject, oefening__soort="kaarten").count() == 3
    assert Stem.objects.filter(traject=traject, oefening__soort="kompas").count() == 3
    demo.demo(traject)
    assert Bijdrage.objects.filter(traject=traject).count() == count
    other = TrajectFactory()  # not a demo organisation: untouched
    demo.demo(other)
    assert not Bijdrage.objects.filter(traject=other).exists()


def test_a_group_without_experiential_perspective_is_signalled(world):
    from trajecten.registries import signals_for

    samenstelling = OefeningFactory(
        soort="checklist",
        slug=hub.SAMENSTELLING,
        instellingen={
            "items": [
                {"key": "professional", "label": "Professional"},
                {"key": "ervaringsdeskundige", "label": "Ervaringsdeskundige"},
            ]
        },
    )
    codes = lambda: {s.code for s in signals_for(world.traject)}  # noqa: E731
    assert "oefeningen-geen-ervaringsperspectief" not in codes()  # not answered yet: no signal
    services.antwoorden_opslaan(
        traject=world.traject,
        oefening=samenstelling,
        auteur=world.alice,
        antwoorden=[{"item": "professional"}],
    )
    assert "oefeningen-geen-ervaringsperspectief" in codes()
    page = world.client("begeleider").get(f"/trajecten/{world.traject.pk}/").content.decode()
    assert "Ervaring werkt §3.4.1" in page
    services.antwoorden_opslaan(
        traject=world.traject,
        oefening=samenstelling,
        auteur=world.bob,
        antwoorden=[{"item": "ervaringsdeskundige"}],
    )
    assert "oefeningen-geen-ervaringsperspectief" not in codes()
