"""Access to a session: through its trajectory (members), or as this session's guest."""

from collections.abc import Iterable

from django.http import Http404

from trajecten.access import BEGELEIDER, traject_for

from .models import Bijeenkomst, Deelname


def bijeenkomst_for(request, pk, *, roles: Iterable[str] | None = None) -> Bijeenkomst:
    """The session with `traject` (role set) attached; 404 for outsiders, 403 for a wrong role."""
    if not request.user.is_authenticated:
        raise Http404
    bijeenkomst = Bijeenkomst.objects.filter(pk=pk).first()
    if bijeenkomst is None:
        raise Http404
    bijeenkomst.traject = traject_for(request, bijeenkomst.traject_id, roles=roles)
    bijeenkomst.rol = bijeenkomst.traject.rol
    bijeenkomst.is_gast = False
    return bijeenkomst


def deelnemer_for(request, pk) -> Bijeenkomst:
    """For the participant pages: every member of the trajectory, and this session's guests.

    A guest has no membership, so every other page of the app is a 404 for them.
    """
    if not request.user.is_authenticated:
        raise Http404
    gast = (
        Deelname.objects.filter(bijeenkomst_id=pk, user=request.user, is_gast=True)
        .select_related("bijeenkomst__traject")
        .first()
    )
    if gast is not None:
        bijeenkomst = gast.bijeenkomst
        bijeenkomst.rol = None
        bijeenkomst.is_gast = True
        return bijeenkomst
    return bijeenkomst_for(request, pk)


def live_toegang(request, bijeenkomst: Bijeenkomst, scherm: str) -> None:
    """The full check behind a changed poll, on an already loaded session (one query for members).

    The presenter screen needs a begeleider; the participant screen any member, else a
    guest of this very session.
    """
    if scherm == "presentatie":
        bijeenkomst.traject = traject_for(request, bijeenkomst.traject_id, roles=BEGELEIDER)
        return
    try:
        bijeenkomst.traject = traject_for(request, bijeenkomst.traject_id)
    except Http404:
        if not Deelname.objects.filter(bijeenkomst=bijeenkomst, user=request.user, is_gast=True).exists():
            raise
