"""The production shape under test: nginx in front of two gunicorn processes on PostgreSQL.

One stack per test session (`stack` fixture), started and stopped with deploy/stack.py, the
script behind `make stack`, in its own state folder and its own database, so it never meets
a developer's `make stack` or a second CI run. Skipped, with the reason, when nginx or a
PostgreSQL server that lets us create databases is not available.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

ROOT = Path(__file__).resolve().parents[2]
STACK = ROOT / "deploy" / "stack.py"
POSTGRES = os.environ.get("STACK_POSTGRES", "postgres://postgres@127.0.0.1:5432")
PASSWORD = "stack-wachtwoord-123"
PARTICIPANTS = ["deelnemer1", "deelnemer2", "deelnemer3"]
# Low limits so the login-protection tests need few (slow, hashed) attempts.
PAIR_LIMIT = 3
USER_LIMIT = 4
IP_LIMIT = 5


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/stack/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.stack)
    # The backup is taken after the other stack tests have filled the database; reorder only
    # the positions the stack tests hold, so the rest of the session keeps its order.
    positions = [i for i, item in enumerate(items) if "tests/stack/" in str(item.fspath).replace(os.sep, "/")]
    ordered = sorted(
        (items[i] for i in positions),
        key=lambda item: "tests/stack/test_backup.py" in str(item.fspath).replace(os.sep, "/"),
    )
    for i, item in zip(positions, ordered, strict=True):
        items[i] = item


def _unavailable() -> str | None:
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        return "nginx is not installed (apt-get install nginx)"
    for tool in ("pg_dump", "pg_restore", "psql"):
        if not shutil.which(tool):
            return f"{tool} is not installed (apt-get install postgresql-client)"
    try:
        import psycopg

        with psycopg.connect(f"{POSTGRES}/postgres", connect_timeout=3) as conn:
            can = conn.execute(
                "SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user"
            ).fetchone()[0]
    except Exception as exc:
        return f"no PostgreSQL server at {POSTGRES} ({type(exc).__name__}); set STACK_POSTGRES"
    if not can:
        return f"the PostgreSQL role at {POSTGRES} may not create databases"
    return None


def run_stack(state: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    result = subprocess.run(
        [sys.executable, str(STACK), *args, "--state", str(state)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"stack.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


SEED = """
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from trajecten.models import Lidmaatschap, Organisatie, Perspectief, Rol, Team, Traject
import datetime, json
User = get_user_model()
hashed = make_password({password!r})
org = Organisatie.objects.create(naam="Stack Zorg")
team = Team.objects.create(organisatie=org, naam="Team Stack")
traject = Traject.objects.create(team=team, titel="Traject Stack", startdatum=datetime.date(2026, 9, 1),
                                 status=Traject.Status.ACTIEF)
begeleider = User.objects.create(username="begeleider", first_name="Bea", password=hashed)
Lidmaatschap.objects.create(user=begeleider, team=team, rol=Rol.BEGELEIDER)
traject.begeleiders.add(begeleider)
for name in {participants!r}:
    user = User.objects.create(username=name, first_name=name.capitalize(), password=hashed)
    Lidmaatschap.objects.create(user=user, team=team, rol=Rol.TEAMLID, perspectief=Perspectief.PROFESSIONAL)
print(json.dumps({{"traject": traject.pk, "team": team.pk}}))
"""


@dataclass
class Stack:
    state: Path
    data: dict
    seed: dict = field(default_factory=dict)

    @property
    def port(self) -> int:
        return self.data["port"]

    @property
    def app_ports(self) -> list[int]:
        return self.data["app_ports"]

    @property
    def database_url(self) -> str:
        return self.data["env"]["DATABASE_URL"]

    def client(self) -> "Client":
        return Client(self.port)

    def sql(self, query: str, params=()) -> list[tuple]:
        import psycopg

        with psycopg.connect(self.database_url, autocommit=True) as conn:
            cursor = conn.execute(query, params)
            return cursor.fetchall() if cursor.description else []

    def manage_shell(self, code: str) -> str:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
        env.update(self.data["env"])
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def stop_app(self, index: int) -> None:
        run_stack(self.state, "stop-app", str(index))

    def start_app(self, index: int) -> None:
        run_stack(self.state, "start-app", str(index))


def stack_cache() -> str:
    """Which cache the stack's app processes share: STACK_CACHE=redis or database. By default
    Redis (used only if it answers) when the test run itself is on PostgreSQL and the database
    cache when it is on SQLite, so CI's two runs (SQLite, then PostgreSQL) exercise both; when
    PostgreSQL is down during the SQLite run (the stack tests skip then), the Redis path,
    the one that can go wrong between processes, is still the one tested."""
    chosen = os.environ.get("STACK_CACHE", "").strip().lower()
    if chosen in ("redis", "database"):
        return chosen
    return "redis" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "database"


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    reason = _unavailable()
    if reason:
        pytest.skip(f"stack tests need the production shape: {reason}")
    state = tmp_path_factory.mktemp("stack")
    db = f"cc_stack_test_{os.getpid()}"
    cache = ["--no-redis"] if stack_cache() == "database" else []
    up = run_stack(
        state,
        "up",
        "--template",  # a copy of an already migrated database when migrations and content are unchanged
        *cache,
        "--db",
        db,
        "--redis-db",
        "13",
        "--set",
        f"LOGIN_LOCK_PAIR_LIMIT={PAIR_LIMIT}",
        "--set",
        f"LOGIN_LOCK_USER_LIMIT={USER_LIMIT}",
        "--set",
        f"LOGIN_LOCK_IP_LIMIT={IP_LIMIT}",
        "--set",
        "GUNICORN_GRACEFUL_TIMEOUT=10",
    )
    (state / "up.log").write_text(up.stdout + up.stderr)
    data = json.loads((state / "stack.json").read_text())
    result = Stack(state, data)
    _RUNNING.append(state)
    try:
        result.seed = json.loads(
            result.manage_shell(SEED.format(password=PASSWORD, participants=PARTICIPANTS))
            .strip()
            .splitlines()[-1]
        )
        yield result
    finally:
        if state in _RUNNING:
            _RUNNING.remove(state)
            run_stack(state, "down", check=False)
    _assert_nothing_left(data)


_RUNNING: list[Path] = []  # the state folder of the running stack


def pytest_runtest_teardown(item, nextitem):
    """Stop the stack right after the last stack test, not at the end of the whole session
    (the fixture's own teardown then only checks that nothing was left behind)."""
    if _RUNNING and (nextitem is None or "tests/stack/" not in str(nextitem.fspath).replace(os.sep, "/")):
        run_stack(_RUNNING.pop(), "down", check=False)


def _assert_nothing_left(data: dict) -> None:
    """`down` (make stack-down) stopped every process, freed the ports, dropped the database."""
    import socket

    import psycopg

    for port in [data["port"], *data["app_ports"]]:
        with socket.socket() as sock:
            assert sock.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still answers after down"
    for pid in data.get("app_pids", {}).values():
        assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text(), pid
    with psycopg.connect(f"{data['postgres']}/postgres", connect_timeout=3) as conn:
        left = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (data["db"],)).fetchone()
    assert left is None, f"database {data['db']} survived down"


@pytest.fixture
def fresh_attempts(stack):
    """Every test starts and ends with no failed logins counted (they share 127.0.0.1)."""
    stack.sql("DELETE FROM axes_accessattempt")
    yield
    stack.sql("DELETE FROM axes_accessattempt")


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    @property
    def upstream(self) -> str:
        """The app process that answered (nginx's X-Upstream header; last one when retried)."""
        return self.headers.get("x-upstream", "").split(",")[-1].strip()


class Client:
    """A tiny browser: cookies, CSRF token, form posts, through nginx on loopback."""

    def __init__(self, port: int, source: str | None = None):
        self.port = port
        self.source = (source, 0) if source else None  # e.g. 127.0.0.2: a peer that is not the proxy
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data=None, headers=None, body: bytes | None = None) -> Response:
        conn = HTTPConnection("127.0.0.1", self.port, timeout=30, source_address=self.source)
        sent = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if data is not None:
            body = urlencode(data, doseq=True).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        if method == "POST" and "csrftoken" in self.cookies:
            sent.setdefault("X-CSRFToken", self.cookies["csrftoken"])
        try:
            conn.request(method, path, body=body, headers=sent)
            raw = conn.getresponse()
            headers_lower: dict[str, str] = {}
            for key, value in raw.getheaders():
                if key.lower() == "set-cookie":
                    cookie = SimpleCookie()
                    cookie.load(value)
                    for name, morsel in cookie.items():
                        if morsel["max-age"] == "0" or not morsel.value:
                            self.cookies.pop(name, None)
                        else:
                            self.cookies[name] = morsel.value
                headers_lower[key.lower()] = value
            return Response(raw.status, headers_lower, raw.read())
        finally:
            conn.close()

    def get(self, path: str, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, data: dict, **kwargs) -> Response:
        return self.request("POST", path, data=data, **kwargs)

    def login(self, username: str, password: str = PASSWORD) -> Response:
        self.get("/account/inloggen/")
        return self.post("/account/inloggen/", {"username": username, "password": password})

    def form_token(self, path: str) -> str:
        """The hidden csrfmiddlewaretoken of a page's form."""
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.get(path).text)
        assert match, f"no form on {path}"
        return match.group(1)


def wait_until(predicate, timeout: float = 10.0, interval: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError("condition not met in time")


@pytest.fixture(scope="session")
def people(stack):
    """Logged-in clients through nginx: the begeleider and the participants (one login each)."""
    stack.sql("DELETE FROM axes_accessattempt")
    clients = {}
    for name in ["begeleider", *PARTICIPANTS]:
        client = stack.client()
        response = client.login(name)
        assert response.status == 302, f"{name} could not log in: {response.status}"
        clients[name] = client
    return clients
