"""The opening exercise (chapters 1-2, "Waarom we dit doen"): it loads, renders, saves and opens the plan."""

from oefeningen import selectors, services
from oefeningen.models import GedeeldeTekst, Oefening
from plan.secties import bouw_plan

from .test_verborgen import _kanalen

UITDAGING = "Cliënten voelen zich niet gehoord in ons team"


def _url(world, tail=""):
    return f"/trajecten/{world.traject.pk}/oefeningen/{selectors.OPENING}/{tail}"


def test_the_opening_exercise_loads_with_its_chapter_parts_and_sources(inhoud):
    oefening = Oefening.objects.select_related("hoofdstuk").get(slug=selectors.OPENING)
    assert (oefening.soort, oefening.hoofdstuk.slug, oefening.hoofdstuk.nummer) == ("tekst", "vertrekpunt", 2)
    assert (
        Oefening.objects.select_related("hoofdstuk").order_by("hoofdstuk__volgorde", "volgorde")[0]
        == oefening
    )
    sjabloon = oefening.instellingen["sjabloon"]
    for deel in (
        "De uitdaging die we delen",
        "Wie gaf ons de opdracht",
        "Waarvoor",
        "Tot wanneer",
        "Hoe serieus worden ervaringskennis en ervaringsdeskundigheid nu genomen?",
        "Kwaliteit van leven en mensenrechten",
        "Hoe we samenwerken",
        "eigenaarschap",
    ):
        assert deel in sjabloon, deel
    assert oefening.instellingen["sjabloon_en"].startswith("The challenge we share")
    assert all(s in oefening.bron for s in ("§1.2", "§1.4", "§2.3"))
    assert oefening.titel_en and oefening.vraag_en and oefening.begeleiding_en and oefening.doel_en


def test_the_opening_exercise_renders_saves_and_opens_the_plan(world, inhoud):
    client = world.client("teamlid")
    html = client.get(_url(world)).content.decode()
    assert "Waarom we dit doen" in html and "De uitdaging die we delen" in html
    response = client.post(
        _url(world, "tekst/"), {"tekst": f"De uitdaging die we delen:\n{UITDAGING}", "versie": 0}
    )
    assert response.status_code == 302
    assert UITDAGING in GedeeldeTekst.objects.get(oefening__slug=selectors.OPENING).tekst

    plan = bouw_plan(world.traject)
    # The summary opens the plan with the challenge, its timeline next; the whole opening text follows.
    assert [s.key for s in plan.secties[:3]] == ["samenvatting", "tijdlijn", "waarom"]
    assert plan.secties[2].title == "Waarom we dit doen"
    assert UITDAGING in plan.secties[0].html
    assert UITDAGING in plan.secties[2].html and "De uitdaging die we delen:<br>" in plan.secties[2].html
    page = world.client("leidinggevende").get(f"/trajecten/{world.traject.pk}/plan/").content.decode()
    assert page.index('id="sectie-waarom"') < page.index('id="sectie-groep"')
    assert UITDAGING in page


def test_the_plan_says_when_the_opening_is_still_empty(world, inhoud):
    secties = {s.key: s.html for s in bouw_plan(world.traject).secties}
    assert "nog niet ingevuld" in secties["waarom"]
    assert "De gezamenlijke uitdaging en het mandaat zijn nog niet beschreven." in secties["samenvatting"]


def test_the_summary_reads_challenge_mandate_and_frame_under_the_templates_headings(world, inhoud):
    from oefeningen import services as oefening_services
    from oefeningen.models import Oefening

    oefening = Oefening.objects.get(slug=selectors.OPENING)
    sjabloon = oefening.instellingen["sjabloon"]
    tekst = (
        sjabloon.replace(
            "(in onze eigen woorden):\n", "(in onze eigen woorden):\nCliënten voelen zich niet gehoord\n"
        )
        .replace("- Wie gaf ons de opdracht:", "- Wie gaf ons de opdracht: de directie")
        .replace(
            "wat betekent dat voor waar we naartoe willen?\n",
            "wat betekent dat voor waar we naartoe willen?\nMeedoen als gewone burger\n",
        )
    )
    oefening_services.tekst_opslaan(
        traject=world.traject, oefening=oefening, tekst=tekst, versie=0, door=world.bob
    )
    html = next(s.html for s in bouw_plan(world.traject).secties if s.key == "samenvatting")
    assert "Cliënten voelen zich niet gehoord" in html
    assert "Mandaat" in html and "de directie" in html
    assert "Ons normatieve kader" in html and "Meedoen als gewone burger" in html


def test_a_hidden_opening_reaches_no_channel_until_the_reveal(world, inhoud):
    oefening = Oefening.objects.get(slug=selectors.OPENING)
    services.tekst_opslaan(
        traject=world.traject, oefening=oefening, tekst=UITDAGING, versie=0, door=world.bob
    )
    services.zichtbaarheid_zetten(traject=world.traject, oefening=oefening, verborgen=True)
    for kanaal, inhoud_ in _kanalen(world).items():
        assert UITDAGING not in inhoud_, kanaal
    services.zichtbaarheid_zetten(traject=world.traject, oefening=oefening, verborgen=False)
    assert UITDAGING in _kanalen(world)["plan"]
