"""The signal rules of this app (registered in hub.py). None of them reads the sensitive profile."""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext as _

from trajecten.registries import Signal

from .models import ONBETAALD, Plek
from .selectors import INGEVULD

BRON_FASE_2 = "Movisie, Handreiking Kwartiermaken, fase 2"
BRON_FASE_1 = "Movisie, Handreiking Kwartiermaken, fase 1 (don'ts)"


def _plekken(traject):
    return Plek.objects.filter(traject=traject)


def _titels(qs) -> str:
    return ", ".join(f"‘{t}’" for t in qs.values_list("titel", flat=True))


def _bij_plekken(qs, *, code: str, reden: str, bron: str = BRON_FASE_2):
    """One signal naming the places in `qs`, when there are any; `reden` holds %(plekken)s."""
    if qs.exists():
        yield Signal(code=code, reason=reden % {"plekken": _titels(qs)}, source=bron)


def signaal_minder_dan_twee(traject):
    """Fewer than two EDs placed, once any place is planned (a single ED stands alone)."""
    telling = _plekken(traject).aggregate(totaal=Count("pk"), ingevuld=Count("pk", filter=INGEVULD))
    if telling["totaal"] and telling["ingevuld"] < 2:
        yield Signal(
            code="ed_minder_dan_twee",
            reason=_(
                "Er zijn minder dan twee ervaringsdeskundigen geplaatst (nu %(n)s). "
                "Alleen werken als ervaringsdeskundige is zwaar: zorg voor minstens twee."
            )
            % {"n": telling["ingevuld"]},
            source=BRON_FASE_2,
        )


def signaal_geen_leidinggevende(traject):
    yield from _bij_plekken(
        _plekken(traject).filter(leidinggevende_naam=""),
        code="ed_geen_leidinggevende",
        reden=_("Bij deze ED-plek staat nog geen leidinggevende: %(plekken)s. Spreek af wie dat formeel is."),
    )


def signaal_geen_ondersteuning(traject):
    yield from _bij_plekken(
        _plekken(traject).filter(INGEVULD, maatje="", intervisie="", supervisie=""),
        code="ed_geen_ondersteuning",
        reden=_(
            "Bij deze ED-plek is geen maatje, intervisie of supervisie geregeld: %(plekken)s. "
            "Regel minstens één vorm van ondersteuning."
        ),
    )


def signaal_vrijwillig_zonder_pad(traject):
    yield from _bij_plekken(
        _plekken(traject).filter(statuut__in=ONBETAALD, pad_naar_betaald=""),
        code="ed_vrijwillig_zonder_pad",
        reden=_(
            "Deze plek is vrijwillig of een werkervaringsplaats, zonder plan om door te groeien "
            "naar betaald werk: %(plekken)s."
        ),
    )


def signaal_projectleider(traject):
    yield from _bij_plekken(
        _plekken(traject).filter(projectleider_eigen_functie=True),
        code="ed_projectleider",
        reden=_(
            "Een ervaringsdeskundige is ook projectleider of kwartiermaker van de eigen functie: "
            "%(plekken)s. De handreiking raadt dat af."
        ),
        bron=BRON_FASE_1,
    )


SIGNAL_RULES = [
    signaal_minder_dan_twee,
    signaal_geen_leidinggevende,
    signaal_geen_ondersteuning,
    signaal_vrijwillig_zonder_pad,
    signaal_projectleider,
]
