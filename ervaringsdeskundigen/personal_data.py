"""Export and erasure of what this app holds about a person (registered in apps.ready()).

Decisions:
- A place the person filled stays (it is the organisation's plan), marked as filled by someone
  without an account, so it is neither shown with a name nor mistaken for a vacancy.
- Consent records, the sensitive profile and all grants (given and received) are deleted.
- Audit entries are kept, as NEN 7513 asks, but their links to the person are cleared; the
  keyed pseudonym stays so the log remains complete without naming anyone (GDPR art. 17(3)(b)
  and (e): retention for a legal obligation and for legal claims).
"""

from django.db.models import Q

from trajecten.registries import PersonalData, register_personal_data
from trajecten.weergave import weergavenaam

from .models import AuditRegel, Ervaringsprofiel, Inzagerecht, Plek, Toestemming
from .selectors import plek_gegevens


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


def register():
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
        register_personal_data(entry)
