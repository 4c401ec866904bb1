"""Cards of an exercise block also land in the exercises app, through its services."""

from bijeenkomsten import services
from bijeenkomsten.models import Blok
from oefeningen.models import Bijdrage, Oefening
from oefeningen.models import Stem as OefeningStem


def test_an_exercise_block_takes_title_and_question_from_the_exercise(kaartsessie):
    blok = Blok.objects.get(bijeenkomst=kaartsessie)
    oefening = Oefening.objects.get(slug="context-sterktes")
    assert (blok.titel, blok.vraag, blok.oefening_slug) == (oefening.titel, oefening.vraag, oefening.slug)


def test_a_session_card_becomes_a_contribution_to_the_exercise(world, kaartsessie):
    client = world.client("teamlid")
    client.post(
        f"/bijeenkomsten/{kaartsessie.pk}/inbreng/",
        {"tekst": "Wij luisteren goed", "blok": kaartsessie.huidig_blok_id},
    )
    bijdrage = Bijdrage.objects.get(tekst="Wij luisteren goed")
    assert (bijdrage.traject, bijdrage.auteur, bijdrage.oefening.slug) == (
        world.traject,
        world.bob,
        "context-sterktes",
    )
    kaart = kaartsessie.huidig_blok.inbreng.get()
    assert kaart.bijdrage_id == bijdrage.pk
    client.post(f"/bijeenkomsten/{kaartsessie.pk}/stem/", {"inbreng": kaart.pk})
    assert OefeningStem.objects.filter(bijdrage=bijdrage, kiezer=world.bob).count() == 1


def test_paper_and_anonymous_cards_carry_no_author_into_the_exercise(world, kaartsessie):
    services.inbreng_toevoegen(
        blok=kaartsessie.huidig_blok, tekst="Papier", op_papier=True, namens="Jan", ingevoerd_door=world.alice
    )
    services.blok_zetten(blok=kaartsessie.huidig_blok, veld="anoniem", waarde=True)
    kaartsessie.huidig_blok.refresh_from_db()
    services.inbreng_toevoegen(blok=kaartsessie.huidig_blok, tekst="Stil", auteur=world.bob)
    assert Bijdrage.objects.get(tekst="Papier").auteur is None
    assert Bijdrage.objects.get(tekst="Papier").namens_groep
    assert Bijdrage.objects.get(tekst="Stil").auteur is None
