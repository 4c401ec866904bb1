"""The visibility policy on every channel of a live session (trajecten.zichtbaarheid.sessiekaarten):
held-back cards and a hidden exercise's cards reach no screen, poll, report or export; an
anonymous block shows no names; and the writer of a card (anonymous ones too) can change or
withdraw it from the browser that sent it while the session runs, and from nowhere else."""

import pytest

from bijeenkomsten import live, selectors
from bijeenkomsten import services as sessie_services
from bijeenkomsten.models import Inbreng
from oefeningen import services as oefening_services
from oefeningen.models import Achterhouden, Bijdrage, Oefening
from tests.bijeenkomsten.factories import maak_bijeenkomst
from tests.bijeenkomsten.kanalen import kanalen
from trajecten import zichtbaarheid
from trajecten.registries import traject_exports


def _kanalen(world, b) -> dict[str, str]:
    return kanalen(world, b, lezer="leidinggevende")


def _stuur(client, b, tekst, **extra):
    return client.post(f"/bijeenkomsten/{b.pk}/inbreng/", {"tekst": tekst, "blok": b.huidig_blok_id, **extra})


def _kaart_url(b, kaart):
    return f"/bijeenkomsten/{b.pk}/mijn-kaarten/{kaart.pk}/"


# -- screening and the reveal -------------------------------------------------------------------


def test_a_held_back_card_reaches_no_channel_and_its_count_and_reason_do(world, kaartsessie):
    b = kaartsessie
    telefoon = world.client("teamlid")
    _stuur(telefoon, b, "Gewone kaart")
    _stuur(telefoon, b, "Kaart met de naam van een cliënt")
    bijdrage = Bijdrage.objects.get(tekst="Kaart met de naam van een cliënt")
    oefening_services.achterhouden(bijdrage=bijdrage, reden=Achterhouden.NAAM)
    live.bump(b.pk)
    for kanaal, inhoud in _kanalen(world, b).items():
        assert "Kaart met de naam van een cliënt" not in inhoud, kanaal
        assert "Gewone kaart" in inhoud, kanaal
        if kanaal != "export":
            assert "Er staat een naam van een cliënt of collega in" in inhoud, kanaal
    # The writer is told, on the phone that sent it, and can rewrite it.
    eigen = telefoon.get(f"/bijeenkomsten/{b.pk}/meedoen/").content.decode()
    assert "Kaart met de naam van een cliënt" in eigen and "Alleen jij en de begeleider zien dit" in eigen


def test_a_hidden_exercise_keeps_its_session_cards_off_every_channel_until_the_reveal(world, kaartsessie):
    b = kaartsessie
    oefening = Oefening.objects.get(slug="context-sterktes")
    oefening_services.zichtbaarheid_zetten(traject=world.traject, oefening=oefening, verborgen=True)
    _stuur(world.client("teamlid"), b, "Nog geheim")
    for kanaal, inhoud in _kanalen(world, b).items():
        assert "Nog geheim" not in inhoud, kanaal
        if kanaal != "export":
            assert "verborgen tot onthullen" in inhoud, kanaal
    oefening_services.zichtbaarheid_zetten(traject=world.traject, oefening=oefening, verborgen=False)
    live.bump(b.pk)
    for kanaal, inhoud in _kanalen(world, b).items():
        assert "Nog geheim" in inhoud, kanaal


def test_an_anonymous_block_shows_no_name_even_where_a_card_still_carries_one(world, sessie):
    kaart, _ = sessie_services.inbreng_toevoegen(blok=sessie.huidig_blok, tekst="Met naam", auteur=world.bob)
    # A name left behind (say, by an older version): the policy, not the data, decides.
    sessie.huidig_blok.__class__.objects.filter(pk=sessie.huidig_blok_id).update(anoniem=True)
    live.bump(sessie.pk)
    assert Inbreng.objects.get(pk=kaart.pk).naam == "Bob"
    for kanaal, inhoud in _kanalen(world, sessie).items():
        assert "Met naam" in inhoud, kanaal
        assert "Bob" not in inhoud.split("Met naam", 1)[1][:300], kanaal


def test_the_policy_counts_what_came_in_and_says_why_texts_are_hidden():
    class Kaart:
        def __init__(self, pk, naam):
            self.pk, self.naam, self.bijdrage_id = pk, naam, None

    kaarten = [Kaart(1, "Bob"), Kaart(2, "")]
    open_ = zichtbaarheid.sessiekaarten(kaarten, anoniem=False, tonen=True, oefening_verborgen=False)
    assert [k.getoonde_naam for k in open_.kaarten] == ["Bob", ""] and not open_.verborgen
    dicht = zichtbaarheid.sessiekaarten(kaarten, anoniem=True, tonen=False, oefening_verborgen=False)
    assert dicht.kaarten == [] and dicht.aantal == 2 and "nog verborgen" in dicht.melding
    geheim = zichtbaarheid.sessiekaarten(kaarten, anoniem=False, tonen=True, oefening_verborgen=True)
    assert geheim.kaarten == [] and "verborgen tot onthullen" in geheim.melding


# -- regret: change or withdraw from the browser that sent it ------------------------------------


def test_an_anonymous_card_can_be_changed_and_withdrawn_from_its_browser_only(world, sessie):
    telefoon = world.client("teamlid")
    assert _stuur(telefoon, sessie, "Ik ben bang", anoniem="on").status_code == 302
    kaart = Inbreng.objects.get()
    assert (kaart.auteur, kaart.naam) == (None, "")
    assert zichtbaarheid.BEWIJS_COOKIE in telefoon.cookies
    pagina = telefoon.get(f"/bijeenkomsten/{sessie.pk}/meedoen/").content.decode()
    assert "Wat jij stuurde bij deze vraag" in pagina and "alleen deze browser" in pagina

    # Another browser of the same person, and another person holding the same cookie: nothing.
    ander_apparaat = world.client("teamlid")
    assert ander_apparaat.post(_kaart_url(sessie, kaart), {"actie": "intrekken"}).status_code == 404
    collega = world.client("leidinggevende")
    collega.cookies[zichtbaarheid.BEWIJS_COOKIE] = telefoon.cookies[zichtbaarheid.BEWIJS_COOKIE].value
    assert collega.post(_kaart_url(sessie, kaart), {"actie": "intrekken"}).status_code == 404
    assert "Wat jij stuurde" not in collega.get(f"/bijeenkomsten/{sessie.pk}/meedoen/").content.decode()

    response = telefoon.post(
        _kaart_url(sessie, kaart), {"actie": "wijzigen", "tekst": "Ik ben een beetje bang"}
    )
    assert response.status_code == 302
    assert Inbreng.objects.get().tekst == "Ik ben een beetje bang"
    assert telefoon.post(_kaart_url(sessie, kaart), {"actie": "intrekken"}).status_code == 302
    assert not Inbreng.objects.exists()
    for kanaal, inhoud in _kanalen(world, sessie).items():
        assert "bang" not in inhoud, kanaal


def test_a_change_that_is_refused_keeps_the_text_and_says_why(world, sessie):
    telefoon = world.client("teamlid")
    _stuur(telefoon, sessie, "Kort")
    kaart = Inbreng.objects.get()
    response = telefoon.post(
        _kaart_url(sessie, kaart), {"actie": "wijzigen", "tekst": "   "}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 400
    assert "Typ eerst iets in het vak." in response.content.decode()
    assert Inbreng.objects.get().tekst == "Kort"


def test_an_exercise_card_withdrawn_in_the_session_leaves_the_exercise_too(world, kaartsessie):
    Oefening.objects.filter(slug="context-sterktes").update(anoniem_toegestaan=True)
    telefoon = world.client("teamlid")
    _stuur(telefoon, kaartsessie, "Anoniem in de oefening", anoniem="on")
    kaart = Inbreng.objects.select_related("bijdrage").get()
    assert kaart.bijdrage.is_anoniem
    # The exercise page knows it as this browser's own, too (the same receipt).
    oefening = telefoon.get(f"/trajecten/{world.traject.pk}/oefeningen/context-sterktes/").content.decode()
    assert "alleen jij ziet dat dit van jou is" in oefening
    te_lang = "x" * 2000
    response = telefoon.post(_kaart_url(kaartsessie, kaart), {"actie": "wijzigen", "tekst": te_lang})
    assert response.status_code == 400 and te_lang in response.content.decode()
    assert telefoon.post(_kaart_url(kaartsessie, kaart), {"actie": "intrekken"}).status_code == 302
    assert not Bijdrage.objects.exists() and not Inbreng.objects.exists()


def test_a_card_whose_name_was_wiped_stays_its_writers_to_withdraw(world, kaartsessie):
    telefoon = world.client("teamlid")
    _stuur(telefoon, kaartsessie, "Eerst met naam")
    sessie_services.blok_zetten(blok=kaartsessie.huidig_blok, veld="anoniem", waarde=True)
    kaart = Inbreng.objects.get()
    assert kaart.auteur is None
    assert "Eerst met naam" in telefoon.get(f"/bijeenkomsten/{kaartsessie.pk}/meedoen/").content.decode()
    assert telefoon.post(_kaart_url(kaartsessie, kaart), {"actie": "intrekken"}).status_code == 302
    assert not Bijdrage.objects.exists()


def test_after_the_session_closes_a_card_can_no_longer_be_changed(world, sessie):
    telefoon = world.client("teamlid")
    _stuur(telefoon, sessie, "Klaar")
    kaart = Inbreng.objects.get()
    sessie_services.sluiten(bijeenkomst=sessie)
    response = telefoon.post(_kaart_url(sessie, kaart), {"actie": "wijzigen", "tekst": "Toch anders"})
    assert response.status_code == 410
    assert Inbreng.objects.get().tekst == "Klaar"


def test_someone_elses_named_card_is_not_found(world, sessie):
    kaart, _ = sessie_services.inbreng_toevoegen(
        blok=sessie.huidig_blok, tekst="Van Alice", auteur=world.alice
    )
    assert world.client("teamlid").post(_kaart_url(sessie, kaart), {"actie": "intrekken"}).status_code == 404
    assert Inbreng.objects.exists()


def test_the_own_cards_list_costs_one_query_at_any_size(world, django_assert_num_queries):
    b = maak_bijeenkomst(world.traject, begeleider=world.alice, blokken=1, actief=True)
    telefoon = world.client("teamlid")
    for i in range(12):
        _stuur(telefoon, b, f"Kaart {i}", anoniem="on" if i % 2 else "")
    bewijs = frozenset(Inbreng.objects.values_list("pk", flat=True))
    blok = b.huidig_blok
    with django_assert_num_queries(1):
        assert len(selectors.eigen_kaarten(blok, world.bob, bewijs)) == 12


@pytest.mark.parametrize("htmx", [False, True])
def test_the_list_comes_back_after_a_send(world, sessie, htmx):
    telefoon = world.client("teamlid")
    _stuur(telefoon, sessie, "Net verstuurd", anoniem="on")
    headers = {"HX-Request": "true"} if htmx else {}
    response = telefoon.get(f"/bijeenkomsten/{sessie.pk}/mijn-kaarten/", headers=headers)
    if htmx:
        assert response.status_code == 200 and "Net verstuurd" in response.content.decode()
    else:
        assert response.status_code == 302


def _veel_kaarten(world, b, n):
    """n cards on the block's exercise, one in five held back, one in two anonymous."""
    for i in range(n):
        kaart, _ = sessie_services.inbreng_toevoegen(
            blok=b.huidig_blok, tekst=f"Kaart {i}", auteur=world.bob, anoniem=bool(i % 2), sleutel=f"{n}-{i}"
        )
        if i % 5 == 0:
            oefening_services.achterhouden(bijdrage=kaart.bijdrage, reden=Achterhouden.PERSOONLIJK)
    live.bump(b.pk)


def _queries(doe):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        doe()
    return len(ctx.captured_queries)


def test_the_policy_adds_no_query_per_card_on_the_session_channels(world, kaartsessie):
    Oefening.objects.filter(slug="context-sterktes").update(anoniem_toegestaan=True)
    b = kaartsessie
    export = next(e for e in traject_exports() if e.key == "bijeenkomsten_inbreng")
    begeleider = world.client("begeleider")
    token = live.make_token(b.pk, world.alice.pk, "presentatie")
    kanalen = {
        "presentatie": lambda: begeleider.get(f"/bijeenkomsten/{b.pk}/presentatie/"),
        "poll": lambda: begeleider.get(
            f"/bijeenkomsten/{b.pk}/live/?t={token}", headers={"If-None-Match": "x"}
        ),
        "verslag": lambda: begeleider.get(f"/bijeenkomsten/{b.pk}/verslag/"),
        "export": lambda: export.rows(world.traject),
    }
    _veel_kaarten(world, b, 5)
    for doe in kanalen.values():
        doe()  # warm up session and content caches

    def meet():
        gemeten = {}
        for naam, doe in kanalen.items():
            live.bump(b.pk)  # a new version: the poll renders afresh (not from the shared render)
            gemeten[naam] = _queries(doe)
        return gemeten

    klein = meet()
    _veel_kaarten(world, b, 500)
    groot = meet()
    assert groot == klein
    verslag = kanalen["verslag"]().content.decode()
    assert verslag.count("Kaart 1") >= 1 and "Kaart 0" not in verslag  # held back: not there
