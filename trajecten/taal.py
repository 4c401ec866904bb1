"""The interface language: Dutch unless the person chose otherwise with the language switch.

Django's LocaleMiddleware falls back on the browser's Accept-Language, so a phone without a
Dutch locale got the English interface without anyone asking for it. Here the order is:

1. the language cookie, set by the switch and, at every login, from the choice stored on the
   account (`Taalkeuze`), so the choice follows the person to a new phone at no cost per
   request: reading the session here would add a query to every request, the live poll's
   unchanged answer (one indexed query) included;
2. settings.LANGUAGE_CODE (Dutch), whatever the browser says.
"""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import translation

from .models import Taalkeuze


def is_bekend(code: str | None) -> bool:
    return code in dict(settings.LANGUAGES)


def taal_van(request) -> str:
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return code if is_bekend(code) else settings.LANGUAGE_CODE


def keuze_opslaan(request, code: str) -> None:
    """Remember a valid choice for the account of a logged-in person."""
    if request.user.is_authenticated and is_bekend(code):
        Taalkeuze.objects.update_or_create(user=request.user, defaults={"taal": code})


@receiver(user_logged_in, dispatch_uid="trajecten.taal.bij_inloggen")
def bij_inloggen(sender, request, user, **kwargs):
    if request is None:
        return
    code = Taalkeuze.objects.filter(user=user).values_list("taal", flat=True).first()
    if is_bekend(code):
        # TaalMiddleware writes it into the language cookie on the way out.
        request.taal_na_inloggen = code
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
        gekozen = getattr(request, "taal_na_inloggen", None)
        if gekozen:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                gekozen,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            )
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
