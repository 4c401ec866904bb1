"""One access helper per object type. Every view starts with one of these.

Outsiders get a 404 (the object's existence is not revealed); members without
the required role get a 403.
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Subquery
from django.http import Http404

from .models import Lidmaatschap, Organisatie, Rol, Team, Traject

BEGELEIDER = frozenset({Rol.BEGELEIDER})
BEGELEIDER_OF_LEIDINGGEVENDE = frozenset({Rol.BEGELEIDER, Rol.LEIDINGGEVENDE})


def _with_role(qs, user, team_path: str):
    prefix = f"{team_path}__" if team_path else ""
    team_ref = OuterRef(team_path or "pk")
    return qs.annotate(
        _lid_rol=Subquery(Lidmaatschap.objects.filter(team=team_ref, user=user).values("rol")[:1]),
        _is_leidinggevende=Exists(
            Organisatie.leidinggevenden.through.objects.filter(
                organisatie=OuterRef(f"{prefix}organisatie"), user=user
            )
        ),
    )


def _check(obj, roles: Iterable[str] | None) -> str:
    rol = obj._lid_rol or (Rol.LEIDINGGEVENDE if obj._is_leidinggevende else None)
    if rol is None:
        raise Http404
    if roles is not None and rol not in roles:
        raise PermissionDenied
    return rol


def _met_rol(request, qs, pk, team_path: str, roles: Iterable[str] | None):
    if not request.user.is_authenticated:
        raise Http404
    obj = _with_role(qs, request.user, team_path).filter(pk=pk).first()
    if obj is None:
        raise Http404
    obj.rol = _check(obj, roles)
    return obj


def team_for(request, pk, *, roles: Iterable[str] | None = None) -> Team:
    """The team with its organisation, `team.rol` set to the user's role (one query)."""
    return _met_rol(request, Team.objects.select_related("organisatie"), pk, "", roles)


def traject_for(request, pk, *, roles: Iterable[str] | None = None) -> Traject:
    """The trajectory with team and organisation, `traject.rol` set (one query)."""
    traject = _met_rol(request, Traject.objects.select_related("team__organisatie"), pk, "team", roles)
    traject.team.rol = traject.rol
    return traject


def organisatie_for(request, pk) -> Organisatie:
    """An organisation, for its leidinggevenden only."""
    if not request.user.is_authenticated:
        raise Http404
    org = Organisatie.objects.filter(pk=pk, leidinggevenden=request.user).first()
    if org is None:
        raise Http404
    return org
