from oefeningen.models import Bijdrage
from tests.authz import ALLEEN_BEGELEIDER, ALLEEN_POST, LEZEN_LEDEN, Case, expect, success_as
from tests.oefeningen.factories import OefeningFactory

# Begeleiders and team members write; the leidinggevende reads along (403 on writes).
SCHRIJVEN = expect(LEZEN_LEDEN, leidinggevende=403)
SCHRIJVEN_302 = success_as(SCHRIJVEN, 302)


def _kaarten(w):
    w.oef = OefeningFactory(soort="kaarten")
    w.kaart = Bijdrage.objects.create(traject=w.traject, oefening=w.oef, auteur=w.bob, tekst="Kaart van Bob")


def _tekst(w):
    w.oef = OefeningFactory(soort="tekst")


def _oef(w):
    return f"/trajecten/{w.traject.pk}/oefeningen/{w.oef.slug}/"


def _kaart(w):
    return f"{_oef(w)}bijdragen/{w.kaart.pk}/"


def _post_and_get(name, url, expected, *, setup=_kaarten, data=lambda w: {}):
    return [
        Case(name, "post", url, expected, data=data, setup=setup),
        Case(name, "get", url, ALLEEN_POST, setup=setup, id=f"GET {name}"),
    ]


CASES = [
    Case("oefeningen:overzicht", "get", lambda w: f"/trajecten/{w.traject.pk}/oefeningen/", LEZEN_LEDEN),
    Case("oefeningen:oefening", "get", _oef, LEZEN_LEDEN, setup=_kaarten),
    *_post_and_get(
        "oefeningen:bijdrage_nieuw",
        lambda w: f"{_oef(w)}bijdragen/",
        SCHRIJVEN_302,
        data=lambda w: {"tekst": "Een nieuwe kaart"},
    ),
    # Bob's own card: he may edit it, the begeleider moderates it.
    Case("oefeningen:bijdrage_bewerken", "get", lambda w: f"{_kaart(w)}bewerken/", SCHRIJVEN, setup=_kaarten),
    Case(
        "oefeningen:bijdrage_bewerken",
        "post",
        lambda w: f"{_kaart(w)}bewerken/",
        SCHRIJVEN_302,
        setup=_kaarten,
        data=lambda w: {"tekst": "Aangepast"},
    ),
    *_post_and_get("oefeningen:bijdrage_verwijderen", lambda w: f"{_kaart(w)}verwijderen/", SCHRIJVEN_302),
    *_post_and_get("oefeningen:stem", lambda w: f"{_kaart(w)}stem/", SCHRIJVEN_302),
    *_post_and_get("oefeningen:stem_intrekken", lambda w: f"{_kaart(w)}stem-weg/", SCHRIJVEN_302),
    *_post_and_get(
        "oefeningen:kaart_groeperen", lambda w: f"{_kaart(w)}groep/", success_as(ALLEEN_BEGELEIDER, 302)
    ),
    *_post_and_get(
        "oefeningen:achterhouden",
        lambda w: f"{_kaart(w)}achterhouden/",
        success_as(ALLEEN_BEGELEIDER, 302),
        data=lambda w: {"reden": "naam"},
    ),
    *_post_and_get(
        "oefeningen:cluster_nieuw",
        lambda w: f"{_oef(w)}groepen/",
        success_as(ALLEEN_BEGELEIDER, 302),
        data=lambda w: {"naam": "Samenwerking"},
    ),
    *_post_and_get(
        "oefeningen:tekst_opslaan",
        lambda w: f"{_oef(w)}tekst/",
        SCHRIJVEN_302,
        setup=_tekst,
        data=lambda w: {"tekst": "Onze visie", "versie": 0},
    ),
    *_post_and_get(
        "oefeningen:status",
        lambda w: f"{_oef(w)}status/",
        success_as(ALLEEN_BEGELEIDER, 302),
        data=lambda w: {"status": "afgerond"},
    ),
    *_post_and_get(
        "oefeningen:zichtbaarheid",
        lambda w: f"{_oef(w)}zichtbaarheid/",
        success_as(ALLEEN_BEGELEIDER, 302),
        data=lambda w: {"verborgen": "1"},
    ),
]
