"""The compass in the plan: the book's order, the top cards by votes with ties, west's response."""

import re

from oefeningen import services as oef
from plan import bronnen
from plan.models import Risico
from plan.secties import bouw_plan
from tests.factories import LidmaatschapFactory, UserFactory
from trajecten.models import Rol

from .conftest import kompas_kaart


def _k(i, stemmen, richting="noord"):
    return bronnen.Kaart(id=i, richting=richting, tekst=f"kaart {i}", stemmen=stemmen)


def test_top_keeps_every_card_that_ties_with_the_last_place():
    kaarten = [_k(1, 1), _k(2, 3), _k(3, 2), _k(4, 2), _k(5, 0), _k(6, 1), _k(7, 1)]
    # 3, 2, 2, then three cards with 1 vote share the 4th and 5th place: all three are in.
    assert [k.id for k in bronnen.top(kaarten)] == [2, 3, 4, 1, 6, 7]
    assert [k.id for k in bronnen.top(kaarten, n=3)] == [2, 3, 4]
    assert [k.id for k in bronnen.top(kaarten[:4])] == [2, 3, 4, 1]  # fewer than five: all
    assert bronnen.top([]) == ()


def test_top_takes_the_first_written_while_nobody_voted_at_the_edge():
    kaarten = [_k(i, 0) for i in range(8)]
    assert [k.id for k in bronnen.top(kaarten, n=3)] == [0, 1, 2]
    assert list(bronnen.RICHTINGEN) == ["noord", "oost", "west", "zuid"]


def _stemmen(world, kaart, n):
    for i in range(n):
        kiezer = UserFactory(username=f"kiezer{kaart.pk}-{i}")
        LidmaatschapFactory(user=kiezer, team=world.team, rol=Rol.TEAMLID)
        oef.stem_uitbrengen(traject=world.traject, bijdrage=kaart, kiezer=kiezer)


def test_the_plan_shows_the_top_cards_per_direction_with_ties_and_the_west_response(world, inhoud):
    noord = [kompas_kaart(world.traject, world.bob, "noord", f"Doel {i}") for i in range(7)]
    for i, kaart in enumerate(noord):
        _stemmen(world, kaart, [3, 2, 2, 1, 1, 1, 0][i])
    kans = kompas_kaart(world.traject, world.bob, "oost", "Kans: subsidie van de gemeente")
    valkuil = kompas_kaart(world.traject, world.bob, "west", "Valkuil: te weinig uren")
    kompas_kaart(world.traject, world.bob, "zuid", "Kleine successen vieren")
    _stemmen(world, kans, 1)
    Risico.objects.create(
        traject=world.traject,
        omschrijving=valkuil.tekst,
        reactie="Uren vastleggen in het contract",
        kaart_id=valkuil.pk,
    )
    kaarten = bronnen.kompas_kaarten(world.traject)
    assert [k.reactie for k in kaarten if k.richting == "west"] == ["Uren vastleggen in het contract"]
    assert all(not k.reactie for k in kaarten if k.richting != "west")

    plan = bouw_plan(world.traject)
    samenvatting = next(s.html for s in plan.secties if s.key == "samenvatting")
    doelen = samenvatting.split("Onze belangrijkste doelen")[1].split("</ol>")[0]
    # 3, 2, 2 votes: the top three; the 1-vote cards tie below the edge and stay out.
    assert re.findall(r"Doel \d", doelen) == ["Doel 0", "Doel 1", "Doel 2"]
    risicos = samenvatting.split("De grootste risico")[1]
    assert "Valkuil: te weinig uren" in risicos and "Onze reactie: Uren vastleggen in het contract" in risicos
    kompas = next(s.html for s in plan.secties if s.key == "kompas")
    assert "Kans: subsidie van de gemeente" in kompas and "Kleine successen vieren" in kompas


def test_the_summary_shows_every_goal_that_ties_with_the_last_place(world, inhoud):
    noord = [kompas_kaart(world.traject, world.bob, "noord", f"Doel {i}") for i in range(5)]
    for i, kaart in enumerate(noord):
        _stemmen(world, kaart, [2, 1, 1, 1, 0][i])
    samenvatting = next(s.html for s in bouw_plan(world.traject).secties if s.key == "samenvatting")
    doelen = samenvatting.split("Onze belangrijkste doelen")[1].split("</ol>")[0]
    assert re.findall(r"Doel \d", doelen) == ["Doel 0", "Doel 1", "Doel 2", "Doel 3"]


def test_the_plan_page_shows_the_compass_directions_in_the_books_order(world, kompas_en_antwoorden):
    html = world.client("leidinggevende").get(f"/trajecten/{world.traject.pk}/plan/").content.decode()
    kompas = html.split('id="sectie-kompas"')[1]
    posities = [kompas.index(k) for k in ("Noord:", "Oost:", "West:", "Zuid:")]
    assert posities == sorted(posities)


def test_the_compass_cards_with_their_responses_take_two_queries_at_any_size(
    world, inhoud, django_assert_num_queries
):
    def vul(n):
        for i in range(n):
            kaart = kompas_kaart(world.traject, world.bob, "west" if i % 2 else "noord", f"Kaart {n}-{i}")
            if i % 2:
                Risico.objects.create(
                    traject=world.traject, omschrijving=kaart.tekst, reactie="x", kaart_id=kaart.pk
                )
        return bronnen.kompas_kaarten(world.traject)

    with django_assert_num_queries(2):
        assert len(bronnen.kompas_kaarten(world.traject)) == 0
    vul(2)
    with django_assert_num_queries(2):
        klein = bronnen.kompas_kaarten(world.traject)
    vul(40)
    with django_assert_num_queries(2):
        groot = bronnen.kompas_kaarten(world.traject)
    assert (len(klein), len(groot)) == (2, 42)
    assert sum(1 for k in groot if k.reactie) == 21
