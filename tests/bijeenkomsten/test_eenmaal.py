"""A session's answer to a card exercise is stored once: the exercise's contribution and vote."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from bijeenkomsten import live, services
from bijeenkomsten.models import Inbreng
from bijeenkomsten.models import Stem as SessieStem
from oefeningen import selectors as oefeningen_selectors
from oefeningen import services as oefeningen_services
from oefeningen.models import Bijdrage, Oefening
from oefeningen.models import Stem as OefeningStem
from tests.bijeenkomsten.factories import maak_bijeenkomst
from trajecten.registries import personal_data_entries, traject_exports

SLUG = "context-sterktes"


def _kaart(client, b, tekst, **extra):
    return client.post(f"/bijeenkomsten/{b.pk}/inbreng/", {"tekst": tekst, "blok": b.huidig_blok_id}, **extra)


def _csv_rijen(traject):
    export = next(e for e in traject_exports() if e.key == "bijeenkomsten_inbreng")
    return export.rows(traject)


def _oefening_url(world, bijdrage, actie):
    return f"/trajecten/{world.traject.pk}/oefeningen/{SLUG}/bijdragen/{bijdrage.pk}/{actie}/"


def _mijn_stemmen(world, b):
    html = world.client("teamlid").get(f"/bijeenkomsten/{b.pk}/meedoen/").content.decode()
    return html.split('data-over="')[1].split('"')[0]


def test_a_card_is_one_contribution_and_a_vote_one_exercise_vote(world, kaartsessie):
    assert _kaart(world.client("teamlid"), kaartsessie, "Wij luisteren goed").status_code == 302
    kaart = Inbreng.objects.select_related("bijdrage").get()
    bijdrage = Bijdrage.objects.get()
    assert (kaart.bijdrage, kaart.tekst, kaart.inhoud, kaart.naam) == (
        bijdrage,
        "",
        "Wij luisteren goed",
        "Bob",
    )
    world.client("teamlid").post(f"/bijeenkomsten/{kaartsessie.pk}/stem/", {"inbreng": kaart.pk})
    begeleider = world.client("begeleider")
    for _ in range(2):
        begeleider.post(f"/bijeenkomsten/{kaartsessie.pk}/papier/stem/", {"inbreng": kaart.pk})
    assert SessieStem.objects.count() == 0
    assert OefeningStem.objects.filter(bijdrage=bijdrage, kiezer=world.bob, op_papier=False).count() == 1
    assert OefeningStem.objects.filter(bijdrage=bijdrage, kiezer=None, op_papier=True).count() == 2
    assert OefeningStem.objects.count() == 3
    verslag = begeleider.get(f"/bijeenkomsten/{kaartsessie.pk}/verslag/").content.decode()
    assert "3 stemmen" in verslag
    assert _csv_rijen(world.traject)[0]["stemmen"] == 3


def test_a_paper_card_on_an_exercise_is_one_contribution_for_the_group(world, kaartsessie):
    response = world.client("begeleider").post(
        f"/bijeenkomsten/{kaartsessie.pk}/papier/",
        {"tekst": "Op papier", "namens": "Jan", "blok": kaartsessie.huidig_blok_id},
    )
    assert response.status_code == 302
    kaart, bijdrage = Inbreng.objects.get(), Bijdrage.objects.get()
    assert (kaart.bijdrage_id, kaart.tekst, kaart.naam, kaart.op_papier) == (bijdrage.pk, "", "Jan", True)
    assert (bijdrage.tekst, bijdrage.auteur, bijdrage.namens_groep) == ("Op papier", None, True)


def test_a_card_on_a_block_without_exercise_keeps_its_own_text_and_votes(world, sessie, inhoud):
    kaart, _ = services.inbreng_toevoegen(blok=sessie.huidig_blok, tekst="Vrij", auteur=world.alice)
    services.stem_uitbrengen(inbreng=kaart, user=world.bob)
    assert (kaart.tekst, kaart.bijdrage_id) == ("Vrij", None)
    assert (SessieStem.objects.count(), Bijdrage.objects.count(), OefeningStem.objects.count()) == (1, 0, 0)


def test_the_report_follows_an_edit_on_the_exercise_page(world, kaartsessie):
    _kaart(world.client("teamlid"), kaartsessie, "Eerste versie")
    bijdrage = Bijdrage.objects.get()
    response = world.client("teamlid").post(
        _oefening_url(world, bijdrage, "bewerken"), {"tekst": "Tweede versie"}
    )
    assert response.status_code == 302
    begeleider = world.client("begeleider")
    for url in (f"/bijeenkomsten/{kaartsessie.pk}/verslag/", f"/bijeenkomsten/{kaartsessie.pk}/presentatie/"):
        html = begeleider.get(url).content.decode()
        assert "Tweede versie" in html and "Eerste versie" not in html
    assert [r["tekst"] for r in _csv_rijen(world.traject)] == ["Tweede versie"]
    inbreng = next(e for e in personal_data_entries() if e.model is Inbreng)
    assert [r["tekst"] for r in inbreng.export(world.bob)] == ["Tweede versie"]


def test_a_card_deleted_on_the_exercise_page_leaves_the_report(world, kaartsessie):
    _kaart(world.client("teamlid"), kaartsessie, "Weg ermee")
    bijdrage = Bijdrage.objects.get()
    world.client("teamlid").post(
        f"/bijeenkomsten/{kaartsessie.pk}/stem/", {"inbreng": Inbreng.objects.get().pk}
    )
    response = world.client("begeleider").post(_oefening_url(world, bijdrage, "verwijderen"))
    assert response.status_code in (200, 302)
    verslag = world.client("begeleider").get(f"/bijeenkomsten/{kaartsessie.pk}/verslag/").content.decode()
    assert "Weg ermee" not in verslag
    assert (Inbreng.objects.count(), Bijdrage.objects.count(), OefeningStem.objects.count()) == (0, 0, 0)
    assert _csv_rijen(world.traject) == []


def test_the_exercise_vote_limit_holds_in_the_session(world, kaartsessie):
    Oefening.objects.filter(slug=SLUG).update(instellingen={"stemmen_per_persoon": 2})
    assert kaartsessie.huidig_blok.stemmen_per_persoon == 3  # the block's own copy no longer decides
    for i in range(3):
        _kaart(world.client("begeleider"), kaartsessie, f"Kaart {i}")
    kaarten = list(Inbreng.objects.select_related("bijdrage").order_by("pk"))
    bob = world.client("teamlid")
    assert _mijn_stemmen(world, kaartsessie) == "2"
    # A vote on the exercise page counts in the session, and the other way round.
    assert bob.post(_oefening_url(world, kaarten[0].bijdrage, "stem")).status_code == 302
    assert _mijn_stemmen(world, kaartsessie) == "1"
    htmx = {"headers": {"HX-Request": "true"}}
    response = bob.post(f"/bijeenkomsten/{kaartsessie.pk}/stem/", {"inbreng": kaarten[0].pk}, **htmx)
    assert response.status_code == 409 and "Je hebt al op deze kaart gestemd." in response.content.decode()
    assert bob.post(f"/bijeenkomsten/{kaartsessie.pk}/stem/", {"inbreng": kaarten[1].pk}).status_code == 302
    response = bob.post(f"/bijeenkomsten/{kaartsessie.pk}/stem/", {"inbreng": kaarten[2].pk}, **htmx)
    assert response.status_code == 409 and "Je stemmen zijn op." in response.content.decode()
    assert _mijn_stemmen(world, kaartsessie) == "0"
    oefening = Oefening.objects.get(slug=SLUG)
    assert oefeningen_selectors.stemmen_over(traject=world.traject, oefening=oefening, kiezer=world.bob) == 0
    assert OefeningStem.objects.filter(kiezer=world.bob).count() == 2
    assert SessieStem.objects.count() == 0


def _weigering(world, tekst):
    with pytest.raises(ValidationError) as refused:
        oefeningen_services.bijdrage_toevoegen(
            traject=world.traject,
            oefening=Oefening.objects.get(slug=SLUG),
            auteur=world.bob,
            data={"tekst": tekst},
        )
    return refused.value.messages[0]


@pytest.mark.parametrize("htmx", [False, True])
def test_a_card_the_exercise_refuses_is_refused_with_its_message(world, kaartsessie, htmx):
    te_lang = "woord " * 100  # within the session form's 1000 characters, over the card's 500
    melding = _weigering(world, te_lang)
    headers = {"headers": {"HX-Request": "true"}} if htmx else {}
    response = _kaart(world.client("teamlid"), kaartsessie, te_lang, **headers)
    assert response.status_code == 400
    html = response.content.decode()
    assert melding in html
    if not htmx:  # the full page keeps the typed text in the field (htmx leaves the field alone)
        assert te_lang.strip() in html
    assert (Inbreng.objects.count(), Bijdrage.objects.count()) == (0, 0)


def test_a_paper_card_the_exercise_refuses_keeps_the_typed_text(world, kaartsessie):
    te_lang = "papier " * 80
    response = world.client("begeleider").post(
        f"/bijeenkomsten/{kaartsessie.pk}/papier/",
        {"tekst": te_lang, "namens": "Jan", "blok": kaartsessie.huidig_blok_id},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert _weigering(world, te_lang) in html and te_lang.strip() in html
    assert (Inbreng.objects.count(), Bijdrage.objects.count()) == (0, 0)


def test_a_retried_send_makes_one_contribution(world, kaartsessie):
    client = world.client("teamlid")
    for _ in range(2):
        client.post(
            f"/bijeenkomsten/{kaartsessie.pk}/inbreng/",
            {"tekst": "Eenmaal", "blok": kaartsessie.huidig_blok_id, "sleutel": "abc123"},
        )
    assert (Inbreng.objects.count(), Bijdrage.objects.count()) == (1, 1)


@pytest.mark.parametrize("kaarten", [1, 10])
def test_a_poll_on_an_exercise_block_costs_a_fixed_number_of_queries(
    world, kaartsessie, kaarten, django_assert_num_queries
):
    for i in range(kaarten):
        services.inbreng_toevoegen(blok=kaartsessie.huidig_blok, tekst=f"Kaart {i}", auteur=world.alice)
    client = world.client("teamlid")
    client.get(f"/bijeenkomsten/{kaartsessie.pk}/meedoen/")
    token = live.make_token(kaartsessie.pk, world.bob.pk, "deelnemer")
    # As on a free block (8), plus the exercise for "my votes" as the exercise counts them,
    # plus whether the exercise is hidden until the reveal (the visibility policy).
    with django_assert_num_queries(10):
        response = client.get(
            f"/bijeenkomsten/{kaartsessie.pk}/live/?t={token}", headers={"If-None-Match": '"x"'}
        )
    assert response.content.decode().count('class="kaart"') == kaarten


# -- the data migration ---------------------------------------------------------------------


def _migreer(doel):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(doel)
    return executor.loader.project_state(doel).apps


@pytest.mark.django_db(transaction=True)
def test_the_migration_links_cards_blanks_copies_and_drops_mirrored_votes(world, inhoud):
    oud = [("bijeenkomsten", "0002_inbreng_bijdrage")]
    nieuw = MigrationExecutor(connection).loader.graph.leaf_nodes("bijeenkomsten")
    b = maak_bijeenkomst(world.traject, begeleider=world.alice, blokken=1)
    oefening = Oefening.objects.get(slug=SLUG)
    bijdragen = [
        oefeningen_services.bijdrage_toevoegen(
            traject=world.traject, oefening=oefening, auteur=world.bob, data={"tekst": t}
        )
        for t in ("Gekoppeld", "Later bewerkt")
    ]
    Bijdrage.objects.filter(pk=bijdragen[1].pk).update(tekst="Bewerkt op de oefenpagina")
    oefeningen_services.stem_uitbrengen(traject=world.traject, bijdrage=bijdragen[0], kiezer=world.bob)
    blok_id = b.blokken.get().pk
    try:
        apps = _migreer(oud)
        OudInbreng, OudStem = (
            apps.get_model("bijeenkomsten", "Inbreng"),
            apps.get_model("bijeenkomsten", "Stem"),
        )
        gekoppeld = OudInbreng.objects.create(
            blok_id=blok_id, tekst="Gekoppeld", bijdrage_oud=bijdragen[0].pk
        )
        bewerkt = OudInbreng.objects.create(
            blok_id=blok_id, tekst="Later bewerkt", bijdrage_oud=bijdragen[1].pk
        )
        wees = OudInbreng.objects.create(blok_id=blok_id, tekst="Bijdrage weg", bijdrage_oud=999999)
        vrij = OudInbreng.objects.create(blok_id=blok_id, tekst="Vrij blok")
        OudStem.objects.create(inbreng=gekoppeld, user_id=world.bob.pk)  # mirrors the exercise vote
        OudStem.objects.create(inbreng=gekoppeld, op_papier=True)  # no mirror: kept
        OudStem.objects.create(inbreng=bewerkt, user_id=world.bob.pk)  # refused by the exercise: kept
        OudStem.objects.create(inbreng=vrij, user_id=world.alice.pk)
    finally:
        _migreer(nieuw)
    kaarten = {k.pk: k for k in Inbreng.objects.select_related("bijdrage")}
    assert (kaarten[gekoppeld.pk].bijdrage_id, kaarten[gekoppeld.pk].tekst) == (bijdragen[0].pk, "")
    assert (kaarten[bewerkt.pk].bijdrage_id, kaarten[bewerkt.pk].tekst) == (bijdragen[1].pk, "")
    assert kaarten[bewerkt.pk].inhoud == "Bewerkt op de oefenpagina"
    assert (kaarten[wees.pk].bijdrage_id, kaarten[wees.pk].tekst) == (None, "Bijdrage weg")
    assert (kaarten[vrij.pk].bijdrage_id, kaarten[vrij.pk].tekst) == (None, "Vrij blok")
    over = sorted((s.inbreng_id, s.user_id, s.op_papier) for s in SessieStem.objects.all())
    assert over == sorted(
        [(gekoppeld.pk, None, True), (bewerkt.pk, world.bob.pk, False), (vrij.pk, world.alice.pk, False)]
    )
    assert OefeningStem.objects.count() == 1
