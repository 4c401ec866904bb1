"""The plan as a board document: each exercise result once, under the decision it feeds;
the summary, the timeline with its table, work in progress marked, open items in one line."""

import re
import subprocess
from datetime import date

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from kwartiermaken.models import Besluit as GoNoGo
from oefeningen import services as oef
from oefeningen.models import Oefening
from plan import overzicht
from plan.models import Actie, Besluit, Onderwerp, Risico
from plan.secties import PlanRender
from plan.voeding import ALLE_SLUGS, NUMMER, ONDERWERP_VAN, VOEDING, in_plan
from tests.factories import LidmaatschapFactory, UserFactory

UNIEK = "Zestien uur per week verdeeld over drie dagen"


def _pdf_tekst(world) -> str:
    data = world.client("leidinggevende").post(f"/trajecten/{world.traject.pk}/plan/pdf/").content
    tekst = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout
    return re.sub(r"\s+", " ", tekst.decode())


def _pagina(world, actor="begeleider") -> str:
    response = world.client(actor).get(f"/trajecten/{world.traject.pk}/plan/")
    assert response.status_code == 200
    return response.content.decode()


def _tekst(world, slug, tekst, status="bezig"):
    oefening = Oefening.objects.get(slug=slug)
    oef.tekst_opslaan(traject=world.traject, oefening=oefening, tekst=tekst, versie=0, door=world.bob)
    oef.status_zetten(traject=world.traject, oefening=oefening, status=status)


def test_every_exercise_in_the_mapping_exists_and_feeds_one_decision(inhoud):
    assert set(VOEDING) == set(Onderwerp.values)
    assert len(ALLE_SLUGS) == len(set(ALLE_SLUGS))  # one decision per exercise: printed once
    assert set(Oefening.objects.filter(slug__in=ALLE_SLUGS).values_list("slug", flat=True)) == set(ALLE_SLUGS)
    assert ONDERWERP_VAN["positie-meer-dan-een"] == Onderwerp.AANTAL
    assert ONDERWERP_VAN["rollen-werkterreinen"] == Onderwerp.VELDEN
    assert {ONDERWERP_VAN["positie-statuut"], ONDERWERP_VAN["positie-tijd"]} == {Onderwerp.BETALING}
    assert ONDERWERP_VAN["blik-op-morgen-evalueren"] == Onderwerp.BORGING


def test_a_result_appears_once_under_its_decision_on_the_page_and_in_the_pdf(world, inhoud):
    _tekst(world, "positie-tijd", UNIEK)
    pagina = _pagina(world, "leidinggevende")
    assert pagina.count(UNIEK) == 1
    besluit = re.search(r'<article class="plan-besluit" id="besluit-betaling">(.*?)</article>', pagina, re.S)
    assert UNIEK in besluit.group(1) and "nog bezig" in besluit.group(1)
    tekst = _pdf_tekst(world)
    assert tekst.count(UNIEK) == 1
    kop = "6. Hoe ervaringsdeskundigen betaald worden"
    start = tekst.index("De zeven besluiten")
    assert tekst.index(kop, start) < tekst.index(UNIEK) < tekst.index("Nog open, zonder besluit", start)
    assert "Bijlage: de andere oefeningen" in tekst


def test_a_choice_of_three_people_feeds_the_number_decision_only(world, inhoud):
    oefening = Oefening.objects.get(slug="positie-meer-dan-een")
    mensen = [world.bob, world.alice, UserFactory(username="carla")]
    LidmaatschapFactory(user=mensen[2], team=world.team)
    for persoon in mensen:
        oef.antwoorden_opslaan(
            traject=world.traject, oefening=oefening, auteur=persoon, antwoorden=[{"item": "twee-of-meer"}]
        )
    pagina = _pagina(world)
    besluit = re.search(r'id="besluit-aantal">(.*?)</article>', pagina, re.S).group(1)
    assert "Twee of meer ervaringsdeskundigen" in besluit
    assert pagina.count("Met hoeveel ervaringsdeskundigen?") == 1  # not again in the appendix


def test_empty_decisions_are_one_line_not_seven_empty_blocks(world, inhoud):
    pagina = _pagina(world)
    assert "In de oefeningen die bij dit besluit horen is nog niets ingevuld" not in pagina
    assert pagina.count("Nog open, zonder besluit en zonder uitkomst uit de oefeningen:") == 1
    assert pagina.count('<article class="plan-besluit"') == 0
    tekst = _pdf_tekst(world)
    assert tekst.count("Nog open, zonder besluit en zonder uitkomst") == 1
    assert "Wie betaalt het werk na de pilot, en uit welk budget?" in tekst  # funding, explicitly


def test_the_compass_is_one_section(world, kompas_en_antwoorden):
    pagina = _pagina(world)
    assert "Richting en energie" not in pagina
    assert pagina.count('id="sectie-kompas"') == 1
    assert pagina.count(">Ons kompas</h2>") == 1


def test_the_appendix_shows_work_in_progress_marked_and_not_what_a_decision_shows(world, inhoud):
    sterk = Oefening.objects.get(slug="context-sterktes")
    oef.bijdrage_toevoegen(
        traject=world.traject, oefening=sterk, auteur=world.bob, data={"tekst": "Wij luisteren"}
    )
    _tekst(world, "rollen-invulling", "Brugfunctie in het team", status="afgerond")
    bijlage = _pagina(world).split('id="sectie-bijlage-oefeningen"')[1]
    assert "Wij luisteren" in bijlage and "Onze sterke kanten" in bijlage and "(nog bezig)" in bijlage
    assert "Brugfunctie in het team" not in bijlage
    assert "Er zijn nog geen oefeningen afgerond" not in bijlage


def test_the_summary_names_go_no_go_goals_risks_and_next_actions(world, kompas_en_antwoorden):
    GoNoGo.objects.create(traject=world.traject, keuze="go", redenen="Draagvlak", datum=date(2026, 11, 2))
    west = next(k for k in kompas_en_antwoorden if k.item == "west")
    Risico.objects.create(
        traject=world.traject, omschrijving=west.tekst, reactie="Gelijk loon", kaart_id=west.pk
    )
    Actie.objects.create(
        traject=world.traject, wat="Klaar al", status=Actie.Status.KLAAR, eigenaar=world.alice
    )
    Actie.objects.create(
        traject=world.traject, wat="Vacature schrijven", eigenaar=world.alice, wanneer=date(2027, 1, 5)
    )
    pagina = _pagina(world)
    samenvatting = pagina.split('id="sectie-samenvatting"')[1].split('id="sectie-groep"')[0]
    assert "Go: we gaan door" in samenvatting and "2 november 2026" in samenvatting
    assert "Ervaringskennis hoort vanzelfsprekend bij elk team" in samenvatting
    assert west.tekst in samenvatting and "Gelijk loon" in samenvatting
    assert "Vacature schrijven" in samenvatting and "Alice" in samenvatting and "Klaar al" not in samenvatting
    assert "nog niet beschreven" in samenvatting  # the opening hook returns None until it exists
    assert pagina.index('id="sectie-samenvatting"') < pagina.index('id="sectie-groep"')


def test_the_opening_hook_fills_the_summary(world, inhoud, monkeypatch):
    monkeypatch.setattr(
        overzicht, "opening", lambda t: overzicht.Opening("Te weinig ervaringskennis", "Van de directie")
    )
    samenvatting = _pagina(world).split('id="sectie-samenvatting"')[1]
    assert "Te weinig ervaringskennis" in samenvatting and "Van de directie" in samenvatting


def test_the_timeline_is_an_svg_with_a_table_as_its_text_alternative(world, inhoud):
    vandaag = timezone.localdate()
    for wat in ("Intervisie regelen", "Vacature schrijven"):
        Actie.objects.create(traject=world.traject, wat=wat, eigenaar=world.bob, wanneer=vandaag)
    for onderwerp in (Onderwerp.ROLLEN, Onderwerp.AANTAL):
        Besluit.objects.create(traject=world.traject, onderwerp=onderwerp, tekst="Ja", herzien_op=vandaag)
    momenten = overzicht.momenten(PlanRender(world.traject))
    assert [m.soort for m in momenten] == ["actie", "actie", "herzien"]
    assert momenten[2].wat == f"Besluiten {NUMMER['rollen']}, {NUMMER['aantal']}"  # one line per day
    tijdlijn = _pagina(world).split('id="sectie-tijdlijn"')[1].split("</section>")[0]
    assert "<svg" in tijdlijn and 'role="img"' in tijdlijn and "<title" in tijdlijn
    maand = date_format(vandaag, "F Y")
    rij = re.search(rf'<tr><th scope="row">{maand}</th>(.*?)</tr>', tijdlijn).group(1)
    assert re.findall(r">(\d+)<", rij) == ["2", "1"]  # the drawing's numbers, as text
    assert not re.search(r'(x|y|cx|cy)="\d+,\d', tijdlijn)  # coordinates unlocalised
    tekst = _pdf_tekst(world)
    assert "Acties en herzieningen per maand" in tekst and maand in tekst


def test_the_cover_has_team_organisation_date_version_and_status(world, inhoud):
    tekst = _pdf_tekst(world)
    omslag = tekst.split("Inhoud")[0]
    for woord in ("Zorggroep Alfa", "Team Alfa", "Versie 1", "Concept"):
        assert woord in omslag
    assert "Versie 2" in _pdf_tekst(world).split("Inhoud")[0]  # the first download is kept as version 1


@pytest.mark.parametrize(("slug", "besluit"), [("positie-meer-dan-een", 5), ("rollen-werkterreinen", 2)])
def test_an_exercise_page_says_which_decision_it_feeds(world, inhoud, slug, besluit):
    pagina = world.client("teamlid").get(f"/trajecten/{world.traject.pk}/oefeningen/{slug}/").content.decode()
    assert f"komt in het plan van aanpak bij besluit {besluit}:" in pagina
    assert in_plan(slug) in pagina


def test_an_exercise_that_feeds_no_decision_says_nothing_about_it(world, inhoud):
    url = f"/trajecten/{world.traject.pk}/oefeningen/context-sterktes/"
    assert "komt in het plan van aanpak" not in world.client("teamlid").get(url).content.decode()
    assert in_plan("context-sterktes") is None
