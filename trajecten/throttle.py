"""Login throttling whose state lives in the database, shared by every process.

Policy (also in the README): after LOGIN_THROTTLE_USER_LIMIT failed logins for
one username within LOGIN_THROTTLE_WINDOW seconds, that username is locked for
LOGIN_THROTTLE_LOCKOUT seconds, from every address. After LOGIN_THROTTLE_IP_LIMIT
failures from one address in the window, that address is locked likewise.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import LoginThrottle


def client_ip(request) -> str:
    """The client's address; X-Forwarded-For is trusted only from our own proxies."""
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = getattr(settings, "TRUSTED_PROXIES", [])
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if remote in trusted and forwarded:
        return forwarded.split(",")[-1].strip()
    return remote


def _keys(username: str, ip: str) -> list[tuple[str, int]]:
    keys = [(f"ip:{ip}"[:200], settings.LOGIN_THROTTLE_IP_LIMIT)]
    if username:
        keys.append((f"user:{username.strip().lower()}"[:200], settings.LOGIN_THROTTLE_USER_LIMIT))
    return keys


def locked_for(username: str, ip: str) -> int:
    """Seconds until a login may be tried again; 0 when not locked."""
    now = timezone.now()
    keys = [key for key, _ in _keys(username, ip)]
    until = (
        LoginThrottle.objects.filter(key__in=keys, locked_until__gt=now)
        .order_by("-locked_until")
        .values_list("locked_until", flat=True)
        .first()
    )
    return max(1, int((until - now).total_seconds())) if until else 0


def register_failure(username: str, ip: str) -> None:
    now = timezone.now()
    window_start = now - timedelta(seconds=settings.LOGIN_THROTTLE_WINDOW)
    for key, limit in _keys(username, ip):
        try:
            with transaction.atomic():
                LoginThrottle.objects.get_or_create(key=key)
        except IntegrityError:
            pass  # created by a concurrent request
        # Start a new window when the old one has passed (conditional, so concurrent
        # requests agree), then count this failure atomically.
        LoginThrottle.objects.filter(key=key, window_start__lt=window_start).update(
            failures=0, window_start=now, locked_until=None
        )
        LoginThrottle.objects.filter(key=key).update(failures=F("failures") + 1)
        LoginThrottle.objects.filter(key=key, failures__gte=limit, locked_until__isnull=True).update(
            locked_until=now + timedelta(seconds=settings.LOGIN_THROTTLE_LOCKOUT)
        )
        LoginThrottle.objects.filter(key=key, locked_until__lte=now).update(
            failures=1, window_start=now, locked_until=None
        )


def register_success(username: str) -> None:
    LoginThrottle.objects.filter(key=f"user:{username.strip().lower()}"[:200]).delete()
