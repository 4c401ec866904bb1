"""The live region of a running session: polled every 2 s, and answered after a vote."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from django_htmx.http import HttpResponseStopPolling

from .. import live, selectors
from ..access import live_toegang
from ..models import Bijeenkomst


def _live_template(scherm):
    return (
        "bijeenkomsten/presentatie.html#live"
        if scherm == "presentatie"
        else "bijeenkomsten/deelnemer_live.html"
    )


def _gedeeld_html(request, b, scherm):
    """What everyone sees rendered once per version, plus the participant's own votes out of band."""
    html = live.gedeeld(
        b.pk,
        b.code,
        b.versie,
        scherm,
        get_language(),
        lambda: render_to_string(
            _live_template(scherm), {**selectors.live_gedeeld(b, scherm=scherm), "gedeeld": True}
        ),
    )
    huidig = selectors.huidig_blok(b)
    if scherm == "deelnemer" and huidig is not None and huidig.neemt_invoer:
        # The personal part (own votes) replaces a placeholder in the shared part.
        html += render_to_string(
            "bijeenkomsten/deelnemer.html#mijn", {**selectors.live_persoonlijk(b, request.user), "oob": True}
        )
    return html


def live_response(request, b, scherm, *, melding="", status=200, vers=False):
    """The live region for htmx. A poll (gedeeld) renders what everyone sees once per version."""
    if not vers:
        b.refresh_from_db()
    if melding:
        context = selectors.live_regio(b, scherm=scherm, user=request.user)
        html = render_to_string(_live_template(scherm), {**context, "melding": melding}, request=request)
    else:
        html = _gedeeld_html(request, b, scherm)
    response = HttpResponse(html, status=status)
    response["ETag"] = live.etag(b.pk, b.versie, scherm)
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def poll(request, pk):
    """The live region, polled every 2 s. Unchanged: 304 without touching session or user.

    Deliberately no @login_required: the signed token stands in for it on the cheap path,
    and a changed version goes through the normal authentication below.
    """
    token = live.read_token(request.GET.get("t", ""), pk)
    version = live.current_version(pk) if token is not None else None
    if version is None:
        raise Http404
    tag = live.etag(pk, version, token.scherm)
    if request.headers.get("If-None-Match") == tag:
        response = HttpResponse(status=304)
        response["ETag"] = tag
        response["Cache-Control"] = "no-store"
        return response
    b = Bijeenkomst.objects.select_related("huidig_blok").filter(pk=pk).first()
    if b is None:
        raise Http404
    if b.is_gesloten:
        # htmx stops polling on this status; the region shows that the session ended.
        html = render_to_string("bijeenkomsten/afgesloten.html#melding", {"bijeenkomst": b}, request=request)
        response = HttpResponseStopPolling(html)
        response["Cache-Control"] = "no-store"
        return response
    if not request.user.is_authenticated or request.user.pk != token.user_id:
        raise Http404
    try:
        live_toegang(request, b, token.scherm)
    except PermissionDenied as denied:
        raise Http404 from denied
    return live_response(request, b, token.scherm, vers=True)
