"""Writes that span several models, each in one transaction; sensitive writes are audited here."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from trajecten.models import Traject
from trajecten.services import persoon_wissen, persoonsgegevens_export

from .models import (
    TOESTEMMING_TEKST,
    TOESTEMMING_VERSIE,
    AuditRegel,
    Ervaringsprofiel,
    Inzagerecht,
    Plek,
    Toestemming,
    WervingStap,
    pseudoniem,
)
from .privacy import EIGEN_GEGEVENS, log


@transaction.atomic
def plek_opslaan(*, plek: Plek, traject: Traject) -> Plek:
    """Save a new or changed place; an open place gets the recruitment steps it lacks."""
    plek.traject = traject
    plek.save()
    if not plek.is_ingevuld:
        bestaand = set(plek.werving.values_list("stap", flat=True))
        WervingStap.objects.bulk_create(
            [WervingStap(plek=plek, stap=stap) for stap in WervingStap.Stap.values if stap not in bestaand]
        )
    traject.touch()
    return plek


@transaction.atomic
def profiel_opslaan(*, user, ervaringsthema: str, ervaringsverhaal: str, toestemming_gegeven: bool) -> None:
    """Store the sensitive profile; records consent first when it is given now.

    The form refuses content without consent; this guard keeps the rule when called elsewhere.
    """
    toestemming = Toestemming.actief_voor(user)
    if toestemming is None or toestemming.versie != TOESTEMMING_VERSIE:
        # No consent, or consent to an older text: a write needs consent to the current text.
        if not toestemming_gegeven:
            raise PermissionError("Geen toestemming: gevoelige gegevens worden niet bewaard.")
        if toestemming is not None:
            Toestemming.objects.filter(pk=toestemming.pk).update(ingetrokken_op=timezone.now())
        toestemming = Toestemming.objects.create(
            user=user, tekst=str(TOESTEMMING_TEKST), versie=TOESTEMMING_VERSIE
        )
        log(
            actor=user,
            betrokkene=user,
            actie=AuditRegel.Actie.WIJZIGEN,
            namens=EIGEN_GEGEVENS,
            onderdeel=f"toestemming gegeven (versie {TOESTEMMING_VERSIE})",
        )
    profiel = Ervaringsprofiel.objects.filter(user=user).first() or Ervaringsprofiel(user=user)
    gewijzigd = [
        veld
        for veld, waarde in (("ervaringsthema", ervaringsthema), ("ervaringsverhaal", ervaringsverhaal))
        if getattr(profiel, veld) != waarde
    ]
    profiel.toestemming = toestemming
    profiel.ervaringsthema = ervaringsthema
    profiel.ervaringsverhaal = ervaringsverhaal
    profiel.save()
    if gewijzigd:
        log(
            actor=user,
            betrokkene=user,
            actie=AuditRegel.Actie.WIJZIGEN,
            namens=EIGEN_GEGEVENS,
            onderdeel=", ".join(gewijzigd),
        )


@transaction.atomic
def toestemming_intrekken(*, user) -> bool:
    """Withdraw consent: the sensitive profile is erased at once. False when there was none."""
    toestemming = Toestemming.actief_voor(user)
    if toestemming is None:
        return False
    Ervaringsprofiel.objects.filter(user=user).delete()
    Toestemming.objects.filter(pk=toestemming.pk).update(ingetrokken_op=timezone.now())
    log(
        actor=user,
        betrokkene=user,
        actie=AuditRegel.Actie.WISSEN,
        namens=EIGEN_GEGEVENS,
        onderdeel="toestemming ingetrokken; " + ", ".join(Ervaringsprofiel.GEVOELIGE_VELDEN),
    )
    return True


@transaction.atomic
def inzage_geven(*, eigenaar, ontvanger) -> Inzagerecht:
    recht, created = Inzagerecht.objects.get_or_create(eigenaar=eigenaar, ontvanger=ontvanger)
    if created:
        log(
            actor=eigenaar,
            betrokkene=eigenaar,
            actie=AuditRegel.Actie.WIJZIGEN,
            namens=EIGEN_GEGEVENS,
            onderdeel=f"inzage gegeven aan {_ref(ontvanger)}",
        )
    return recht


@transaction.atomic
def inzage_intrekken(*, recht: Inzagerecht) -> None:
    log(
        actor=recht.eigenaar,
        betrokkene=recht.eigenaar,
        actie=AuditRegel.Actie.WIJZIGEN,
        namens=EIGEN_GEGEVENS,
        onderdeel=f"inzage ingetrokken voor {_ref(recht.ontvanger)}",
    )
    recht.delete()


def _ref(user) -> str:
    # The audit text names a third person only by pseudonym, so erasing them leaves no name behind.
    return pseudoniem(user)


@transaction.atomic
def gegevens_exporteren(*, user) -> dict[str, Any]:
    """Everything the app holds about `user`; the download itself is logged (and included)."""
    log(
        actor=user,
        betrokkene=user,
        actie=AuditRegel.Actie.EXPORTEREN,
        namens=EIGEN_GEGEVENS,
        onderdeel="alle persoonsgegevens (JSON)",
    )
    return persoonsgegevens_export(user)


@transaction.atomic
def account_wissen(*, user) -> None:
    """Erase the person everywhere; the audit log keeps a pseudonymous record that it happened."""
    log(
        actor=user,
        betrokkene=user,
        actie=AuditRegel.Actie.WISSEN,
        namens=EIGEN_GEGEVENS,
        onderdeel="account en alle persoonsgegevens",
    )
    persoon_wissen(user)
