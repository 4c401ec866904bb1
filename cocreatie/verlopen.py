"""An htmx request whose login or page expired while someone was typing.

A plain request keeps Django's own answers (the login redirect, the CSRF 403 page). An htmx
request would get them swapped into a form, or follow the redirect to a login page inside
the form, so it gets a client redirect instead (`HX-Redirect`) with the event
`tekst-bewaren` first (`HX-Trigger`, which htmx handles before the redirect): static/js/fouten.js
saves the form's text in sessionStorage and puts it back after login, on the same page.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.shortcuts import resolve_url
from django.views.csrf import csrf_failure as django_csrf_failure
from django_htmx.http import HttpResponseClientRedirect, trigger_client_event

EVENT = "tekst-bewaren"


def _deze_pagina(request) -> str:
    """The page the person was on (from htmx's HX-Current-URL, our own host only), no fragment."""
    url = request.htmx.current_url_abs_path or resolve_url(settings.LOGIN_REDIRECT_URL)
    return urlunsplit(urlsplit(url)._replace(fragment=""))


def _naar(request, url: str):
    return trigger_client_event(HttpResponseClientRedirect(url), EVENT)


def naar_inloggen(request):
    """Log in again, then back to the page (not the POST-only URL that was asked)."""
    return _naar(request, f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': _deze_pagina(request)})}")


class HtmxLoginMiddleware:
    """Turns login_required's redirect of an htmx request into a client redirect to log in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            getattr(request, "htmx", False)
            and response.status_code in (301, 302, 303)
            and urlsplit(response.get("Location", "")).path == resolve_url(settings.LOGIN_URL)
        ):
            return naar_inloggen(request)
        return response


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: for htmx, log in again (session gone) or reload the page (stale token)."""
    if not getattr(request, "htmx", False):
        return django_csrf_failure(request, reason=reason)
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return naar_inloggen(request)
    return _naar(request, _deze_pagina(request))
