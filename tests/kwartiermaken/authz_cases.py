from tests.authz import (
    ALLEEN_BEGELEIDER,
    ALLEEN_POST,
    BEGELEIDER_EN_LEIDING,
    LEZEN_LEDEN,
    SCHRIJVEN_LEDEN,
    Case,
    success_as,
)
from tests.kwartiermaken.conftest import laad_inhoud
from tests.kwartiermaken.factories import besluit_data

ALLEEN_LEIDINGGEVENDE = {
    "anoniem": 302,
    "buitenstaander": 404,
    "teamlid": 403,
    "begeleider": 403,
    "leidinggevende": 200,
}
ALLEEN_LEIDING_ORGANISATIE = {
    "anoniem": 302,
    "buitenstaander": 404,
    "teamlid": 404,
    "begeleider": 404,
    "leidinggevende": 200,
}


def _inhoud(w):
    laad_inhoud()


def _coalitie_lid(w):
    from kwartiermaken.models import CoalitieLid

    w.coalitie_lid = CoalitieLid.objects.create(traject=w.traject, naam="Sam", rol="ambassadeur")


def _base(w):
    return f"/trajecten/{w.traject.pk}/kwartiermaken/"


CASES = [
    Case("kwartiermaken:traject", "get", _base, LEZEN_LEDEN, setup=_inhoud),
    Case(
        "kwartiermaken:stap",
        "get",
        lambda w: _base(w) + "stappen/fase-1-coalitie/",
        LEZEN_LEDEN,  # every member reads the step and its exercises' results; only the begeleider edits
        setup=_inhoud,
    ),
    Case(
        "kwartiermaken:stap",
        "post",
        lambda w: _base(w) + "stappen/fase-1-coalitie/",
        success_as(ALLEEN_BEGELEIDER, 302),
        data=lambda w: {"status": "bezig"},
        setup=_inhoud,
    ),
    Case(
        "kwartiermaken:stap_status",
        "post",
        lambda w: _base(w) + "stappen/fase-1-coalitie/status/",
        success_as(ALLEEN_BEGELEIDER, 302),
        data=lambda w: {"status": "klaar"},
        setup=_inhoud,
    ),
    Case(
        "kwartiermaken:stap_status",
        "get",
        lambda w: _base(w) + "stappen/fase-1-coalitie/status/",
        ALLEEN_POST,
        setup=_inhoud,
        id="GET stap_status",
    ),
    Case("kwartiermaken:scan", "get", lambda w: _base(w) + "scan/", LEZEN_LEDEN, setup=_inhoud),
    Case(
        "kwartiermaken:scan",
        "post",
        lambda w: _base(w) + "scan/",
        success_as(SCHRIJVEN_LEDEN, 302),
        data=lambda w: {"antwoord_kennis": "ja", "toelichting_kennis": "Goed bezig"},
        setup=_inhoud,
    ),
    Case(
        "kwartiermaken:scan_ronde_nieuw",
        "post",
        lambda w: _base(w) + "scan/nieuwe-ronde/",
        success_as(ALLEEN_BEGELEIDER, 302),
    ),
    Case(
        "kwartiermaken:scan_ronde_nieuw",
        "get",
        lambda w: _base(w) + "scan/nieuwe-ronde/",
        ALLEEN_POST,
        id="GET scan_ronde_nieuw",
    ),
    Case("kwartiermaken:besluit", "get", lambda w: _base(w) + "besluit/", ALLEEN_LEIDINGGEVENDE),
    Case(
        "kwartiermaken:besluit",
        "post",
        lambda w: _base(w) + "besluit/",
        success_as(ALLEEN_LEIDINGGEVENDE, 302),
        data=lambda w: besluit_data("go"),
    ),
    Case(
        "kwartiermaken:fase_2_starten",
        "get",
        lambda w: _base(w) + "fase-2-starten/",
        BEGELEIDER_EN_LEIDING,
        setup=_inhoud,
    ),
    Case(
        "kwartiermaken:fase_2_starten",
        "post",
        lambda w: _base(w) + "fase-2-starten/",
        success_as(BEGELEIDER_EN_LEIDING, 302),
        data=lambda w: {"bevestigd": "on"},
        setup=_inhoud,
    ),
    Case("kwartiermaken:coalitie", "get", lambda w: _base(w) + "coalitie/", LEZEN_LEDEN),
    Case(
        "kwartiermaken:coalitie",
        "post",
        lambda w: _base(w) + "coalitie/",
        success_as(ALLEEN_BEGELEIDER, 302),
        data=lambda w: {"naam": "Sam", "rol": "senior_ed", "is_ervaringsdeskundige": "on"},
    ),
    Case(
        "kwartiermaken:coalitie_verwijderen",
        "post",
        lambda w: _base(w) + f"coalitie/{w.coalitie_lid.pk}/verwijderen/",
        success_as(ALLEEN_BEGELEIDER, 302),
        setup=_coalitie_lid,
    ),
    Case(
        "kwartiermaken:coalitie_verwijderen",
        "get",
        lambda w: _base(w) + f"coalitie/{w.coalitie_lid.pk}/verwijderen/",
        ALLEEN_POST,
        setup=_coalitie_lid,
        id="GET coalitie_verwijderen",
    ),
    Case(
        "kwartiermaken:overzicht",
        "get",
        lambda w: f"/organisaties/{w.org.pk}/overzicht/",
        ALLEEN_LEIDING_ORGANISATIE,
    ),
    Case(
        "kwartiermaken:overzicht_csv",
        "get",
        lambda w: f"/organisaties/{w.org.pk}/overzicht.csv",
        ALLEEN_LEIDING_ORGANISATIE,
    ),
]
