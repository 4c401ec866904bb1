"""A leak test that cannot be forgotten (issue 13): a teamlid with a unique name writes an
anonymous card, a card in an exercise the begeleider hid, and a rating in a group of two.
Then every GET of the authorization table (so a new URL without an entry already fails
there) is rendered as each of the five actors, and the exports and the plan PDF are read:
the name never appears near the anonymous card, the hidden card appears nowhere (the
begeleider screening it on the exercise page itself is the one exception), and the rating of
two shows no average."""

import io
import re
import zipfile

import pytest
from pypdf import PdfReader

from bijeenkomsten import live
from bijeenkomsten import services as bijeenkomst_services
from oefeningen import services
from tests.bijeenkomsten.factories import maak_bijeenkomst
from tests.conftest import ACTORS
from tests.factories import LidmaatschapFactory, UserFactory
from tests.oefeningen.factories import OefeningFactory
from tests.test_authorization import CASES
from trajecten.models import Perspectief, Rol

NAAM = "Zwaluwstaart"
ANONIEM = "Ik ben bang dat mijn verhaal tegen me gebruikt wordt"
VERBORGEN = "Mijn terugval van vorig jaar weet hier niemand"
LIVE = "Soms wil ik gewoon stoppen met alles"
NABIJ = 400  # characters either side of the anonymous text in which the name may not appear


@pytest.fixture
def geschreven(world):
    schrijver = UserFactory(username="zwaluw", first_name=NAAM, last_name="Lek")
    LidmaatschapFactory(user=schrijver, team=world.team, rol=Rol.TEAMLID, perspectief=Perspectief.CLIENT)
    zorgen = OefeningFactory(soort="kaarten", slug="lek-zorgen", anoniem_toegestaan=True)
    services.bijdrage_toevoegen(
        traject=world.traject, oefening=zorgen, auteur=schrijver, data={"tekst": ANONIEM}, anoniem=True
    )
    verborgen = OefeningFactory(soort="kaarten", slug="lek-verborgen")
    services.bijdrage_toevoegen(
        traject=world.traject, oefening=verborgen, auteur=schrijver, data={"tekst": VERBORGEN}
    )
    services.zichtbaarheid_zetten(traject=world.traject, oefening=verborgen, verborgen=True)
    schaal = OefeningFactory(soort="schaal", slug="lek-schaal")
    for user in (schrijver, world.bob):
        services.bijdrage_toevoegen(
            traject=world.traject, oefening=schaal, auteur=user, data={"item": "ervaring", "waarde": 1}
        )
    # ... and a card in a live session block that was made anonymous.
    world.sessie = maak_bijeenkomst(world.traject, begeleider=world.alice, blokken=1, actief=True)
    bijeenkomst_services.blok_zetten(blok=world.sessie.huidig_blok, veld="anoniem", waarde=True)
    bijeenkomst_services.inbreng_toevoegen(blok=world.sessie.huidig_blok, tekst=LIVE, auteur=schrijver)
    return world


def _lekken(tekst: str, *, screening: bool = False) -> list[str]:
    """What a text gives away: a name beside an anonymous card, the hidden card."""
    gevonden = []
    for kaart in re.finditer(f"{re.escape(ANONIEM)}|{re.escape(LIVE)}", tekst):
        if NAAM in tekst[max(0, kaart.start() - NABIJ) : kaart.end() + NABIJ]:
            gevonden.append("the name beside an anonymous card")
    if not screening and VERBORGEN in tekst:
        gevonden.append("the hidden card before the reveal")
    return gevonden


def _controleer(tekst: str, *, waar: str, screening: bool = False):
    lekken = _lekken(tekst, screening=screening)
    assert not lekken, f"{waar}: {lekken}"


# The pages of the table that someone may read (GETs of POST endpoints answer 405 to all).
GET_CASES = [c for c in CASES if c.method == "get" and 200 in c.expect.values()]


def _inhoud(response) -> str:
    data = b"".join(response.streaming_content) if response.streaming else response.content
    return data.decode("utf-8", "replace")


@pytest.mark.parametrize("case", GET_CASES, ids=str)
def test_no_page_leaks_a_name_or_a_hidden_card(case, geschreven):
    world = geschreven
    if case.setup:
        case.setup(world)
    url = case.url(world)
    gelezen, lekken = [], []
    for actor in ACTORS:
        response = world.client(actor).get(url, case.data(world))
        if response.status_code != 200:
            continue
        gelezen.append(actor)
        screening = actor == "begeleider" and url.endswith("/oefeningen/lek-verborgen/")
        lekken += [f"{actor}: {lek}" for lek in _lekken(_inhoud(response), screening=screening)]
    # Every actor the table lets in really read the page (no silent skip), and none saw a leak.
    assert gelezen == [a for a in ACTORS if case.expect[a] == 200], url
    assert lekken == [], f"GET {url}: {lekken}"


@pytest.mark.parametrize("slug", ["lek-zorgen", "lek-verborgen", "lek-schaal"])
@pytest.mark.parametrize("htmx", [False, True])
def test_the_exercise_pages_themselves_leak_nothing(geschreven, slug, htmx):
    world = geschreven
    url = f"/trajecten/{world.traject.pk}/oefeningen/{slug}/"
    headers = {"HX-Request": "true"} if htmx else {}
    for actor in ACTORS:
        response = world.client(actor).get(url, headers=headers)
        if response.status_code != 200:
            continue
        tekst = response.content.decode()
        _controleer(tekst, waar=f"GET {url} as {actor}", screening=actor == "begeleider")
        if slug == "lek-zorgen" and actor in ("teamlid", "begeleider", "leidinggevende"):
            assert ANONIEM in tekst, actor  # the card is there, only the name is not
        if slug == "lek-schaal":
            assert "gemiddeld" not in tekst and NAAM not in tekst, actor


def test_a_kwartiermaken_step_page_leaks_nothing_of_its_exercises(geschreven):
    """The step page shows its exercises' results in brief: the anonymous card without the
    name, nothing of the hidden card, no average of a rating by two."""
    from tests.kwartiermaken.conftest import laad_inhoud

    laad_inhoud()
    from kwartiermaken.models import Stap

    world = geschreven
    Stap.objects.filter(slug="fase-1-urgentie").update(
        oefeningen=["lek-zorgen", "lek-verborgen", "lek-schaal"]
    )
    url = f"/trajecten/{world.traject.pk}/kwartiermaken/stappen/fase-1-urgentie/"
    for actor in ("teamlid", "begeleider", "leidinggevende"):
        response = world.client(actor).get(url)
        assert response.status_code == 200, actor
        tekst = response.content.decode()
        _controleer(tekst, waar=f"GET {url} as {actor}")
        assert ANONIEM in tekst, actor  # the card is there, only the name is not
        # (the name itself may appear: the begeleider's form lists the team as possible owners)
        assert "gemiddeld" not in tekst and "antwoorden, zichtbaar vanaf 3 mensen" in tekst, actor


def test_the_live_session_leaks_no_name_on_any_screen_or_poll(geschreven):
    world = geschreven
    b = world.sessie
    paden = {
        "begeleider": [f"/bijeenkomsten/{b.pk}/presentatie/", f"/bijeenkomsten/{b.pk}/verslag/"],
        "teamlid": [f"/bijeenkomsten/{b.pk}/meedoen/"],
        "leidinggevende": [f"/bijeenkomsten/{b.pk}/verslag/"],
    }
    for actor, user, scherm in (
        ("begeleider", world.alice, "presentatie"),
        ("teamlid", world.bob, "deelnemer"),
    ):
        paden[actor].append(f"/bijeenkomsten/{b.pk}/live/?t={live.make_token(b.pk, user.pk, scherm)}")
    gezien = 0
    for actor, urls in paden.items():
        for url in urls:
            response = world.client(actor).get(url)
            tekst = response.content.decode()
            gezien += LIVE in tekst
            _controleer(tekst, waar=f"GET {url} as {actor}")
    assert gezien >= 4  # the card itself is there: only the name is not


def test_the_exports_and_the_pdf_leak_nothing(geschreven):
    world = geschreven
    pk = world.traject.pk
    begeleider, manager = world.client("begeleider"), world.client("leidinggevende")
    _controleer(begeleider.get(f"/trajecten/{pk}/export.json").content.decode(), waar="export.json")
    with zipfile.ZipFile(io.BytesIO(begeleider.get(f"/trajecten/{pk}/export-csv.zip").content)) as archive:
        for naam in archive.namelist():
            tekst = archive.read(naam).decode("utf-8-sig")
            _controleer(tekst, waar=naam)
            assert "lek-schaal" not in tekst, f"{naam}: a rating of two people"
    pdf = PdfReader(io.BytesIO(manager.post(f"/trajecten/{pk}/plan/pdf/").content))
    _controleer(" ".join(p.extract_text() for p in pdf.pages).replace("\x00", ""), waar="plan PDF")


def test_the_admin_lists_of_contributions_leak_nothing(geschreven, client):
    beheerder = UserFactory(username="beheer", is_staff=True, is_superuser=True)
    client.force_login(beheerder)
    for url in ("/beheer/oefeningen/bijdrage/", "/beheer/bijeenkomsten/inbreng/"):
        response = client.get(url)
        assert response.status_code == 200, url
        tekst = response.content.decode()
        _controleer(tekst, waar=url)
        # Not even beside a rating (which only counts together) or a hidden card.
        assert NAAM not in tekst, url
    assert ANONIEM in client.get("/beheer/oefeningen/bijdrage/").content.decode()


def test_the_leak_test_finds_a_leak(geschreven):
    """The checks above can fail: a name beside an anonymous card, the hidden text."""
    assert _lekken(f"{ANONIEM} – {NAAM}") == ["the name beside an anonymous card"]
    assert _lekken(f"{LIVE} <span>{NAAM}</span>") == ["the name beside an anonymous card"]
    assert _lekken(f"... {VERBORGEN} ...") == ["the hidden card before the reveal"]
    assert _lekken(f"... {VERBORGEN} ...", screening=True) == []
    assert _lekken(f"{ANONIEM}" + " " * (NABIJ + 10) + NAAM) == []


def test_the_readme_table_names_what_exists_and_the_minimum_it_states(settings):
    """README "Who sees what": every module, function and test it names exists, and the
    small-group minimum it states is the setting's default."""
    from importlib import import_module
    from pathlib import Path

    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    deel = readme.split("### Who sees what", 1)[1].split("\n## ", 1)[0]
    for pad in re.findall(r"`((?:tests|trajecten|oefeningen)/[\w/]+\.py)`", deel):
        assert (Path(settings.BASE_DIR) / pad).exists(), pad
    for naam in re.findall(r"`((?:oefeningen\.selectors|zichtbaarheid)\.\w+)`", deel):
        module, attr = naam.rsplit(".", 1)
        module = "trajecten.zichtbaarheid" if module == "zichtbaarheid" else module
        assert hasattr(import_module(module), attr), naam
    assert "only from 3 people up (`COCREATIE_GROEP_MINIMUM`)" in deel
    settings_py = (Path(settings.BASE_DIR) / "cocreatie" / "settings.py").read_text()
    assert 'COCREATIE_GROEP_MINIMUM = env_int("COCREATIE_GROEP_MINIMUM", 3)' in settings_py
