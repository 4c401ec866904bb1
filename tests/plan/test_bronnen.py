"""The plan reads the real compass and exercise answers from oefeningen."""

from oefeningen import services as oef
from oefeningen.models import Oefening, Soort
from plan.models import Actie


def test_compass_cards_and_answers_come_from_oefeningen(world, inhoud):
    kompas = Oefening.objects.filter(hoofdstuk__slug="blik-op-morgen", soort=Soort.KOMPAS).first()
    assert kompas is not None
    west = oef.bijdrage_toevoegen(
        traject=world.traject,
        oefening=kompas,
        auteur=world.bob,
        data={"item": "west", "tekst": "Te weinig tijd"},
    )
    oef.bijdrage_toevoegen(
        traject=world.traject,
        oefening=kompas,
        auteur=world.bob,
        data={"item": "noord", "tekst": "Samen beter"},
    )
    rollen = Oefening.objects.filter(hoofdstuk__slug="rollen", soort=Soort.TEKST).first()
    oef.tekst_opslaan(
        traject=world.traject, oefening=rollen, tekst="Brug naar de leefwereld", versie=0, door=world.bob
    )

    page = world.client("begeleider").get(f"/trajecten/{world.traject.pk}/plan/").content.decode()
    assert "Te weinig tijd" in page and "Samen beter" in page
    # The shared text of a rollen exercise feeds the decision on roles (and not the one on pay).
    rollen_besluit = page[page.index('id="besluit-rollen"') : page.index('id="besluit-velden"')]
    assert "Brug naar de leefwereld" in rollen_besluit
    betaling = page[page.index('id="besluit-betaling"') : page.index('id="besluit-borging"')]
    assert "Brug naar de leefwereld" not in betaling

    # A begeleider turns the west card into an action in one step; twice changes nothing.
    client = world.client("begeleider")
    for _ in range(2):
        response = client.post(f"/trajecten/{world.traject.pk}/plan/acties/van-kaart/", {"kaart": west.pk})
        assert response.status_code == 302
    actie = Actie.objects.get(traject=world.traject)
    assert actie.wat == "Te weinig tijd" and actie.kaart_id == west.pk and "west" in actie.bron

    # And writes the response that makes it a risk.
    response = client.post(
        f"/trajecten/{world.traject.pk}/plan/risicos/{west.pk}/", {"reactie": "Uren vastleggen"}
    )
    assert response.status_code == 302
    page = client.get(f"/trajecten/{world.traject.pk}/plan/").content.decode()
    assert "Uren vastleggen" in page


def test_a_card_of_another_team_cannot_become_an_action(world, inhoud):
    kompas = Oefening.objects.filter(hoofdstuk__slug="blik-op-morgen", soort=Soort.KOMPAS).first()
    vreemd = oef.bijdrage_toevoegen(
        traject=world.other_traject,
        oefening=kompas,
        auteur=world.charlie,
        data={"item": "west", "tekst": "Geheim"},
    )
    response = world.client("begeleider").post(
        f"/trajecten/{world.traject.pk}/plan/acties/van-kaart/", {"kaart": vreemd.pk}
    )
    assert response.status_code == 404
    assert not Actie.objects.exists()
