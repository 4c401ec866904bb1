"""The interface language: Dutch unless the person chose otherwise with the language switch.

Django's LocaleMiddleware falls back on the browser's Accept-Language, so a phone without a
Dutch locale got the English interface without anyone asking for it. Here the order is:

1. the choice stored on the account (`Taalkeuze`), copied into the session at login, so it
   costs no query per request (the session is read for the logged-in user anyway);
2. the language cookie set by the switch (anonymous visitors, and after logging out);
3. settings.LANGUAGE_CODE (Dutch), whatever the browser says.
"""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import translation

from .models import Taalkeuze

SESSION_KEY = "taal"


def is_bekend(code: str | None) -> bool:
    return code in dict(settings.LANGUAGES)


def taal_van(request) -> str:
    for code in (request.session.get(SESSION_KEY), request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)):
        if is_bekend(code):
            return code
    return settings.LANGUAGE_CODE


def keuze_opslaan(request, code: str) -> None:
    """Remember a valid choice for the account of a logged-in person (and in their session)."""
    if request.user.is_authenticated and is_bekend(code):
        Taalkeuze.objects.update_or_create(user=request.user, defaults={"taal": code})
        request.session[SESSION_KEY] = code


@receiver(user_logged_in, dispatch_uid="trajecten.taal.bij_inloggen")
def bij_inloggen(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    code = Taalkeuze.objects.filter(user=user).values_list("taal", flat=True).first()
    if is_bekend(code):
        request.session[SESSION_KEY] = code
        translation.activate(code)
        request.LANGUAGE_CODE = code


class TaalMiddleware:
    """In place of django.middleware.locale.LocaleMiddleware (which asks the browser)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        code = taal_van(request)
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
