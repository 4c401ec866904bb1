"""Live-session polling under load: `python -m bench bench_bijeenkomsten`.

Bounded and loopback only (127.0.0.1). Creates a throw-away PostgreSQL database (SQLite
when no server answers), 50 running sessions with 30 members each, then starts gunicorn
(3 workers x 2 threads, DEBUG off, DJANGO_HTTPS=0) on a free port and measures, in one run:

1. bare: a bare Django view (`HttpResponse("ok")`, no database, no session) with wrk
   -t2 -c32: the baseline.
2. unchanged poll: wrk -t2 -c32 cycling over all 1,500 participants' poll URLs with the
   current ETag (If-None-Match): the cheap path's capacity, as a ratio to the bare view.
3. live: 1,500 participants (50 x 30) each polling every 2 s with their own ETag, while
   5 cards a second are posted over HTTP to random sessions, for BENCH_BK_SECONDS (20 s):
   requests per second, median and p95 poll latency, share of 304 answers. A bounded
   asyncio client (one keep-alive connection per participant) in this process; it reports
   its own event-loop lag, so a saturated client is told apart from a saturated server.
   Then the same with a fifth of the sessions (and of the cards): below saturation.

Runs once with the database cache only, and once more with a throw-away Redis on loopback
when `redis-server` is installed (REDIS_URL set for the app), so the two figures compare.
wrk, gunicorn and the client share this machine's cores: read ratios, not absolutes.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import re
import secrets
import shutil
import socket
import statistics
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SESSIONS = 50
PARTICIPANTS = 30
POLL_INTERVAL = 2.0
CARDS_PER_SECOND = 5
SECONDS = int(os.environ.get("BENCH_BK_SECONDS", "20"))
WRK_SECONDS = int(os.environ.get("BENCH_BK_WRK_SECONDS", "8"))
PG = "postgres://postgres@127.0.0.1:5432/"
DB_NAME = "cc_bijeenkomsten_bench"


# -- the app side: a WSGI factory for gunicorn and the URLconf with a bare view -------------


def _bare(request):
    from django.http import HttpResponse

    return HttpResponse("ok")


def __getattr__(name):
    # Built on first use (PEP 562): this module is the bench server's ROOT_URLCONF.
    if name == "urlpatterns":
        from django.urls import include, path

        return [path("bench-bare/", _bare), path("", include("cocreatie.urls"))]
    raise AttributeError(name)


def wsgi():
    """gunicorn 'bench.bench_bijeenkomsten:wsgi()': the project, plus /bench-bare/."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cocreatie.settings")
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    settings.ROOT_URLCONF = "bench.bench_bijeenkomsten"
    return application


def fill(out: str) -> None:
    """Run in a child process with the bench environment: data, tokens and cookies to `out`."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cocreatie.settings")
    django.setup()
    from datetime import date
    from datetime import time as dtime

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from bijeenkomsten import live, services
    from bijeenkomsten.models import Blok
    from trajecten.models import Lidmaatschap, Organisatie, Rol, Sector, Team, Traject

    call_command("migrate", verbosity=0)
    User = get_user_model()
    org = Organisatie.objects.create(naam="Bench")
    data = {"sessions": []}
    for s in range(SESSIONS):
        team = Team.objects.create(organisatie=org, naam=f"Team {s}", sector=Sector.GGZ)
        traject = Traject.objects.create(team=team, titel=f"Traject {s}", startdatum=date(2026, 9, 1))
        users = User.objects.bulk_create(
            [
                User(username=f"bk-{s}-{i}", first_name=f"Deelnemer {i}", password="!")  # noqa: S106  an unusable password
                for i in range(PARTICIPANTS)
            ]
        )
        Lidmaatschap.objects.bulk_create(
            [
                Lidmaatschap(
                    user=u, team=team, rol=Rol.BEGELEIDER if i == 0 else Rol.TEAMLID, perspectief="client"
                )
                for i, u in enumerate(users)
            ]
        )
        b = services.bijeenkomst_plannen(
            traject=traject,
            titel=f"Sessie {s}",
            datum=date(2026, 12, 1),
            starttijd=dtime(13, 30),
            begeleider=users[0],
        )
        for n in range(3):
            services.blok_toevoegen(
                bijeenkomst=b, soort=Blok.Soort.VRIJ, titel=f"Blok {n}", vraag="Wat valt op?"
            )
        services.starten(bijeenkomst=b)
        b.refresh_from_db()
        services.blok_zetten(blok=b.huidig_blok, veld="invoer_open", waarde=True)
        participants = []
        for u in users:
            store = SessionStore()
            store[SESSION_KEY] = str(u.pk)
            store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            store[HASH_SESSION_KEY] = u.get_session_auth_hash()
            store.create()
            participants.append(
                {
                    "poll": f"/bijeenkomsten/{b.pk}/live/?t={live.make_token(b.pk, u.pk, 'deelnemer')}",
                    "cookie": store.session_key,
                }
            )
        data["sessions"].append({"pk": b.pk, "blok": b.huidig_blok_id, "participants": participants})
    Path(out).write_text(json.dumps(data))


# -- the load side ------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pg_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(PG + "postgres", connect_timeout=2, autocommit=True):
            return True
    except Exception:
        return False


def _pg(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG + "postgres", autocommit=True) as conn:
        conn.execute(sql)


def _wait_http(port: int, path: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.sendall(f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode())
                if s.recv(64).startswith(b"HTTP/"):
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing answered on 127.0.0.1:{port}")


WRK_LUA = """
local paths = {%(paths)s}
local tags = {%(tags)s}
local i = 0
local counts = {}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) counts = {} end
function request()
  i = i + 1
  local k = (i %% #paths) + 1
  return wrk.format("GET", paths[k], {["If-None-Match"] = tags[k], ["Host"] = "127.0.0.1"})
end
function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
  n304 = counts[304] or 0
  nall = (nall or 0) + 1
end
function done(summary, latency, requests)
  local a, b = 0, 0
  for _, t in ipairs(threads) do a = a + (t:get("n304") or 0); b = b + (t:get("nall") or 0) end
  io.write(string.format("STATUS304 %%d of %%d\\n", a, b))
end
"""


def _wrk(port: int, path: str, script: str | None = None) -> dict:
    args = ["wrk", "-t2", "-c32", f"-d{WRK_SECONDS}s", "--latency", "-H", "Host: 127.0.0.1"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        if script:
            f.write(script)
            args += ["-s", f.name]
    out = subprocess.run(
        [*args, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, timeout=120
    ).stdout
    os.unlink(f.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    lat = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    m304 = re.search(r"STATUS304 (\d+) of (\d+)", out)
    return {
        "rps": rps,
        "p50": lat.get("50"),
        "p99": lat.get("99"),
        "errors": int(non2xx.group(1)) if non2xx else 0,
        "share304": (int(m304.group(1)) / max(int(m304.group(2)), 1)) if m304 else None,
    }


class _Conn:
    """One participant's keep-alive HTTP/1.1 connection (reopened when the server closes it)."""

    def __init__(self, port: int):
        self.port = port
        self.reader = self.writer = None

    async def request(self, method: str, path: str, headers: dict, body: bytes = b"") -> tuple[int, dict]:
        for attempt in (1, 2):
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
            try:
                return await self._send(method, path, headers, body)
            except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
                self.close()
                if attempt == 2:
                    raise OSError("connection failed") from None
        raise AssertionError("unreachable")

    async def _send(self, method, path, headers, body):
        lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"]
        lines += [f"{k}: {v}" for k, v in headers.items()]
        if body:
            lines += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}"]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        await self.writer.drain()
        head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(head[0].split()[1])
        hdrs = {}
        for line in head[1:]:
            k, _, v = line.partition(":")
            if k:
                hdrs[k.strip().lower()] = v.strip()
        length = int(hdrs.get("content-length", "0"))
        if length:
            await self.reader.readexactly(length)
        if hdrs.get("connection", "").lower() == "close":
            self.close()
        return status, hdrs

    def close(self):
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def _http(port: int, method: str, path: str, headers: dict, body: bytes = b"") -> tuple[int, dict]:
    conn = _Conn(port)
    try:
        return await conn.request(method, path, headers, body)
    finally:
        conn.close()


async def _live(port: int, data: dict, seconds: int, tags: dict) -> dict:
    latencies, statuses, posts, lags = [], [], {"ok": 0, "fail": 0}, []
    # The same number of cards per session whatever the number of sessions.
    rate = CARDS_PER_SECOND * len(data["sessions"]) / SESSIONS
    stop = time.monotonic() + seconds
    csrf = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))

    async def participant(p, etag):
        # The page a participant opened carries the current ETag: the first poll is conditional too.
        conn = _Conn(port)
        cookie = {"Cookie": f"sessionid={p['cookie']}"}
        await asyncio.sleep(random.uniform(0, POLL_INTERVAL))
        while time.monotonic() < stop:
            started = time.monotonic()
            headers = {"HX-Request": "true", **cookie}
            if etag:
                headers["If-None-Match"] = etag
            try:
                status, hdrs = await conn.request("GET", p["poll"], headers)
                latencies.append(time.monotonic() - started)
                statuses.append(status)
                etag = hdrs.get("etag", etag)
            except OSError:
                statuses.append(0)
            await asyncio.sleep(max(0.0, POLL_INTERVAL - (time.monotonic() - started)))
        conn.close()

    async def post(n):
        s = random.choice(data["sessions"])
        p = random.choice(s["participants"])
        body = f"tekst=Kaart+{n}&blok={s['blok']}&sleutel=bench-{n}".encode()
        headers = {
            "Cookie": f"sessionid={p['cookie']}; csrftoken={csrf}",
            "X-CSRFToken": csrf,
            "HX-Request": "true",
        }
        conn = _Conn(port)
        try:
            status, _ = await conn.request("POST", f"/bijeenkomsten/{s['pk']}/inbreng/", headers, body)
            posts["ok" if status == 200 else "fail"] += 1
        except OSError:
            posts["fail"] += 1
        finally:
            conn.close()

    async def poster():
        # A steady rate of cards, each in its own task, whatever the server's speed.
        n, pending = 0, []
        while time.monotonic() < stop:
            n += 1
            pending.append(asyncio.create_task(post(n)))
            await asyncio.sleep(1 / rate)
        await asyncio.gather(*pending)

    async def lag():
        # How late this client's own event loop runs: when it is high, the client is the limit.
        while time.monotonic() < stop:
            started = time.monotonic()
            await asyncio.sleep(0.1)
            lags.append(time.monotonic() - started - 0.1)

    everyone = [(p, tags[s["pk"]]) for s in data["sessions"] for p in s["participants"]]
    begin = time.monotonic()
    await asyncio.gather(poster(), lag(), *(participant(p, tag) for p, tag in everyone))
    elapsed = time.monotonic() - begin
    ok = [lat for lat, st in zip(latencies, statuses, strict=False) if st in (200, 304)]
    ok.sort()
    return {
        "polls": len(statuses),
        "rps": len(statuses) / elapsed,
        "median_ms": 1000 * statistics.median(ok) if ok else None,
        "p95_ms": 1000 * ok[int(0.95 * (len(ok) - 1))] if ok else None,
        "share304": statuses.count(304) / max(len(statuses), 1),
        "errors": sum(1 for st in statuses if st not in (200, 304)),
        "posts": posts,
        "lag_ms": 1000 * statistics.median(lags) if lags else 0.0,
    }


def _current_tags(port: int, data: dict) -> dict:
    """The current ETag of each session (every participant of a session shares it)."""
    tags = {}
    for s in data["sessions"]:
        first = s["participants"][0]
        _status, hdrs = asyncio.run(
            _http(port, "GET", first["poll"], {"Cookie": f"sessionid={first['cookie']}"})
        )
        tags[s["pk"]] = hdrs["etag"]
    return tags


def _run(env: dict, data: dict, label: str) -> dict:
    port = _free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "bench.bench_bijeenkomsten:wsgi()",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "3",
            "--threads",
            "2",
            "--worker-class",
            "gthread",
            "--keep-alive",
            "5",
            "--backlog",
            "2048",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_http(port, "/bench-bare/")
        time.sleep(1.5)  # all workers up
        bare = _wrk(port, "/bench-bare/")
        # Current ETags, one per session (every participant of a session shares it).
        tags = {}
        for s in data["sessions"]:
            first = s["participants"][0]
            _status, hdrs = asyncio.run(
                _http(port, "GET", first["poll"], {"Cookie": f"sessionid={first['cookie']}"})
            )
            tags[s["pk"]] = hdrs["etag"]
        everyone = [(p["poll"], tags[s["pk"]]) for s in data["sessions"] for p in s["participants"]]
        script = WRK_LUA % {
            "paths": ",".join(json.dumps(path) for path, _ in everyone),
            "tags": ",".join(json.dumps(tag) for _, tag in everyone),
        }
        poll = _wrk(port, "/", script)
        live = asyncio.run(_live(port, data, SECONDS, tags))
        # The same, with a fifth of the sessions: how the poll behaves below saturation.
        klein = {"sessions": data["sessions"][: max(1, SESSIONS // 5)]}
        time.sleep(3)  # let the queue of the big run drain
        tags = _current_tags(port, klein)
        live_klein = asyncio.run(_live(port, klein, SECONDS, tags))
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    return {"label": label, "bare": bare, "poll": poll, "live": live, "live_klein": live_klein}


def _print(result: dict) -> None:
    bare, poll, live = result["bare"], result["poll"], result["live"]
    print(f"-- {result['label']}")
    print(
        f"  bare view (wrk -t2 -c32):          {bare['rps']:8.0f} req/s  p50 {bare['p50']}  p99 {bare['p99']}"
    )
    share = f"{100 * poll['share304']:.1f}% 304" if poll["share304"] is not None else ""
    print(
        f"  unchanged poll (wrk -t2 -c32):     {poll['rps']:8.0f} req/s  p50 {poll['p50']}  p99 {poll['p99']}"
        f"  {share}  -> x{poll['rps'] / bare['rps']:.2f} of bare"
    )
    for key, sessions in (("live", SESSIONS), ("live_klein", max(1, SESSIONS // 5))):
        live = result[key]
        print(
            f"  live, {sessions}x{PARTICIPANTS} polling every {POLL_INTERVAL:.0f} s + "
            f"{CARDS_PER_SECOND * sessions / SESSIONS:g} cards/s, "
            f"{SECONDS} s: {live['rps']:.0f} polls/s served (offered {sessions * PARTICIPANTS / POLL_INTERVAL:.0f}), "
            f"median {live['median_ms']:.1f} ms, p95 {live['p95_ms']:.1f} ms, {100 * live['share304']:.1f}% 304, "
            f"errors {live['errors']}, cards {live['posts']['ok']} ok / {live['posts']['fail']} failed; "
            f"client event-loop lag median {live['lag_ms']:.0f} ms"
        )


def main() -> None:
    if not shutil.which("wrk"):
        print("skipped: wrk is not installed (apt-get install -y wrk)")
        return
    tmp = Path(tempfile.mkdtemp(prefix="bench-bk-"))
    use_pg = _pg_available()
    if use_pg:
        _pg(f"DROP DATABASE IF EXISTS {DB_NAME}")
        _pg(f"CREATE DATABASE {DB_NAME}")
        database_url = PG + DB_NAME
    else:
        database_url = f"sqlite:///{tmp / 'bench.sqlite3'}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_", "REDIS_URL"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "cocreatie.settings",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_DEBUG": "0",
            "DJANGO_HTTPS": "0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_CONN_MAX_AGE": "60",
            "DATABASE_URL": database_url,
            "PYTHONPATH": str(ROOT),
        }
    )
    redis = None
    try:
        out = tmp / "data.json"
        subprocess.run(
            [sys.executable, "-c", f"import bench.bench_bijeenkomsten as b; b.fill({str(out)!r})"],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=600,
        )
        data = json.loads(out.read_text())
        print(
            f"{'PostgreSQL' if use_pg else 'SQLite'}; gunicorn 3 workers x 2 threads (gthread), DEBUG off; "
            f"{os.cpu_count()} cores shared by server, wrk and client"
        )
        results = [_run(env, data, "database only (version read by primary key)")]
        if shutil.which("redis-server"):
            port = _free_port()
            redis = subprocess.Popen(
                [
                    "redis-server",
                    "--port",
                    str(port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(0.5)
            results.append(
                _run(
                    {**env, "REDIS_URL": f"redis://127.0.0.1:{port}/0"},
                    data,
                    "with Redis holding the versions",
                )
            )
        for result in results:
            _print(result)
    finally:
        if redis is not None:
            redis.terminate()
            redis.wait(timeout=10)
        if use_pg:
            _pg(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
