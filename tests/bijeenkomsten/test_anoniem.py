"""'Anoniem maken' in a live session holds on every channel: the cards already sent lose their
names (screen, phones, report, exports, the exercise), cards sent after carry none, and an
anonymous card on an exercise is an anonymous contribution, not one 'on paper for the group'."""

from bijeenkomsten.models import Inbreng
from oefeningen.models import Bijdrage, Oefening
from tests.bijeenkomsten.kanalen import kanalen


def _kaart(client, b, tekst):
    return client.post(f"/bijeenkomsten/{b.pk}/inbreng/", {"tekst": tekst, "blok": b.huidig_blok_id})


def _anoniem(world, b, waarde="1"):
    return world.client("begeleider").post(
        f"/bijeenkomsten/{b.pk}/bediening/",
        {"actie": "zet_anoniem", "waarde": waarde, "verwacht": b.huidig_blok_id},
    )


def _kanalen(world, b) -> dict[str, str]:
    return kanalen(world, b, oefening="context-sterktes")


def test_making_a_block_anonymous_wipes_the_names_already_sent_and_after(world, kaartsessie):
    b = kaartsessie
    assert _kaart(world.client("teamlid"), b, "Eerst met naam").status_code == 302
    assert "Bob" in _kanalen(world, b)["verslag"]  # the names were there
    assert _anoniem(world, b).status_code == 302
    assert _kaart(world.client("teamlid"), b, "Daarna zonder naam").status_code == 302
    for kanaal, inhoud in _kanalen(world, b).items():
        deel = inhoud.split("Eerst met naam", 1)[-1][:400] if "Eerst met naam" in inhoud else inhoud
        assert "Bob" not in deel, kanaal
    assert not Inbreng.objects.exclude(naam="").exists()
    assert not Inbreng.objects.exclude(auteur=None).exists()
    bijdragen = list(Bijdrage.objects.all())
    assert len(bijdragen) == 2 and all(x.is_anoniem and not x.namens_groep for x in bijdragen)


def test_names_shown_again_apply_to_cards_sent_after_only(world, kaartsessie):
    b = kaartsessie
    _kaart(world.client("teamlid"), b, "Met naam")
    _anoniem(world, b)
    _anoniem(world, b, "0")
    _kaart(world.client("teamlid"), b, "Weer met naam")
    namen = dict(Inbreng.objects.values_list("bijdrage__tekst", "naam"))
    assert namen == {"Met naam": "", "Weer met naam": "Bob"}


def test_a_participant_chooses_anonymous_on_the_phone(world, kaartsessie):
    b = kaartsessie
    Oefening.objects.filter(slug="context-sterktes").update(anoniem_toegestaan=True)
    telefoon = world.client("teamlid").get(f"/bijeenkomsten/{b.pk}/meedoen/").content.decode()
    assert 'name="anoniem"' in telefoon
    response = world.client("teamlid").post(
        f"/bijeenkomsten/{b.pk}/inbreng/",
        {"tekst": "Liever zonder naam", "blok": b.huidig_blok_id, "anoniem": "on"},
    )
    assert response.status_code == 302
    kaart = Inbreng.objects.select_related("bijdrage").get()
    assert (kaart.naam, kaart.auteur, kaart.bijdrage.auteur, kaart.bijdrage.namens_groep) == (
        "",
        None,
        None,
        False,
    )
    for kanaal, inhoud in _kanalen(world, b).items():
        assert "Bob" not in inhoud.split("Liever zonder naam", 1)[-1][:400], kanaal


def test_the_phone_refuses_anonymous_where_the_exercise_does_not_allow_it(world, kaartsessie):
    b = kaartsessie  # context-sterktes: answers carry a name, unless the begeleider decides otherwise
    telefoon = world.client("teamlid").get(f"/bijeenkomsten/{b.pk}/meedoen/").content.decode()
    assert 'data-anoniem-keuze="0"' in telefoon and "Je voornaam komt bij je antwoord." in telefoon
    response = world.client("teamlid").post(
        f"/bijeenkomsten/{b.pk}/inbreng/",
        {"tekst": "Toch zonder naam?", "blok": b.huidig_blok_id, "anoniem": "on"},
    )
    assert response.status_code == 400
    inhoud = response.content.decode()
    assert "niet anoniem antwoorden" in inhoud and "Toch zonder naam?" in inhoud
    assert not Inbreng.objects.exists() and not Bijdrage.objects.exists()
    # The begeleider's "Anoniem maken" is the way: then nobody's name comes with it.
    _anoniem(world, b)
    assert _kaart(world.client("teamlid"), b, "Nu anoniem").status_code == 302
    assert Inbreng.objects.get().naam == ""


def test_the_phone_says_which_mode_is_on_before_sending(world, kaartsessie):
    url = f"/bijeenkomsten/{kaartsessie.pk}/meedoen/"
    Oefening.objects.filter(slug="context-sterktes").update(anoniem_toegestaan=True)
    telefoon = world.client("teamlid").get(url).content.decode()
    assert (
        'data-anoniem-keuze="1"' in telefoon
        and "tenzij je &#x27;Anoniem versturen&#x27; aanvinkt" in telefoon
    )


def test_the_phone_says_when_the_block_is_anonymous(world, kaartsessie):
    url = f"/bijeenkomsten/{kaartsessie.pk}/meedoen/"
    assert "Deze vraag is anoniem" not in world.client("teamlid").get(url).content.decode()
    _anoniem(world, kaartsessie)
    assert "Deze vraag is anoniem" in world.client("teamlid").get(url).content.decode()
