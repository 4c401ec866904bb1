"""Login protection on django-axes: our policy (README, "Login throttling") in four small hooks.

Axes counts failed logins per lockout parameter (settings.LOGIN_LOCKS: username and address
together, username alone, address alone) but has one failure limit for all of them. Ours
differ per parameter, so that a stranger who knows a username cannot lock its owner out with
a few wrong passwords: `Handler.get_failures` scales each count to axes' limit.
"""

import ipaddress
from datetime import datetime, timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import ngettext


def client_ip(request) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the peer's address; the last X-Forwarded-For entry (the one
    nginx appended) only when the peer is one of our own proxies (TRUSTED_PROXIES, empty by
    default, so in development the header is ignored altogether)."""
    remote = request.META.get("REMOTE_ADDR") or None
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if remote in settings.TRUSTED_PROXIES and forwarded:
        last = forwarded.split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(last))
        except ValueError:
            return remote
    return remote


def username(request, credentials) -> str | None:
    """AXES_USERNAME_CALLABLE: usernames are counted case-insensitively, as typed at login."""
    raw = (credentials or request.POST).get("username")
    if raw is None:
        return None
    return raw.strip().lower().replace("\0", "")[:255]


class Handler(AxesDatabaseHandler):
    """AXES_HANDLER: axes' database handler with a limit per lockout parameter."""

    def _counts(self, request, credentials) -> list[tuple[int, datetime | None, int]]:
        """(failures, last failure, own limit) for each lockout parameter of this request."""
        counts = []
        limits = [limit for _parameters, limit in settings.LOGIN_LOCKS]
        for attempts, limit in zip(self.get_user_attempts(request, credentials), limits, strict=True):
            found = attempts.aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            counts.append((found["failures"] or 0, found["last"], limit))
        return counts

    def get_failures(self, request, credentials=None) -> int:
        """The failures on the scale of AXES_FAILURE_LIMIT, which axes compares this with: a
        count reaches axes' limit exactly when it reaches its own (floor(n * F / L) >= F iff n >= L)."""
        scale = settings.AXES_FAILURE_LIMIT
        return max(failures * scale // limit for failures, _last, limit in self._counts(request, credentials))

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A successful login proves this person at this address only: it resets the pair's
        count, not the address's (else one's own account would wipe the guesses at another)."""
        deleted, _ = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials), ip_address=request.axes_ip_address
        ).delete()
        return deleted

    def locked_for(self, request, credentials) -> timedelta:
        """How long the lock of this request lasts (zero when there is none)."""
        ends = [
            last + get_cool_off(request)
            for failures, last, limit in self._counts(request, credentials)
            if failures >= limit and last
        ]
        return max([end - timezone.now() for end in ends] + [timedelta(0)])


def lockout_response(request, original_response, credentials):
    """AXES_LOCKOUT_CALLABLE: the page that was asked for stays whole (the login form, or the
    password confirmation, says why itself: see `melding`), answered with 429."""
    original_response.status_code = 429
    return original_response


def melding(request, naam: str) -> str:
    """The Dutch message of a lock, with the minutes it still lasts."""
    wait = AxesProxyHandler.get_implementation().locked_for(request, {"username": naam})
    minuten = max(1, round(wait.total_seconds() / 60))
    return ngettext(
        "Te veel mislukte pogingen. Probeer het over %(min)s minuut opnieuw.",
        "Te veel mislukte pogingen. Probeer het over %(min)s minuten opnieuw.",
        minuten,
    ) % {"min": minuten}


def is_geblokkeerd(request) -> bool:
    """Whether axes refused or just locked this request's login attempt."""
    return bool(getattr(request, "axes_locked_out", False))
