from bijeenkomsten import live, services
from tests.authz import ALLEEN_BEGELEIDER, ALLEEN_POST, LEZEN_LEDEN, SCHRIJVEN_LEDEN, Case, expect, success_as

from .factories import maak_bijeenkomst

ALL = {"anoniem": 200, "buitenstaander": 200, "teamlid": 200, "begeleider": 200, "leidinggevende": 200}
POST_BEGELEIDER = success_as(ALLEEN_BEGELEIDER, 302)
POST_LEDEN = success_as(SCHRIJVEN_LEDEN, 302)


def _sessie(w, **kwargs):
    w.b = maak_bijeenkomst(w.traject, begeleider=w.alice, **kwargs)
    return w.b


def _actief(w):
    return _sessie(w, actief=True)


def _met_kaart(w):
    b = _actief(w)
    w.kaart, _ = services.inbreng_toevoegen(blok=b.huidig_blok, tekst="Een kaart", auteur=w.alice)


def _b(path):
    return lambda w: f"/bijeenkomsten/{w.b.pk}/{path}"


def _poll_url(w):
    return f"/bijeenkomsten/{w.b.pk}/live/?t={live.make_token(w.b.pk, w.alice.pk, 'presentatie')}"


def _blok_data(w):
    return {"soort": "welkom", "titel": "Welkom", "duur_minuten": 10, "groepsgrootte": "plenair"}


def _plan_data(w):
    return {"titel": "Nieuwe sessie", "datum": "2026-12-10", "starttijd": "10:00", "plaats": "Zaal"}


CASES = [
    Case("bijeenkomsten:lijst", "get", lambda w: f"/trajecten/{w.traject.pk}/bijeenkomsten/", LEZEN_LEDEN),
    Case(
        "bijeenkomsten:nieuw",
        "get",
        lambda w: f"/trajecten/{w.traject.pk}/bijeenkomsten/nieuw/",
        ALLEEN_BEGELEIDER,
    ),
    Case(
        "bijeenkomsten:nieuw",
        "post",
        lambda w: f"/trajecten/{w.traject.pk}/bijeenkomsten/nieuw/",
        POST_BEGELEIDER,
        data=_plan_data,
    ),
    Case("bijeenkomsten:bijeenkomst", "get", _b(""), LEZEN_LEDEN, setup=_sessie),
    Case("bijeenkomsten:bewerken", "get", _b("bewerken/"), ALLEEN_BEGELEIDER, setup=_sessie),
    Case("bijeenkomsten:bewerken", "post", _b("bewerken/"), POST_BEGELEIDER, setup=_sessie, data=_plan_data),
    Case("bijeenkomsten:blok_nieuw", "post", _b("blokken/"), POST_BEGELEIDER, setup=_sessie, data=_blok_data),
    Case("bijeenkomsten:blok_nieuw", "get", _b("blokken/"), ALLEEN_POST, setup=_sessie, id="GET blok_nieuw"),
    Case(
        "bijeenkomsten:blok_verplaatsen",
        "post",
        lambda w: f"/bijeenkomsten/{w.b.pk}/blokken/{w.b.blokken.last().pk}/verplaatsen/",
        POST_BEGELEIDER,
        setup=_sessie,
        data=lambda w: {"richting": "op"},
    ),
    Case(
        "bijeenkomsten:blok_verplaatsen",
        "get",
        lambda w: f"/bijeenkomsten/{w.b.pk}/blokken/{w.b.blokken.last().pk}/verplaatsen/",
        ALLEEN_POST,
        setup=_sessie,
        id="GET blok_verplaatsen",
    ),
    Case(
        "bijeenkomsten:blok_verwijderen",
        "post",
        lambda w: f"/bijeenkomsten/{w.b.pk}/blokken/{w.b.blokken.last().pk}/verwijderen/",
        POST_BEGELEIDER,
        setup=_sessie,
    ),
    Case("bijeenkomsten:afdrukken", "get", _b("afdrukken/"), LEZEN_LEDEN, setup=_sessie),
    Case("bijeenkomsten:ics", "get", _b("agenda.ics"), LEZEN_LEDEN, setup=_sessie),
    Case("bijeenkomsten:presentatie", "get", _b("presentatie/"), ALLEEN_BEGELEIDER, setup=_actief),
    Case("bijeenkomsten:starten", "post", _b("starten/"), POST_BEGELEIDER, setup=_sessie),
    Case("bijeenkomsten:starten", "get", _b("starten/"), ALLEEN_POST, setup=_sessie, id="GET starten"),
    Case(
        "bijeenkomsten:bediening",
        "post",
        _b("bediening/"),
        POST_BEGELEIDER,
        setup=_actief,
        data=lambda w: {"actie": "volgende", "verwacht": w.b.huidig_blok_id},
    ),
    Case(
        "bijeenkomsten:gasten",
        "post",
        _b("gasten/"),
        POST_BEGELEIDER,
        setup=_sessie,
        data=lambda w: {"toestaan": "1"},
    ),
    Case(
        "bijeenkomsten:papier",
        "post",
        _b("papier/"),
        POST_BEGELEIDER,
        setup=_actief,
        data=lambda w: {"tekst": "Van papier", "namens": "Jan", "blok": w.b.huidig_blok_id},
    ),
    Case(
        "bijeenkomsten:papier_stem",
        "post",
        _b("papier/stem/"),
        POST_BEGELEIDER,
        setup=_met_kaart,
        data=lambda w: {"inbreng": w.kaart.pk},
    ),
    Case(
        "bijeenkomsten:sluiten",
        "post",
        _b("sluiten/"),
        POST_BEGELEIDER,
        setup=_actief,
        data=lambda w: {"wat_ging_goed": "Veel energie", "wat_houden_we": "Kaartjes"},
    ),
    Case("bijeenkomsten:deelnemer", "get", _b("meedoen/"), LEZEN_LEDEN, setup=_actief),
    Case(
        "bijeenkomsten:inbreng",
        "post",
        _b("inbreng/"),
        POST_LEDEN,
        setup=_actief,
        data=lambda w: {"tekst": "Mijn idee", "blok": w.b.huidig_blok_id},
    ),
    Case("bijeenkomsten:inbreng", "get", _b("inbreng/"), ALLEEN_POST, setup=_actief, id="GET inbreng"),
    Case(
        "bijeenkomsten:stem",
        "post",
        _b("stem/"),
        POST_LEDEN,
        setup=_met_kaart,
        data=lambda w: {"inbreng": w.kaart.pk},
    ),
    # Without htmx the list of one's own cards is the participant page.
    Case("bijeenkomsten:mijn_kaarten", "get", _b("mijn-kaarten/"), POST_LEDEN, setup=_actief),
    # alice's card: only alice may change or withdraw it; for everyone else it does not exist.
    Case(
        "bijeenkomsten:mijn_kaart",
        "post",
        lambda w: f"/bijeenkomsten/{w.b.pk}/mijn-kaarten/{w.kaart.pk}/",
        {"anoniem": 302, "buitenstaander": 404, "teamlid": 404, "begeleider": 302, "leidinggevende": 404},
        setup=_met_kaart,
        data=lambda w: {"actie": "wijzigen", "tekst": "Anders gezegd"},
    ),
    Case(
        "bijeenkomsten:mijn_kaart",
        "get",
        lambda w: f"/bijeenkomsten/{w.b.pk}/mijn-kaarten/{w.kaart.pk}/",
        ALLEEN_POST,
        setup=_met_kaart,
        id="GET mijn_kaart",
    ),
    # The poll's token belongs to alice: for anyone else it opens nothing.
    Case(
        "bijeenkomsten:live",
        "get",
        _poll_url,
        {"anoniem": 404, "buitenstaander": 404, "teamlid": 404, "begeleider": 200, "leidinggevende": 404},
        setup=_actief,
    ),
    Case("bijeenkomsten:verslag", "get", _b("verslag/"), LEZEN_LEDEN, setup=_sessie),
    Case(
        "bijeenkomsten:verslag",
        "post",
        _b("verslag/"),
        POST_BEGELEIDER,
        setup=_sessie,
        data=lambda w: {
            "notities": "Goed gesprek",
            "besluiten": "",
            "wat_ging_goed": "",
            "wat_houden_we": "",
        },
    ),
    Case("bijeenkomsten:code", "get", lambda w: "/meedoen/", ALL),
    Case(
        "bijeenkomsten:code",
        "post",
        lambda w: "/meedoen/",
        {a: 302 for a in ALL},
        setup=_actief,
        data=lambda w: {"code": w.b.code.lower()},
    ),
    # Members go straight to the participant page; others see the join page.
    Case(
        "bijeenkomsten:join",
        "get",
        lambda w: f"/meedoen/{w.b.code}/",
        expect(ALL, teamlid=302, begeleider=302, leidinggevende=302),
        setup=_actief,
    ),
    Case(
        "bijeenkomsten:join",
        "post",
        lambda w: f"/meedoen/{w.b.code}/",
        {a: 302 for a in ALL},
        setup=lambda w: _sessie(w, actief=True, gasten=True),
        data=lambda w: {"voornaam": "Gast"},
    ),
]
