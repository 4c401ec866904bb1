"""The signal rules of this app (registered in hub.py). None of them reads the sensitive profile."""

from __future__ import annotations

from django.utils.translation import gettext as _

from trajecten.registries import Signal

from .models import ONBETAALD, Plek

BRON_FASE_2 = "Movisie, Handreiking Kwartiermaken, fase 2"
BRON_FASE_1 = "Movisie, Handreiking Kwartiermaken, fase 1 (don'ts)"


# The few columns the rules read (never the profile); a trajectory has a handful of places,
# so all rules share one query and decide in Python.
_VELDEN = (
    "titel",
    "leidinggevende_naam",
    "ervaringsdeskundige",
    "ingevuld_zonder_account",
    "maatje",
    "intervisie",
    "supervisie",
    "statuut",
    "pad_naar_betaald",
    "projectleider_eigen_functie",
)


def _plekken(traject) -> list[Plek]:
    return list(Plek.objects.filter(traject=traject).only(*_VELDEN))


def _ingevuld(plek) -> bool:
    """As selectors.INGEVULD: an ED with an account, or filled without one."""
    return plek.ervaringsdeskundige_id is not None or plek.ingevuld_zonder_account


def _bij_plekken(plekken, *, code: str, reden: str, bron: str = BRON_FASE_2):
    """One signal naming `plekken`, when there are any; `reden` holds %(plekken)s."""
    if plekken:
        titels = ", ".join(f"‘{p.titel}’" for p in plekken)
        yield Signal(code=code, reason=reden % {"plekken": titels}, source=bron)


def _minder_dan_twee(plekken):
    """Fewer than two EDs placed, once any place is planned (a single ED stands alone)."""
    ingevuld = sum(1 for p in plekken if _ingevuld(p))
    if plekken and ingevuld < 2:
        yield Signal(
            code="ed_minder_dan_twee",
            reason=_(
                "Er zijn minder dan twee ervaringsdeskundigen geplaatst (nu %(n)s). "
                "Alleen werken als ervaringsdeskundige is zwaar: zorg voor minstens twee."
            )
            % {"n": ingevuld},
            source=BRON_FASE_2,
        )


def _geen_leidinggevende(plekken):
    yield from _bij_plekken(
        [p for p in plekken if p.leidinggevende_naam == ""],
        code="ed_geen_leidinggevende",
        reden=_("Bij deze ED-plek staat nog geen leidinggevende: %(plekken)s. Spreek af wie dat formeel is."),
    )


def _geen_ondersteuning(plekken):
    yield from _bij_plekken(
        [p for p in plekken if _ingevuld(p) and not (p.maatje or p.intervisie or p.supervisie)],
        code="ed_geen_ondersteuning",
        reden=_(
            "Bij deze ED-plek is geen maatje, intervisie of supervisie geregeld: %(plekken)s. "
            "Regel minstens één vorm van ondersteuning."
        ),
    )


def _vrijwillig_zonder_pad(plekken):
    yield from _bij_plekken(
        [p for p in plekken if p.statuut in ONBETAALD and p.pad_naar_betaald == ""],
        code="ed_vrijwillig_zonder_pad",
        reden=_(
            "Deze plek is vrijwillig of een werkervaringsplaats, zonder plan om door te groeien "
            "naar betaald werk: %(plekken)s."
        ),
    )


def _projectleider(plekken):
    yield from _bij_plekken(
        [p for p in plekken if p.projectleider_eigen_functie],
        code="ed_projectleider",
        reden=_(
            "Een ervaringsdeskundige is ook projectleider of kwartiermaker van de eigen functie: "
            "%(plekken)s. De handreiking raadt dat af."
        ),
        bron=BRON_FASE_1,
    )


CHECKS = [_minder_dan_twee, _geen_leidinggevende, _geen_ondersteuning, _vrijwillig_zonder_pad, _projectleider]


def _per_traject(check):
    def rule(traject):
        yield from check(_plekken(traject))

    rule.__name__ = check.__name__.lstrip("_")
    return rule


signaal_minder_dan_twee = _per_traject(_minder_dan_twee)
signaal_geen_leidinggevende = _per_traject(_geen_leidinggevende)
signaal_geen_ondersteuning = _per_traject(_geen_ondersteuning)
signaal_vrijwillig_zonder_pad = _per_traject(_vrijwillig_zonder_pad)
signaal_projectleider = _per_traject(_projectleider)


def signalen(traject):
    """Every ED-place signal of the trajectory, from one read of its places."""
    plekken = _plekken(traject)
    for check in CHECKS:
        yield from check(plekken)


SIGNAL_RULES = [signalen]
