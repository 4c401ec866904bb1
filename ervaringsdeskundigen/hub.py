"""What this app gives the hub: signal rules, progress, the plan section, the trajectory export,
the trajectory link, personal data and demo data, registered when the hub imports this module
(`autodiscover_modules("hub")` in trajecten/apps.py). The reads live in selectors.py, the signal
rules in rules.py; none of them reads the sensitive profile.

Personal data, export and erasure (decisions):
- A place the person filled stays (it is the organisation's plan), marked as filled by someone
  without an account, so it is neither shown with a name nor mistaken for a vacancy.
- Consent records, the sensitive profile and all grants (given and received) are deleted.
- Audit entries are kept, as NEN 7513 asks, but their links to the person are cleared; the
  keyed pseudonym stays so the log remains complete without naming anyone (GDPR art. 17(3)(b)
  and (e): retention for a legal obligation and for legal claims).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trajecten import registries
from trajecten.registries import PersonalData, PlanSection, ProgressSource, TrajectExport, TrajectLink
from trajecten.weergave import weergavenaam

from . import rules, selectors
from .models import (
    AuditRegel,
    Ervaringsprofiel,
    Inzagerecht,
    Plek,
    Positie,
    Statuut,
    Toestemming,
    WervingStap,
)
from .selectors import plek_gegevens
from .services import inzage_geven, plek_opslaan, profiel_opslaan

# -- personal data ---------------------------------------------------------------


def _naam(user):
    if user is None:
        return None
    return weergavenaam(user)


def _plekken(user):
    rows = []
    for plek in (
        Plek.objects.filter(Q(ervaringsdeskundige=user) | Q(tandem_partner=user))
        .select_related("traject__team", "ervaringsdeskundige")
        .order_by("pk")
    ):
        rows.append(
            {
                "als": "ervaringsdeskundige" if plek.ervaringsdeskundige_id == user.pk else "tandempartner",
                "traject": plek.traject.titel,
                "team": plek.traject.team.naam,
                **plek_gegevens(plek),
                "scholing_toelichting": plek.scholing_toelichting,
            }
        )
    return rows


def _plekken_wissen(user):
    Plek.objects.filter(ervaringsdeskundige=user).update(
        ervaringsdeskundige=None, ingevuld_zonder_account=True
    )
    Plek.objects.filter(tandem_partner=user).update(tandem_partner=None)


def _profiel(user):
    return [
        {
            "ervaringsthema": p.ervaringsthema,
            "ervaringsverhaal": p.ervaringsverhaal,
            "gewijzigd_op": p.gewijzigd_op.isoformat(),
        }
        for p in Ervaringsprofiel.objects.filter(user=user)
    ]


def _toestemmingen(user):
    return [
        {
            "tekst": t.tekst,
            "versie": t.versie,
            "gegeven_op": t.gegeven_op.isoformat(),
            "ingetrokken_op": t.ingetrokken_op.isoformat() if t.ingetrokken_op else None,
        }
        for t in Toestemming.objects.filter(user=user)
    ]


def _inzage(user):
    return [
        {
            "richting": "gegeven" if r.eigenaar_id == user.pk else "ontvangen",
            "persoon": _naam(r.ontvanger if r.eigenaar_id == user.pk else r.eigenaar),
            "sinds": r.gegeven_op.isoformat(),
        }
        for r in Inzagerecht.objects.filter(Q(eigenaar=user) | Q(ontvanger=user)).select_related(
            "eigenaar", "ontvanger"
        )
    ]


def _audit(user):
    return [
        {
            "tijd": r.tijd.isoformat(),
            "wie": _naam(r.actor) or r.actor_pseudoniem,
            "namens": r.namens,
            "over_wie": _naam(r.betrokkene) or r.betrokkene_pseudoniem,
            "actie": r.actie,
            "onderdeel": r.onderdeel,
        }
        for r in AuditRegel.objects.filter(Q(actor=user) | Q(betrokkene=user)).select_related(
            "actor", "betrokkene"
        )
    ]


def _audit_wissen(user):
    AuditRegel.objects.filter(actor=user).update(actor=None)
    AuditRegel.objects.filter(betrokkene=user).update(betrokkene=None)


# -- demo ----------------------------------------------------------------------


def demo(traject) -> None:
    """Two places for demo team Herstel Noord: one filled by `teamlid`, one open and being recruited."""
    if traject.team.naam != "Herstel Noord":
        return
    teamlid = get_user_model().objects.filter(username="teamlid").first()
    if not Plek.objects.filter(traject=traject, titel="Ervaringsdeskundige herstel").exists():
        _demo_plek_herstel(traject, teamlid)
    if teamlid is not None and not Toestemming.objects.filter(user=teamlid).exists():
        _demo_profiel(teamlid)
    if not Plek.objects.filter(traject=traject, titel="Ervaringsdeskundige wijkteam").exists():
        _demo_plek_wijkteam(traject)


def _demo_plek_herstel(traject, teamlid) -> None:
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


def _demo_profiel(teamlid) -> None:
    """A made-up profile, shared with the begeleider, so the demo shows consent, inzage and the log."""
    profiel_opslaan(
        user=teamlid,
        ervaringsthema="Herstel na psychische kwetsbaarheid (demo)",
        ervaringsverhaal="Dit is een verzonnen voorbeeld voor de demo.",
        toestemming_gegeven=True,
    )
    begeleider = get_user_model().objects.filter(username="begeleider").first()
    if begeleider is not None:
        inzage_geven(eigenaar=teamlid, ontvanger=begeleider)


def _demo_plek_wijkteam(traject) -> None:
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


# -- registrations ---------------------------------------------------------------

for entry in (
    PersonalData(model=Plek, export=_plekken, erase=_plekken_wissen, label="ED-plekken"),
    PersonalData(
        model=Ervaringsprofiel,
        export=_profiel,
        erase=lambda user: Ervaringsprofiel.objects.filter(user=user).delete(),
        label="Ervaringsprofiel",
    ),
    PersonalData(
        model=Toestemming,
        export=_toestemmingen,
        # The profile points to its consent (PROTECT), so it goes first.
        erase=lambda user: (
            Ervaringsprofiel.objects.filter(user=user).delete(),
            Toestemming.objects.filter(user=user).delete(),
        ),
        label="Toestemmingen",
    ),
    PersonalData(
        model=Inzagerecht,
        export=_inzage,
        erase=lambda user: Inzagerecht.objects.filter(Q(eigenaar=user) | Q(ontvanger=user)).delete(),
        label="Inzagerechten",
    ),
    PersonalData(model=AuditRegel, export=_audit, erase=_audit_wissen, label="Auditlog"),
):
    registries.register_personal_data(entry)
for rule in rules.SIGNAL_RULES:
    registries.register_signal_rule(rule)
registries.register_progress(
    ProgressSource(key="ed-plekken", label=_("ED-plekken ingevuld"), order=40, compute=selectors.voortgang)
)
registries.register_plan_section(
    PlanSection(
        key="ed-plekken",
        title=_("Ervaringsdeskundigen: plaatsing en ondersteuning"),
        order=40,
        context=selectors.plan_context,
        template="ervaringsdeskundigen/plan_sectie.html",
    )
)
registries.register_traject_export(
    TrajectExport(key="ed-plekken", label=_("ED-plekken"), order=40, rows=selectors.export_rows)
)
registries.register_traject_link(
    TrajectLink(
        key="ervaringsdeskundigen",
        label=_("Ervaringsdeskundigen"),
        url_name="ervaringsdeskundigen:plekken",
        order=40,
        description=_("Plekken voor ervaringsdeskundigen: rollen, plaatsing, ondersteuning en werving."),
    )
)
registries.register_demo(demo)
