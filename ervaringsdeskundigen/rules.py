"""What this app contributes to the hub's registries: signals, progress, plan section, export,
the trajectory link and demo data. None of these reads the sensitive profile."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trajecten.registries import Progress, Signal
from trajecten.weergave import weergavenaam

from .models import ONBETAALD, Plek, Positie, Statuut, Toestemming, WervingStap
from .selectors import plek_gegevens

BRON_FASE_2 = "Movisie, Handreiking Kwartiermaken, fase 2"
BRON_FASE_1 = "Movisie, Handreiking Kwartiermaken, fase 1 (don'ts)"

INGEVULD = Q(ervaringsdeskundige__isnull=False) | Q(ingevuld_zonder_account=True)


def _plekken(traject):
    return Plek.objects.filter(traject=traject)


def _titels(qs) -> str:
    return ", ".join(f"‘{t}’" for t in qs.values_list("titel", flat=True))


# -- signals -------------------------------------------------------------------


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
    qs = _plekken(traject).filter(leidinggevende_naam="")
    if qs.exists():
        yield Signal(
            code="ed_geen_leidinggevende",
            reason=_(
                "Bij deze ED-plek staat nog geen leidinggevende: %(plekken)s. Spreek af wie dat formeel is."
            )
            % {"plekken": _titels(qs)},
            source=BRON_FASE_2,
        )


def signaal_geen_ondersteuning(traject):
    qs = _plekken(traject).filter(INGEVULD, maatje="", intervisie="", supervisie="")
    if qs.exists():
        yield Signal(
            code="ed_geen_ondersteuning",
            reason=_(
                "Bij deze ED-plek is geen maatje, intervisie of supervisie geregeld: %(plekken)s. "
                "Regel minstens één vorm van ondersteuning."
            )
            % {"plekken": _titels(qs)},
            source=BRON_FASE_2,
        )


def signaal_vrijwillig_zonder_pad(traject):
    qs = _plekken(traject).filter(statuut__in=ONBETAALD, pad_naar_betaald="")
    if qs.exists():
        yield Signal(
            code="ed_vrijwillig_zonder_pad",
            reason=_(
                "Deze plek is vrijwillig of een werkervaringsplaats, zonder plan om door te groeien "
                "naar betaald werk: %(plekken)s."
            )
            % {"plekken": _titels(qs)},
            source=BRON_FASE_2,
        )


def signaal_projectleider(traject):
    qs = _plekken(traject).filter(projectleider_eigen_functie=True)
    if qs.exists():
        yield Signal(
            code="ed_projectleider",
            reason=_(
                "Een ervaringsdeskundige is ook projectleider of kwartiermaker van de eigen functie: "
                "%(plekken)s. De handreiking raadt dat af."
            )
            % {"plekken": _titels(qs)},
            source=BRON_FASE_1,
        )


SIGNAL_RULES = [
    signaal_minder_dan_twee,
    signaal_geen_leidinggevende,
    signaal_geen_ondersteuning,
    signaal_vrijwillig_zonder_pad,
    signaal_projectleider,
]


# -- progress ------------------------------------------------------------------


def voortgang(trajecten) -> dict[int, Progress]:
    """Places filled out of places planned, for many trajectories in one query."""
    rows = (
        Plek.objects.filter(traject__in=[t.pk for t in trajecten])
        .values("traject_id")
        .annotate(totaal=Count("pk"), ingevuld=Count("pk", filter=INGEVULD))
    )
    return {r["traject_id"]: Progress(r["ingevuld"], r["totaal"]) for r in rows}


# -- plan section and export (never the sensitive profile) --------------------


def plekken_voor_overzicht(traject):
    return (
        Plek.objects.filter(traject=traject)
        .select_related("ervaringsdeskundige", "tandem_partner")
        .prefetch_related("werving")
        .order_by("aangemaakt_op", "pk")
    )


def plan_context(traject) -> dict:
    return {"ed_plekken": list(plekken_voor_overzicht(traject))}


def naam_van(plek) -> str:
    if plek.ervaringsdeskundige_id:
        u = plek.ervaringsdeskundige
        return weergavenaam(u)
    if plek.ingevuld_zonder_account:
        return str(gettext_lazy("ingevuld (naam niet meer beschikbaar)"))
    return str(gettext_lazy("open (vacature)"))


def export_rows(traject) -> list[dict]:
    rows = []
    for plek in plekken_voor_overzicht(traject):
        tandem = plek.tandem_partner
        gegevens = plek_gegevens(plek)
        for lijst in ("rollen_boek", "rollen_handreiking", "werkvelden"):
            gegevens[lijst] = "; ".join(gegevens[lijst])
        rows.append(
            {
                **gegevens,
                "ervaringsdeskundige": naam_van(plek),
                "ingevuld": plek.is_ingevuld,
                "tandem_partner": (weergavenaam(tandem) or None),
                "werving": "; ".join(
                    f"{s.stap}={s.status}" for s in sorted(plek.werving.all(), key=lambda s: s.volgorde)
                ),
            }
        )
    return rows


# -- demo ----------------------------------------------------------------------


def demo(traject) -> None:
    """Two places for demo team Herstel Noord: one filled by `teamlid`, one open and being recruited."""
    if traject.team.naam != "Herstel Noord":
        return
    from django.contrib.auth import get_user_model

    from .services import inzage_geven, plek_opslaan, profiel_opslaan

    teamlid = get_user_model().objects.filter(username="teamlid").first()
    if not Plek.objects.filter(traject=traject, titel="Ervaringsdeskundige herstel").exists():
        plek_opslaan(
            traject=traject,
            plek=Plek(
                titel="Ervaringsdeskundige herstel",
                ervaringsdeskundige=teamlid,
                rollen_boek=["hoopgever", "brug"],
                rollen_handreiking=["ondersteuner", "deskundigheidsbevorderaar"],
                werkvelden=["hulpverlening"],
                statuut=Statuut.BETAALD,
                uren_per_week=24,
                startdatum=traject.startdatum,
                positie=Positie.IN_TEAM,
                positie_team="Herstel Noord",
                leidinggevende_naam="Mira Bakker",
                maatje="Senior ervaringsdeskundige van team Zuid",
                intervisie="Intervisiegroep ervaringsdeskundigen De Brug",
                scholing="ed_gedaan",
            ),
        )
    if teamlid is not None and not Toestemming.objects.filter(user=teamlid).exists():
        # A made-up profile, shared with the begeleider, so the demo shows consent, inzage and the log.
        profiel_opslaan(
            user=teamlid,
            ervaringsthema="Herstel na psychische kwetsbaarheid (demo)",
            ervaringsverhaal="Dit is een verzonnen voorbeeld voor de demo.",
            toestemming_gegeven=True,
        )
        begeleider = get_user_model().objects.filter(username="begeleider").first()
        if begeleider is not None:
            inzage_geven(eigenaar=teamlid, ontvanger=begeleider)
    if not Plek.objects.filter(traject=traject, titel="Ervaringsdeskundige wijkteam").exists():
        open_plek = plek_opslaan(
            traject=traject,
            plek=Plek(
                titel="Ervaringsdeskundige wijkteam",
                rollen_boek=["brug", "kritische_partner"],
                rollen_handreiking=["ondersteuner", "initiator"],
                werkvelden=["hulpverlening", "beleid"],
                statuut=Statuut.VRIJWILLIG,
                uren_per_week=12,
                positie=Positie.TANDEM,
                tandem_partner=get_user_model().objects.filter(username="begeleider").first(),
                leidinggevende_naam="Mira Bakker",
                pad_naar_betaald="Na een half jaar een betaalde aanstelling van 16 uur, als de pilot doorgaat.",
                scholing="ed_gepland",
            ),
        )
        open_plek.werving.filter(stap=WervingStap.Stap.SENIOR_ADVIES).update(status=WervingStap.Status.KLAAR)
        open_plek.werving.filter(stap=WervingStap.Stap.VACATURE).update(status=WervingStap.Status.BEZIG)
