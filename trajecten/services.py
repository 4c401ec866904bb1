"""Writes that span several models, each in one transaction."""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from .models import Lidmaatschap, Team, Traject, Uitnodiging, WachtwoordHerstel, herstel_token_hash
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


class HerstelOnbruikbaar(Exception):
    """The password link was used, replaced or expired before it could be claimed."""


@transaction.atomic
def herstel_aanmaken(*, door, voor) -> tuple[WachtwoordHerstel, str]:
    """A new one-time password link for `voor` and its token (shown once, stored as a hash).

    An older link for the same person that still works is replaced: it stops working.
    """
    nu = timezone.now()
    WachtwoordHerstel.objects.open().filter(voor=voor).update(vervangen_op=nu)
    token = secrets.token_urlsafe(32)
    herstel = WachtwoordHerstel.objects.create(
        voor=voor, aangemaakt_door=door, aangemaakt_op=nu, token_hash=herstel_token_hash(token)
    )
    return herstel, token


@transaction.atomic
def herstel_gebruiken(*, herstel: WachtwoordHerstel, wachtwoord: str):
    """Claim the link and set the new password (which ends the person's other sessions)."""
    if not WachtwoordHerstel.objects.claim(herstel.pk):
        raise HerstelOnbruikbaar
    user = herstel.voor
    user.set_password(wachtwoord)
    user.save(update_fields=["password"])
    return user


def herstel_melden(*, herstel: WachtwoordHerstel) -> None:
    """Tell the person at their next login (not this one, made by the link itself)."""
    WachtwoordHerstel.objects.filter(pk=herstel.pk).update(te_melden=True)


@transaction.atomic
def herstel_meldingen_afhalen(*, user) -> list[WachtwoordHerstel]:
    """The used links the person has not been told about yet, marked as told."""
    meldingen = list(
        WachtwoordHerstel.objects.filter(voor=user, te_melden=True)
        .select_related("aangemaakt_door")
        .order_by("gebruikt_op")
    )
    WachtwoordHerstel.objects.filter(pk__in=[h.pk for h in meldingen]).update(
        te_melden=False, gemeld_op=timezone.now()
    )
    return meldingen
