"""The production shape under load: wrk through nginx with one app process and with two.

Starts its own stack (deploy/stack.py, database cc_bench_stack, state var/bench-stack, demo
data), logs in as the demo begeleider, and measures in one run, for 1 and for 2 app processes
(the second is taken out of nginx's rotation with a graceful reload for the "1" figures):

- bare: GET /gezond/ (one SELECT 1, no session): the baseline every other figure is divided by
- poll: a participant's phone polling the live region of a running session, unchanged (ETag, 304)
- write: a participant sending a card (stored, mirrored into the exercise, version bumped)

Bounded: wrk -t2 -c16, DURATION seconds per figure, loopback only. Needs wrk (apt-get install
wrk), nginx and PostgreSQL at 127.0.0.1:5432; prints why it skips otherwise.
"""

import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
STACK = ROOT / "deploy" / "stack.py"
STATE = ROOT / "var" / "bench-stack"
DURATION = int(os.environ.get("BENCH_STACK_SECONDS", "4"))
CONNECTIONS = 16


def _stack(*args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    result = subprocess.run(
        [sys.executable, str(STACK), *args, "--state", str(STATE)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        raise RuntimeError(f"stack.py {' '.join(args)}: {result.stdout}{result.stderr}")
    return result.stdout


def _request(port, method, path, cookies, data=None):
    conn = HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": f"127.0.0.1:{port}"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    body = None
    if data is not None:
        body = urlencode(data)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["X-CSRFToken"] = cookies.get("csrftoken", "")
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    for key, value in response.getheaders():
        if key.lower() == "set-cookie":
            jar = SimpleCookie()
            jar.load(value)
            cookies.update({name: morsel.value for name, morsel in jar.items()})
    text = response.read().decode("utf-8", "replace")
    conn.close()
    return response.status, text


def _login(port: int) -> dict:
    cookies: dict = {}
    _request(port, "GET", "/account/inloggen/", cookies)
    status, _ = _request(
        port, "POST", "/account/inloggen/", cookies, {"username": "begeleider", "password": "demo"}
    )
    if status != 302:
        raise RuntimeError(f"demo login failed ({status})")
    return cookies


def _scenarios(port: int, cookies: dict) -> dict[str, dict]:
    """A live session driven through nginx like a begeleider does: plan it with one cards block
    of an exercise, start it, open input. The load is what participants' phones do: poll the
    live region (unchanged: ETag -> 304, the path that runs every 2 s per phone) and send cards."""
    _, home = _request(port, "GET", "/", cookies)
    traject = re.search(r'href="/trajecten/(\d+)/"', home)
    if not traject:
        raise RuntimeError("the demo begeleider sees no trajectory")
    status, _ = _request(
        port,
        "POST",
        f"/trajecten/{traject.group(1)}/bijeenkomsten/nieuw/",
        cookies,
        {"titel": "Benchmark", "datum": "2026-11-24", "starttijd": "13:30", "plaats": ""},
    )
    if status != 302:
        raise RuntimeError(f"planning the session failed ({status})")
    pk = _last_session(port, cookies, traject.group(1))
    block = {
        "soort": "oefening",
        "oefening_slug": "context-sterktes",
        "titel": "",
        "vraag": "",
        "duur_minuten": "20",
        "groepsgrootte": "plenair",
        "notitie": "",
    }
    for path, data in [
        (f"/bijeenkomsten/{pk}/blokken/", block),
        (f"/bijeenkomsten/{pk}/starten/", {}),
        (f"/bijeenkomsten/{pk}/bediening/", {"actie": "zet_invoer_open", "waarde": "1"}),
    ]:
        status, text = _request(port, "POST", path, cookies, data)
        if status != 302:
            raise RuntimeError(f"POST {path}: {status} {text[:300]}")
    _, page = _request(port, "GET", f"/bijeenkomsten/{pk}/meedoen/", cookies)
    poll = html.unescape(re.search(r'id="live"[^>]*hx-get="([^"]+)"', page).group(1))
    blok = re.search(r'name="blok" value="(\d+)"', page).group(1)
    return {
        "poll": {"path": poll, "label": "live poll, unchanged (304)"},
        "write": {
            "path": f"/bijeenkomsten/{pk}/inbreng/",
            "label": "a participant sends a card",
            "body": urlencode({"blok": blok, "tekst": "Kaart uit de benchmark", "sleutel": ""}),
        },
    }


def _last_session(port: int, cookies: dict, traject: str) -> str:
    _, text = _request(port, "GET", f"/trajecten/{traject}/bijeenkomsten/", cookies)
    ids = [int(i) for i in re.findall(r'href="/bijeenkomsten/(\d+)/"', text)]
    if not ids:
        raise RuntimeError("the new session is not listed")
    return str(max(ids))


def _etag(port: int, cookies: dict, path: str) -> str:
    conn = HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": f"127.0.0.1:{port}", "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    response.read()
    tag = response.getheader("ETag")
    conn.close()
    if not tag:
        raise RuntimeError(f"no ETag on the poll ({response.status})")
    return tag


def _wrk(port: int, path: str, cookies: dict | None = None, body: str | None = None, etag: str = "") -> dict:
    args = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--timeout", "10s", "--latency"]
    # As the browser sends them: htmx requests (the answer is a partial, no flash message in the session).
    args += ["-H", f"Host: 127.0.0.1:{port}", "-H", "HX-Request: true"]
    if etag:
        args += ["-H", f"If-None-Match: {etag}"]
    script = None
    if cookies:
        args += ["-H", "Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items())]
    if body is not None:
        args += [
            "-H",
            f"X-CSRFToken: {cookies['csrftoken']}",
            "-H",
            "Content-Type: application/x-www-form-urlencoded",
        ]
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(f'wrk.method = "POST"\nwrk.body = "{body}"\n')
        args += ["-s", script.name]
    try:
        out = subprocess.run(
            [*args, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, timeout=DURATION + 30
        ).stdout
    finally:
        if script:
            os.unlink(script.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    total = re.search(r"(\d+) requests in", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)

    def pct(label):
        match = re.search(rf"\s{label}%\s+([\d.]+)(us|ms|s)", out)
        if not match:
            return float("nan")
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    return {
        "rps": rps,
        "p50": pct("50"),
        "p99": pct("99"),
        "errors": int(errors.group(1)) if errors else 0,
        "requests": int(total.group(1)) if total else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def _settle(port: int, timeout: float = 60) -> None:
    """Wait until the health view answers quickly again (the queue of a previous run is gone)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        started = time.monotonic()
        status, _ = _request(port, "GET", "/gezond/", {})
        if status == 200 and time.monotonic() - started < 0.05:
            return
        time.sleep(0.2)


def _missing() -> str | None:
    if not shutil.which("wrk"):
        return "wrk is not installed (apt-get install wrk)"
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        return "nginx is not installed"
    try:
        import psycopg

        psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", connect_timeout=3).close()
    except Exception as exc:
        return f"no PostgreSQL at 127.0.0.1:5432 ({type(exc).__name__})"
    return None


def main():
    reason = _missing()
    if reason:
        print(f"skipped: {reason}")
        return
    started = time.monotonic()
    _stack("up", "--demo", "--db", "cc_bench_stack", "--redis-db", "14", "--workers", "2")
    try:
        import json

        port = json.loads((STATE / "stack.json").read_text())["port"]
        cookies = _login(port)
        scenarios = _scenarios(port, cookies)
        results: dict[int, dict] = {1: {}, 2: {}}
        # Reads first for both shapes, the writes last: a write run leaves a queue behind that
        # would slow the next figure down.
        for apps, keys in ((1, ("bare", "poll")), (2, ("bare", "poll")), (1, ("write",)), (2, ("write",))):
            _stack("drain" if apps == 1 else "undrain", "2")
            _settle(port)
            for key in keys:
                if key == "bare":
                    results[apps][key] = _wrk(port, "/gezond/")
                elif key == "poll":
                    path = scenarios["poll"]["path"]
                    results[apps][key] = _wrk(port, path, cookies, etag=_etag(port, cookies, path))
                else:
                    path, body = scenarios["write"]["path"], scenarios["write"]["body"]
                    results[apps][key] = _wrk(port, path, cookies, body)
        print(
            f"wrk -t2 -c{CONNECTIONS}, {DURATION} s per figure, through nginx; "
            f"each app process: gunicorn 2 workers x 2 threads; {os.cpu_count()} cores shared by all; "
            f"load average {os.getloadavg()[0]:.1f}"
        )
        print(f"{'':34}{'1 app process':>28}{'2 app processes':>28}{'2 vs 1':>9}")
        labels = {"bare": "bare view (GET /gezond/)", **{k: v["label"] for k, v in scenarios.items()}}
        for key, label in labels.items():
            cells = []
            for apps in (1, 2):
                r = results[apps][key]
                ratio = r["rps"] / (results[apps]["bare"]["rps"] or float("nan"))
                err = f" ERR {r['errors']}" if r["errors"] else ""
                if r["socket_errors"]:
                    err += f" ({r['socket_errors']})"
                cells.append(f"{r['rps']:7.0f}/s x{ratio:4.2f} p99 {r['p99']:5.1f}ms{err}")
            gain = results[2][key]["rps"] / (results[1][key]["rps"] or float("nan"))
            print(f"{label:34}{cells[0]:>28}{cells[1]:>28}{gain:8.2f}x")
        print("(xN = requests per second relative to the bare view with the same number of processes)")
    finally:
        _stack("down")
    print(f"bench_stack took {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
