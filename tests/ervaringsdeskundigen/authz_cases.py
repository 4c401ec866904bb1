from ervaringsdeskundigen.models import Inzagerecht
from tests.authz import ALLEEN_BEGELEIDER, ALLEEN_POST, LEZEN_LEDEN, Case, expect, success_as
from tests.ervaringsdeskundigen.factories import PlekFactory, open_plek
from tests.factories import PASSWORD

LOGGED_IN = {"anoniem": 302, "buitenstaander": 200, "teamlid": 200, "begeleider": 200, "leidinggevende": 200}
LOGGED_IN_POST = {a: 302 for a in LOGGED_IN}
LOGGED_IN_ONLY_POST = expect({a: 405 for a in LOGGED_IN}, anoniem=302)


def _plek(w):
    w.plek = PlekFactory(traject=w.traject, ervaringsdeskundige=w.bob)
    return w.plek


def _open(w):
    w.plek = open_plek(w.traject)
    w.stap = w.plek.werving.first()
    return w.plek


def _plek_data(w):
    return {
        "titel": "Ervaringsdeskundige herstel",
        "ervaringsdeskundige": w.bob.pk,
        "statuut": "betaald",
        "uren_per_week": "16",
        "positie": "eigen_team",
        "scholing": "geen",
    }


def _recht(w):
    w.recht = Inzagerecht.objects.create(eigenaar=w.bob, ontvanger=w.alice)


def _base(w):
    return f"/trajecten/{w.traject.pk}/ervaringsdeskundigen/"


CASES = [
    Case("ervaringsdeskundigen:plekken", "get", _base, LEZEN_LEDEN),
    Case("ervaringsdeskundigen:plek_nieuw", "get", lambda w: _base(w) + "nieuw/", ALLEEN_BEGELEIDER),
    Case(
        "ervaringsdeskundigen:plek_nieuw",
        "post",
        lambda w: _base(w) + "nieuw/",
        success_as(ALLEEN_BEGELEIDER, 302),
        data=_plek_data,
    ),
    Case("ervaringsdeskundigen:plek", "get", lambda w: _base(w) + f"{w.plek.pk}/", LEZEN_LEDEN, setup=_plek),
    Case(
        "ervaringsdeskundigen:plek_bewerken",
        "get",
        lambda w: _base(w) + f"{w.plek.pk}/bewerken/",
        ALLEEN_BEGELEIDER,
        setup=_plek,
    ),
    Case(
        "ervaringsdeskundigen:plek_bewerken",
        "post",
        lambda w: _base(w) + f"{w.plek.pk}/bewerken/",
        success_as(ALLEEN_BEGELEIDER, 302),
        data=_plek_data,
        setup=_plek,
    ),
    Case(
        "ervaringsdeskundigen:plek_verwijderen",
        "post",
        lambda w: _base(w) + f"{w.plek.pk}/verwijderen/",
        success_as(ALLEEN_BEGELEIDER, 302),
        data=lambda w: {"wachtwoord": PASSWORD},
        setup=_plek,
    ),
    Case(
        "ervaringsdeskundigen:plek_verwijderen",
        "get",
        lambda w: _base(w) + f"{w.plek.pk}/verwijderen/",
        ALLEEN_POST,
        setup=_plek,
        id="GET plek_verwijderen",
    ),
    Case(
        "ervaringsdeskundigen:werving_stap",
        "post",
        lambda w: _base(w) + f"{w.plek.pk}/werving/{w.stap.pk}/",
        success_as(ALLEEN_BEGELEIDER, 302),
        data=lambda w: {"status": "klaar"},
        setup=_open,
    ),
    Case(
        "ervaringsdeskundigen:werving_stap",
        "get",
        lambda w: _base(w) + f"{w.plek.pk}/werving/{w.stap.pk}/",
        ALLEEN_POST,
        setup=_open,
        id="GET werving_stap",
    ),
    Case("ervaringsdeskundigen:mijn_gegevens", "get", lambda w: "/mijn-gegevens/", LOGGED_IN),
    Case("ervaringsdeskundigen:download", "get", lambda w: "/mijn-gegevens/download/", LOGGED_IN),
    Case("ervaringsdeskundigen:profiel", "get", lambda w: "/mijn-gegevens/ervaringsprofiel/", LOGGED_IN),
    Case(
        "ervaringsdeskundigen:profiel",
        "post",
        lambda w: "/mijn-gegevens/ervaringsprofiel/",
        LOGGED_IN_POST,
        data=lambda w: {"ervaringsthema": "Thema", "ervaringsverhaal": "", "toestemming": "on"},
    ),
    Case(
        "ervaringsdeskundigen:toestemming_intrekken",
        "post",
        lambda w: "/mijn-gegevens/toestemming-intrekken/",
        LOGGED_IN_POST,
        data=lambda w: {"wachtwoord": PASSWORD},
    ),
    Case(
        "ervaringsdeskundigen:toestemming_intrekken",
        "get",
        lambda w: "/mijn-gegevens/toestemming-intrekken/",
        LOGGED_IN_ONLY_POST,
        id="GET toestemming_intrekken",
    ),
    # Inzage can go only to someone who shares a team with you, never to yourself.
    Case(
        "ervaringsdeskundigen:inzage_nieuw",
        "post",
        lambda w: "/mijn-gegevens/inzage/",
        {"anoniem": 302, "buitenstaander": 400, "teamlid": 302, "begeleider": 400, "leidinggevende": 400},
        data=lambda w: {"ontvanger": w.alice.pk},
    ),
    Case(
        "ervaringsdeskundigen:inzage_nieuw",
        "get",
        lambda w: "/mijn-gegevens/inzage/",
        LOGGED_IN_ONLY_POST,
        id="GET inzage_nieuw",
    ),
    # Only the owner (bob) can revoke the grant; for everyone else it does not exist.
    Case(
        "ervaringsdeskundigen:inzage_intrekken",
        "post",
        lambda w: f"/mijn-gegevens/inzage/{w.recht.pk}/intrekken/",
        {"anoniem": 302, "buitenstaander": 404, "teamlid": 302, "begeleider": 404, "leidinggevende": 404},
        setup=_recht,
    ),
    Case(
        "ervaringsdeskundigen:inzage_intrekken",
        "get",
        lambda w: f"/mijn-gegevens/inzage/{w.recht.pk}/intrekken/",
        LOGGED_IN_ONLY_POST,
        setup=_recht,
        id="GET inzage_intrekken",
    ),
    Case("ervaringsdeskundigen:logboek", "get", lambda w: "/mijn-gegevens/logboek/", LOGGED_IN),
    Case("ervaringsdeskundigen:wissen", "get", lambda w: "/mijn-gegevens/wissen/", LOGGED_IN),
    # A wrong password erases nothing (the right one is tested in test_mijn_gegevens).
    Case(
        "ervaringsdeskundigen:wissen",
        "post",
        lambda w: "/mijn-gegevens/wissen/",
        expect({a: 400 for a in LOGGED_IN}, anoniem=302),
        data=lambda w: {"wachtwoord": "iemand-anders"},
    ),
]
