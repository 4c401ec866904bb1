from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.factories import PASSWORD
from trajecten.models import LoginThrottle


def _login(client, username, password, ip="10.0.0.1"):
    return client.post("/account/inloggen/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_it_logs_in_and_lands_on_mijn_teams(world):
    response = _login(Client(), "bob", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_wrong_password_gets_a_dutch_message_and_keeps_the_username(world):
    response = _login(Client(), "bob", "fout")
    assert response.status_code == 400
    body = response.content.decode()
    assert "klopt niet" in body
    assert 'value="bob"' in body


def test_five_failures_lock_the_username_from_any_address(world, settings):
    for i in range(settings.LOGIN_THROTTLE_USER_LIMIT):
        assert _login(Client(), "bob", "fout", ip=f"10.0.0.{i + 1}").status_code == 400
    # Even the right password from a new address is refused while locked.
    response = _login(Client(), "bob", PASSWORD, ip="10.9.9.9")
    assert response.status_code == 429
    assert "te vaak" in response.content.decode()
    # Another user is not affected.
    assert _login(Client(), "alice", PASSWORD, ip="10.9.9.9").status_code == 302


def test_many_failures_from_one_address_lock_that_address(world, settings):
    settings.LOGIN_THROTTLE_USER_LIMIT = 1000
    for i in range(settings.LOGIN_THROTTLE_IP_LIMIT):
        _login(Client(), f"onbekend{i}", "fout", ip="10.1.1.1")
    assert _login(Client(), "alice", PASSWORD, ip="10.1.1.1").status_code == 429
    assert _login(Client(), "alice", PASSWORD, ip="10.1.1.2").status_code == 302


def test_the_lock_expires(world, settings):
    for _ in range(settings.LOGIN_THROTTLE_USER_LIMIT):
        _login(Client(), "bob", "fout")
    assert _login(Client(), "bob", PASSWORD).status_code == 429
    LoginThrottle.objects.update(locked_until=timezone.now() - timedelta(seconds=1))
    # The address has fewer failures than its limit, so only the user lock mattered.
    assert _login(Client(), "bob", PASSWORD).status_code == 302


def test_a_successful_login_resets_the_username_count(world, settings):
    for _ in range(settings.LOGIN_THROTTLE_USER_LIMIT - 1):
        _login(Client(), "bob", "fout")
    assert _login(Client(), "bob", PASSWORD).status_code == 302
    assert not LoginThrottle.objects.filter(key="user:bob").exists()


def test_usernames_are_counted_case_insensitively(world, settings):
    for i in range(settings.LOGIN_THROTTLE_USER_LIMIT):
        _login(Client(), "BOB" if i % 2 else "bob", "fout", ip=f"10.2.0.{i}")
    assert _login(Client(), "bob", PASSWORD, ip="10.2.1.1").status_code == 429


def test_forwarded_for_is_trusted_only_from_the_proxy(world, settings):
    settings.LOGIN_THROTTLE_USER_LIMIT = 1000
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    # A client that forges X-Forwarded-For is still counted by its own address.
    for i in range(settings.LOGIN_THROTTLE_IP_LIMIT):
        Client().post(
            "/account/inloggen/",
            {"username": f"x{i}", "password": "fout"},
            REMOTE_ADDR="10.3.3.3",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{i}",
        )
    assert _login(Client(), "alice", PASSWORD, ip="10.3.3.3").status_code == 429
    # Behind our proxy, the forwarded address is the one that counts.
    response = Client().post(
        "/account/inloggen/",
        {"username": "alice", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="10.4.4.4",
    )
    assert response.status_code == 302


@pytest.mark.django_db(transaction=True)
def test_concurrent_failures_are_all_counted(world, settings):
    """Threads stand in for several app processes sharing the database."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the race only exists on PostgreSQL")
    settings.LOGIN_THROTTLE_USER_LIMIT = 1000

    def fail(i):
        try:
            return _login(Client(), "bob", "fout", ip=f"10.5.0.{i}").status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        codes = list(pool.map(fail, range(24)))
    assert codes == [400] * 24
    assert LoginThrottle.objects.get(key="user:bob").failures == 24
