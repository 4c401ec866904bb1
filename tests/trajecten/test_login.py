"""Login protection (django-axes with our policy, trajecten/inloggen.py; README "Login throttling")."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import Sum
from django.test import Client

from tests.factories import PASSWORD

LOCK_MESSAGE = "Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw."


def _login(username, password, ip="10.0.0.1", **extra):
    return Client().post(
        "/account/inloggen/", {"username": username, "password": password}, REMOTE_ADDR=ip, **extra
    )


def _limits(settings):
    return {str(parameters): limit for parameters, limit in settings.LOGIN_LOCKS}


def _pair_limit(settings):
    return _limits(settings)["['username', 'ip_address']"]


def test_it_logs_in_and_lands_on_mijn_teams(world):
    response = _login("bob", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_wrong_password_gets_a_dutch_message_and_keeps_the_username(world):
    response = _login("bob", "fout")
    assert response.status_code == 400
    body = response.content.decode()
    assert "klopt niet" in body
    assert 'value="bob"' in body


def test_the_policy_locks_the_pair_first_and_username_and_address_only_much_later(settings):
    limits = _limits(settings)
    assert limits == {"['username', 'ip_address']": 5, "username": 20, "ip_address": 25}


def test_five_failures_lock_username_and_address_together(world, settings):
    for _ in range(_pair_limit(settings) - 1):
        assert _login("bob", "fout").status_code == 400
    # The failure that reaches the limit already says so.
    response = _login("bob", "fout")
    assert response.status_code == 429
    assert LOCK_MESSAGE in response.content.decode()
    # Even the right password is refused while locked: the login page itself, whole, username kept.
    response = _login("bob", PASSWORD)
    assert response.status_code == 429
    body = response.content.decode()
    assert LOCK_MESSAGE in body
    assert 'value="bob"' in body
    assert 'name="password"' in body
    assert "<nav" in body and "app." in body, "the page keeps its menu and stylesheet"
    assert "_auth_user_id" not in Client().session


def test_the_same_username_from_another_address_still_gets_in(world, settings):
    for _ in range(_pair_limit(settings)):
        _login("bob", "fout", ip="10.0.0.1")
    assert _login("bob", PASSWORD, ip="10.0.0.1").status_code == 429
    assert _login("bob", PASSWORD, ip="10.0.0.2").status_code == 302


def test_the_username_alone_locks_only_at_the_high_count(world, settings):
    limit = _limits(settings)["username"]
    # A stranger spreads guesses over many addresses, each below the pair's limit.
    for i in range(limit - 1):
        assert _login("bob", "fout", ip=f"10.1.{i // 4}.{i % 4 + 1}").status_code == 400
    assert _login("bob", "fout", ip="10.1.99.1").status_code == 429
    response = _login("bob", PASSWORD, ip="10.9.9.9")
    assert response.status_code == 429
    assert LOCK_MESSAGE in response.content.decode()
    # Another user is not affected.
    assert _login("alice", PASSWORD, ip="10.9.9.9").status_code == 302


def test_many_failures_from_one_address_lock_that_address(world, settings):
    limit = _limits(settings)["ip_address"]
    for i in range(limit - 1):
        assert _login(f"onbekend{i}", "fout", ip="10.2.2.2").status_code == 400
    assert _login("onbekend-laatste", "fout", ip="10.2.2.2").status_code == 429
    assert _login("alice", PASSWORD, ip="10.2.2.2").status_code == 429
    assert _login("alice", PASSWORD, ip="10.2.2.3").status_code == 302


def test_the_lock_expires(world, settings):
    for _ in range(_pair_limit(settings)):
        _login("bob", "fout")
    assert _login("bob", PASSWORD).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=15)
    )
    assert _login("bob", PASSWORD).status_code == 302


def test_the_message_counts_down_the_minutes(world, settings):
    for _ in range(_pair_limit(settings)):
        _login("bob", "fout")
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=14)
    )
    assert "Probeer het over 1 minuut opnieuw." in _login("bob", PASSWORD).content.decode()


def test_a_successful_login_resets_the_pairs_count(world, settings):
    for _ in range(_pair_limit(settings) - 1):
        assert _login("bob", "fout").status_code == 400
    assert _login("bob", PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username="bob").exists()
    for _ in range(_pair_limit(settings) - 1):
        assert _login("bob", "fout").status_code == 400
    assert _login("bob", "fout").status_code == 429


def test_logging_in_to_ones_own_account_does_not_wipe_guesses_at_another(world, settings):
    for _ in range(_pair_limit(settings) - 1):
        _login("bob", "fout", ip="10.3.3.3")
    assert _login("alice", PASSWORD, ip="10.3.3.3").status_code == 302
    assert _login("bob", "fout", ip="10.3.3.3").status_code == 429


def test_usernames_are_counted_case_insensitively(world, settings):
    for i in range(_pair_limit(settings) - 1):
        _login("BOB" if i % 2 else " bob", "fout")
    assert _login("Bob", "fout").status_code == 429
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {"bob"}


def test_forwarded_for_is_ignored_entirely_by_default(world, settings):
    """No proxies are trusted unless configured: a client on loopback cannot choose its address."""
    assert settings.TRUSTED_PROXIES == []
    limit = _limits(settings)["ip_address"]
    for i in range(limit):
        _login(f"x{i}", "fout", ip="127.0.0.1", HTTP_X_FORWARDED_FOR=f"10.8.8.{i % 250}")
    response = _login("alice", PASSWORD, ip="127.0.0.1", HTTP_X_FORWARDED_FOR="10.8.8.9")
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}


def test_forwarded_for_is_believed_only_from_a_trusted_proxy(world, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    limit = _limits(settings)["ip_address"]
    # A client that forges X-Forwarded-For is still counted by its own address.
    for i in range(limit):
        _login(f"x{i}", "fout", ip="10.3.3.3", HTTP_X_FORWARDED_FOR=f"192.0.2.{i}")
    assert _login("alice", PASSWORD, ip="10.3.3.3").status_code == 429
    # Behind our proxy only the entry nginx appended (the last one) counts, not what the client sent.
    response = _login("onbekend", "fout", ip="127.0.0.1", HTTP_X_FORWARDED_FOR="10.3.3.3, 10.4.4.4")
    assert response.status_code == 400
    assert AccessAttempt.objects.get(username="onbekend").ip_address == "10.4.4.4"
    assert (
        _login("alice", PASSWORD, ip="127.0.0.1", HTTP_X_FORWARDED_FOR="10.3.3.3, 10.4.4.4").status_code
        == 302
    )
    # A last entry that is no address falls back to the peer, without an error.
    response = _login("onbekend2", "fout", ip="127.0.0.1", HTTP_X_FORWARDED_FOR="10.3.3.3, abc")
    assert response.status_code == 400
    assert AccessAttempt.objects.get(username="onbekend2").ip_address == "127.0.0.1"


def test_the_lock_message_is_english_in_english(world, settings):
    for _ in range(_pair_limit(settings)):
        _login("bob", "fout")
    response = Client(headers={"Cookie": f"{settings.LANGUAGE_COOKIE_NAME}=en"}).post(
        "/account/inloggen/", {"username": "bob", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1"
    )
    assert response.status_code == 429
    assert "Too many failed attempts. Try again in 15 minutes." in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_concurrent_failures_are_all_counted(world, settings):
    """Threads stand in for several app processes sharing the database."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the race only exists on PostgreSQL")
    settings.LOGIN_LOCKS = [(["username", "ip_address"], 1000), ("username", 1000), ("ip_address", 1000)]
    settings.AXES_FAILURE_LIMIT = 1000

    def fail(i):
        try:
            return _login("bob", "fout", ip=f"10.5.0.{i % 3}").status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        codes = list(pool.map(fail, range(24)))
    assert codes == [400] * 24
    total = AccessAttempt.objects.filter(username="bob").aggregate(n=Sum("failures_since_start"))["n"]
    assert total == 24
