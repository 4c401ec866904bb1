"""Writes that span several models, each in one transaction."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from .models import Lidmaatschap, Team, Traject, Uitnodiging
from .registries import personal_data_entries


class UitnodigingOnbruikbaar(Exception):
    """The invite was revoked, expired or used up before it could be claimed."""


def uitnodiging_aanmaken(*, team: Team, door, rol: str, max_gebruik: int, verloopt_op) -> Uitnodiging:
    return Uitnodiging.objects.create(
        team=team, rol=rol, aangemaakt_door=door, max_gebruik=max_gebruik, verloopt_op=verloopt_op
    )


@transaction.atomic
def lid_worden(
    *, uitnodiging: Uitnodiging, user=None, account: dict[str, Any] | None = None, perspectief: str
) -> Lidmaatschap:
    """Claim one use of the invite and make the (new or existing) user a member.

    Either everything is written or nothing: a failed claim rolls back the account.
    """
    if not Uitnodiging.objects.claim(uitnodiging.pk):
        raise UitnodigingOnbruikbaar
    if user is None:
        assert account is not None
        user = get_user_model().objects.create_user(
            username=account["username"],
            password=account["password"],
            first_name=account["first_name"],
        )
    lid, created = Lidmaatschap.objects.get_or_create(
        user=user,
        team=uitnodiging.team,
        defaults={"rol": uitnodiging.rol, "perspectief": perspectief, "via_uitnodiging": uitnodiging},
    )
    if not created:
        # Already a member: give the use back, change nothing.
        transaction.set_rollback(True)
    return lid


@transaction.atomic
def traject_starten(*, team: Team, titel: str, startdatum: date, status: str, begeleiders) -> Traject:
    traject = Traject.objects.create(team=team, titel=titel, startdatum=startdatum, status=status)
    traject.begeleiders.set(begeleiders)
    return traject


def persoonsgegevens_export(user) -> dict[str, Any]:
    """Everything the app holds about a person, from every registered model."""
    data: dict[str, Any] = {
        "account": {
            "gebruikersnaam": user.username,
            "voornaam": user.first_name,
            "achternaam": user.last_name,
            "email": user.email,
            "aangemaakt_op": user.date_joined.isoformat(),
            "laatst_ingelogd": user.last_login.isoformat() if user.last_login else None,
        }
    }
    for entry in personal_data_entries():
        data[entry.model._meta.label] = entry.export(user)
    return data


@transaction.atomic
def persoon_wissen(user) -> None:
    """Erase a person: every app removes or anonymises its rows, then the account goes."""
    for entry in personal_data_entries():
        entry.erase(user)
    user.delete()
