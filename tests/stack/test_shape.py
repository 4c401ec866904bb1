"""The production shape through nginx: balancing, health, static files, limits, throttling,
sessions shared by the app processes, and an app process stopped and started mid-work."""

import re
import subprocess
import sys
from pathlib import Path

from tests.stack.conftest import IP_LIMIT, PAIR_LIMIT, PARTICIPANTS, ROOT, Client, wait_until


def test_requests_are_balanced_over_both_app_processes(stack):
    client = stack.client()
    upstreams = [client.get("/gezond/").upstream for _ in range(6)]
    assert set(upstreams) == {f"127.0.0.1:{port}" for port in stack.app_ports}


def test_a_second_up_of_a_running_stack_is_refused(stack):
    from tests.stack.conftest import run_stack

    result = run_stack(stack.state, "up", "--db", "cc_stack_never_made", check=False)
    assert result.returncode == 1
    assert "already running" in result.stderr
    assert stack.client().get("/gezond/").status == 200, "the running stack is untouched"


def test_health_through_nginx_says_ok_and_is_never_cached(stack):
    response = stack.client().get("/gezond/")
    assert response.status == 200
    assert response.text == "ok\n"
    assert "no-cache" in response.headers["cache-control"]
    assert response.upstream


def test_health_without_database_is_503_and_leaks_nothing(stack, tmp_path):
    """An app process whose database is gone answers 503, so a load balancer skips it."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**stack.data["env"], "PATH": "/usr/bin:/bin"}
    env["DATABASE_URL"] = stack.database_url.rsplit("/", 1)[0] + "/cc_stack_missing_database"
    env["GUNICORN_BIND"] = f"127.0.0.1:{port}"
    env["GUNICORN_WORKERS"] = "1"
    proc = subprocess.Popen(  # noqa: S603
        [str(Path(sys.executable).parent / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "cocreatie.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        client = Client(port)

        def answered():
            try:
                return client.get("/gezond/")
            except OSError:
                return None

        response = wait_until(answered, timeout=20)
        assert response.status == 503
        assert response.text == "niet gezond\n"
        assert "cc_stack_missing_database" not in response.text
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_static_files_come_from_nginx_compressed_with_long_cache(stack):
    page = stack.client().get("/account/inloggen/")
    css = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', page.text)
    assert css, "the page links the hashed stylesheet written by collectstatic"
    response = stack.client().get(css.group(1), headers={"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.headers["content-encoding"] == "gzip"
    assert "max-age=31536000" in response.headers["cache-control"]
    assert "immutable" in response.headers["cache-control"]
    assert "x-upstream" not in response.headers or response.upstream == "", "served by nginx itself"


def test_pages_are_compressed(stack):
    response = stack.client().get("/account/inloggen/", headers={"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.headers.get("content-encoding") == "gzip"


def test_request_bodies_are_limited_by_nginx(stack, fresh_attempts):
    client = stack.client()
    response = client.request(
        "POST",
        "/account/inloggen/",
        body=b"x" * (4 * 1024 * 1024),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status == 413
    assert not response.upstream, "the app process never saw it"
    # Below the limit a large body is buffered by nginx (to its temp folder) and reaches the app.
    client.get("/account/inloggen/")
    response = client.post("/account/inloggen/", {"username": "onbekend-groot", "password": "x" * 1_000_000})
    assert response.status == 400, response.text[:300]
    assert response.upstream


def test_a_session_started_on_one_process_works_on_the_other(stack, fresh_attempts):
    client = stack.client()
    login = client.login(PARTICIPANTS[0])
    assert login.status == 302, login.text[:500]
    seen = set()
    for _ in range(6):
        response = client.get("/")
        assert response.status == 200
        assert "Team Stack" in response.text
        seen.add(response.upstream)
    assert len(seen) == 2, "both app processes served the logged-in user"


def _counted_addresses(stack) -> set[str]:
    return {row[0] for row in stack.sql("SELECT host(ip_address) FROM axes_accessattempt")}


def test_login_throttling_counts_across_app_processes(stack, fresh_attempts):
    client = stack.client()
    client.get("/account/inloggen/")
    upstreams = set()
    for attempt in range(PAIR_LIMIT):
        response = client.post("/account/inloggen/", {"username": "deelnemer2", "password": "fout"})
        # The failure that reaches the limit is answered with the lock already.
        assert response.status == (429 if attempt == PAIR_LIMIT - 1 else 400)
        upstreams.add(response.upstream)
    assert len(upstreams) == 2, "the failures were counted by both app processes"
    # Now even the right password is refused, whichever process answers.
    refused = set()
    for _ in range(4):
        response = client.post(
            "/account/inloggen/", {"username": "deelnemer2", "password": "stack-wachtwoord-123"}
        )
        assert response.status == 429
        assert "Te veel mislukte pogingen" in response.text
        refused.add(response.upstream)
    assert len(refused) == 2


def test_a_forged_forwarded_for_does_not_escape_the_address_limit(stack, fresh_attempts):
    """nginx appends the real address; the app believes only that last entry from the proxy."""
    client = stack.client()
    client.get("/account/inloggen/")
    for attempt in range(IP_LIMIT):
        response = client.post(
            "/account/inloggen/",
            {"username": f"onbekend{attempt}", "password": "fout"},
            headers={"X-Forwarded-For": f"203.0.113.{attempt}"},
        )
        assert response.status == (429 if attempt == IP_LIMIT - 1 else 400)
    response = client.post(
        "/account/inloggen/",
        {"username": PARTICIPANTS[2], "password": "stack-wachtwoord-123"},
        headers={"X-Forwarded-For": "198.51.100.7"},
    )
    assert response.status == 429
    assert _counted_addresses(stack) == {"127.0.0.1"}


def test_forwarding_headers_count_only_when_nginx_sent_them(stack, fresh_attempts):
    """Straight to an app process: X-Forwarded-Proto https from the proxy's address is believed
    (Django then demands an HTTPS Referer, so the post is refused with 403); the same header
    from any other address is dropped (deploy/gunicorn.conf.py), so the post is handled as plain
    HTTP (400: wrong password). The X-Forwarded-For of that other address is dropped as well."""
    app_port = stack.app_ports[0]
    outcomes = {}
    for source in ("127.0.0.1", "127.0.0.2"):
        client = Client(app_port, source=source)
        assert client.get("/account/inloggen/").status == 200
        response = client.post(
            "/account/inloggen/",
            {"username": "onbekend-proto", "password": "fout"},
            headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.99"},
        )
        outcomes[source] = response.status
    assert outcomes == {"127.0.0.1": 403, "127.0.0.2": 400}
    assert _counted_addresses(stack) == {"127.0.0.2"}, "the failure was counted for the real peer only"
