from oefeningen.models import Bijdrage
from oefeningen.selectors import KOMPAS_HOOFDSTUK
from plan.models import Actie, Besluit, Onderwerp, PlanVersie
from tests.authz import (
    ALLEEN_BEGELEIDER,
    ALLEEN_POST,
    BEGELEIDER_EN_LEIDING,
    LEZEN_LEDEN,
    Case,
    success_as,
)
from tests.oefeningen.factories import HoofdstukFactory, OefeningFactory


def _actie(world):
    world.actie = Actie.objects.create(traject=world.traject, wat="Vacature schrijven")


def _besluit(world):
    world.besluit = Besluit.objects.create(traject=world.traject, onderwerp=Onderwerp.AANTAL, tekst="Twee")


def _versie(world):
    PlanVersie.objects.create(traject=world.traject, nummer=1, pdf=b"%PDF-1.7 test", grootte=13)


def _kompas(world):
    """A west card on the chapter 10 compass of this trajectory (real rows, as oefeningen writes them)."""
    hoofdstuk = HoofdstukFactory(slug=KOMPAS_HOOFDSTUK, nummer=10, titel="Blik op morgen", volgorde=10)
    kompas = OefeningFactory(soort="kompas", hoofdstuk=hoofdstuk)
    world.kaart = Bijdrage.objects.create(
        traject=world.traject, oefening=kompas, auteur=world.bob, item="west", tekst="Valkuil"
    )


def _url(path):
    return lambda w: f"/trajecten/{w.traject.pk}/{path}"


CASES = [
    Case("plan:plan", "get", _url("plan/"), LEZEN_LEDEN),
    Case("plan:pdf", "post", _url("plan/pdf/"), BEGELEIDER_EN_LEIDING),
    Case("plan:pdf", "get", _url("plan/pdf/"), ALLEEN_POST, id="GET plan:pdf"),
    Case("plan:versies", "get", _url("plan/versies/"), BEGELEIDER_EN_LEIDING, setup=_versie),
    Case("plan:versie_pdf", "get", _url("plan/versies/1/pdf/"), BEGELEIDER_EN_LEIDING, setup=_versie),
    Case("plan:besluit", "get", _url("plan/besluiten/rollen/"), ALLEEN_BEGELEIDER),
    Case(
        "plan:besluit",
        "post",
        _url("plan/besluiten/rollen/"),
        success_as(ALLEEN_BEGELEIDER, 302),
        data=lambda w: {"tekst": "De brugfunctie"},
    ),
    Case("plan:actie_nieuw", "get", _url("plan/acties/nieuw/"), ALLEEN_BEGELEIDER),
    Case(
        "plan:actie_nieuw",
        "post",
        _url("plan/acties/nieuw/"),
        success_as(ALLEEN_BEGELEIDER, 302),
        data=lambda w: {"wat": "Vacature schrijven", "status": "open"},
    ),
    Case(
        "plan:actie",
        "get",
        lambda w: f"/trajecten/{w.traject.pk}/plan/acties/{w.actie.pk}/",
        ALLEEN_BEGELEIDER,
        setup=_actie,
    ),
    Case(
        "plan:actie",
        "post",
        lambda w: f"/trajecten/{w.traject.pk}/plan/acties/{w.actie.pk}/",
        success_as(ALLEEN_BEGELEIDER, 302),
        data=lambda w: {"wat": "Vacature herschrijven", "status": "bezig"},
        setup=_actie,
    ),
    Case(
        "plan:actie_van_kaart",
        "post",
        _url("plan/acties/van-kaart/"),
        success_as(ALLEEN_BEGELEIDER, 302),
        data=lambda w: {"kaart": str(w.kaart.pk)},
        setup=_kompas,
    ),
    Case(
        "plan:actie_van_kaart",
        "get",
        _url("plan/acties/van-kaart/"),
        ALLEEN_POST,
        id="GET plan:actie_van_kaart",
    ),
    Case(
        "plan:risico",
        "get",
        lambda w: _url(f"plan/risicos/{w.kaart.pk}/")(w),
        ALLEEN_BEGELEIDER,
        setup=_kompas,
    ),
    Case(
        "plan:risico",
        "post",
        lambda w: _url(f"plan/risicos/{w.kaart.pk}/")(w),
        success_as(ALLEEN_BEGELEIDER, 302),
        data=lambda w: {"reactie": "Goed betalen"},
        setup=_kompas,
    ),
    Case(
        "plan:herziening",
        "get",
        lambda w: f"/trajecten/{w.traject.pk}/plan/herzien/besluit/{w.besluit.pk}/",
        ALLEEN_BEGELEIDER,
        setup=_besluit,
    ),
    Case(
        "plan:herziening",
        "post",
        lambda w: f"/trajecten/{w.traject.pk}/plan/herzien/actie/{w.actie.pk}/",
        success_as(ALLEEN_BEGELEIDER, 302),
        data=lambda w: {"datum": "2026-11-01", "wat_gebeurde": "De vacature staat online"},
        setup=_actie,
    ),
    Case("plan:export_json", "get", _url("export.json"), BEGELEIDER_EN_LEIDING),
    Case("plan:export_csv", "get", _url("export-csv.zip"), BEGELEIDER_EN_LEIDING),
]
