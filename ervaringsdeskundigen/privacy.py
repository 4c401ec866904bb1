"""The one read path for sensitive data, and the audit log that every such read or write goes through.

Views never query `Ervaringsprofiel` themselves: they call `gevoelig_profiel`, which checks the
grant and writes the audit entry. Lists, the plan section and the trajectory export do not
touch the profile at all.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from .models import AuditRegel, Ervaringsprofiel, Inzagerecht, pseudoniem

EIGEN_GEGEVENS = "eigen gegevens"


def log(*, actor, betrokkene, actie: str, namens: str, onderdeel: str) -> AuditRegel:
    regel = AuditRegel(
        tijd=timezone.now(),
        actor=actor,
        actor_pseudoniem=pseudoniem(actor),
        betrokkene=betrokkene,
        betrokkene_pseudoniem=pseudoniem(betrokkene),
        actie=actie,
        namens=namens[:300],
        onderdeel=onderdeel[:300],
    )
    regel.zegel = regel.bereken_zegel()
    regel.save()
    return regel


def mag_gevoelig_zien(viewer, eigenaar) -> bool:
    """Only the person themselves, and whoever they granted inzage."""
    if viewer is None or eigenaar is None or not viewer.is_authenticated:
        return False
    if viewer.pk == eigenaar.pk:
        return True
    return Inzagerecht.objects.filter(eigenaar=eigenaar, ontvanger=viewer).exists()


def gevoelig_profiel(*, viewer, eigenaar, namens: str) -> Ervaringsprofiel | None:
    """The sensitive profile of `eigenaar` if `viewer` may see it (and it holds something).

    Every time it returns a profile, the view is written to the audit log.
    """
    if not mag_gevoelig_zien(viewer, eigenaar):
        return None
    profiel = Ervaringsprofiel.objects.filter(user=eigenaar).first()
    if profiel is None or profiel.is_leeg:
        return None
    log(
        actor=viewer,
        betrokkene=eigenaar,
        actie=AuditRegel.Actie.BEKIJKEN,
        namens=EIGEN_GEGEVENS if viewer.pk == eigenaar.pk else namens,
        onderdeel=", ".join(veld for veld in Ervaringsprofiel.GEVOELIGE_VELDEN if getattr(profiel, veld)),
    )
    return profiel


def inzage_kandidaten(user):
    """People who may receive inzage: those who share a team with `user`, or lead its organisation."""
    from trajecten.models import Lidmaatschap, Organisatie

    teams = Lidmaatschap.objects.filter(user=user).values("team")
    leden = Lidmaatschap.objects.filter(team__in=teams).values("user")
    leiding = Organisatie.leidinggevenden.through.objects.filter(organisatie__teams__in=teams).values("user")
    return (
        get_user_model()
        .objects.filter(Q(pk__in=leden) | Q(pk__in=leiding))
        .exclude(pk=user.pk)
        .order_by("first_name", "username")
    )
