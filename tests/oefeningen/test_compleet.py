"""“Alle onderdelen zijn ingevuld” appears only when it is true, for every kind (real content)."""

import datetime

import pytest
from django.core.management import call_command

from oefeningen import services
from oefeningen.models import Oefening
from oefeningen.soorten import all_kinds

MELDING = "Alle onderdelen zijn ingevuld. Je kunt de oefening afronden."


def _vul(world, oefening):
    """Fill every part of this exercise the way its kind counts parts."""
    kind, ins, t, bob = oefening.kind, oefening.instellingen_vertaald, world.traject, world.bob
    if kind.key == "tekst":
        services.tekst_opslaan(traject=t, oefening=oefening, tekst="Ons eigen antwoord.", versie=0, door=bob)
        return
    if kind.key == "schaal":
        antwoorden = [{"item": i["key"], "waarde": ins.get("min", 1)} for i in kind.items(oefening)]
    elif kind.key == "keuze":
        antwoorden = [{"item": ins["opties"][0]["key"], "toelichting": "Omdat het zo is."}]
    elif kind.key == "checklist":
        antwoorden = [{"item": kind.items(oefening)[0]["key"]}]
    elif kind.key == "kompas":
        antwoorden = [{"item": r["key"], "tekst": "Kaart"} for r in kind.richtingen(oefening)]
    elif kind.key == "matrix":
        antwoorden = [{"item": f"{x['key']}|{y['key']}", "tekst": "Kaart"} for y, x in kind.cellen(oefening)]
    elif kind.key == "tijdlijn":
        antwoorden = [{"tekst": "Start", "datum": datetime.date(2020, 1, 1)}]
    else:
        antwoorden = [{"tekst": "Kaart"}]
    if kind.antwoord_per_persoon:
        services.antwoorden_opslaan(traject=t, oefening=oefening, auteur=bob, antwoorden=antwoorden)
    else:
        for data in antwoorden:
            services.bijdrage_toevoegen(traject=t, oefening=oefening, auteur=bob, data=data)


def _pagina(world, oefening):
    return (
        world.client("begeleider")
        .get(f"/trajecten/{world.traject.pk}/oefeningen/{oefening.slug}/")
        .content.decode()
    )


@pytest.mark.parametrize("soort", sorted(all_kinds()))
def test_the_complete_message_shows_only_when_every_part_is_filled(world, soort):
    call_command("inhoud_laden", verbosity=0)
    oefening = Oefening.objects.filter(soort=soort).order_by("hoofdstuk__nummer", "volgorde").first()
    assert oefening is not None, f"no exercise of kind {soort} in the fixtures"
    assert MELDING not in _pagina(world, oefening)
    _vul(world, oefening)
    assert MELDING in _pagina(world, oefening)


def test_an_empty_shared_text_holding_only_its_template_is_not_complete(world):
    call_command("inhoud_laden", verbosity=0)
    oefening = Oefening.objects.get(slug="context-structuur")
    sjabloon = oefening.instellingen["sjabloon"]
    assert MELDING not in _pagina(world, oefening)
    services.tekst_opslaan(traject=world.traject, oefening=oefening, tekst=sjabloon, versie=0, door=world.bob)
    assert MELDING not in _pagina(world, oefening)


def test_a_matrix_with_one_empty_cell_is_not_complete(world):
    call_command("inhoud_laden", verbosity=0)
    oefening = Oefening.objects.filter(soort="matrix").first()
    for y, x in oefening.kind.cellen(oefening)[:-1]:
        services.bijdrage_toevoegen(
            traject=world.traject,
            oefening=oefening,
            auteur=world.bob,
            data={"item": f"{x['key']}|{y['key']}", "tekst": "Kaart"},
        )
    assert MELDING not in _pagina(world, oefening)
