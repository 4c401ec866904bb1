"""The production shape on one machine, all on loopback: `make stack` / `make stack-down`.

    python deploy/stack.py up [--demo]      fresh PostgreSQL database, Redis when present,
                                            two gunicorn processes, nginx in front; prints the URL
    python deploy/stack.py down             stop everything, drop the database, clear our cache keys
    python deploy/stack.py status
    python deploy/stack.py stop-app 1       stop (gracefully) / start one app process, to try
    python deploy/stack.py start-app 1      what nginx does when a process goes away
    python deploy/stack.py drain 1          take process 1 out of nginx's rotation (graceful
    python deploy/stack.py undrain 1        reload), and put it back

Everything the stack owns lives in its state folder (default var/stack/): nginx.conf, pid files,
logs, stack.json (ports, database, pids) and stack.env (the environment of the app processes,
handy for `set -a; . var/stack/stack.env; set +a; python manage.py shell`). The system nginx,
its configuration and port 80 are never touched. Uses only the standard library and psycopg.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
BIN = Path(sys.executable).parent
DEFAULT_STATE = ROOT / "var" / "stack"
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432"
DEFAULT_REDIS = "redis://127.0.0.1:6379"

# Variables of the caller that must not reach the app processes: a test run's settings.
SCRUB = ("PYTEST_VERSION", "PYTEST_CURRENT_TEST", "PYTEST_XDIST_WORKER", "DJANGO_ALLOW_ASYNC_UNSAFE")


class StackError(Exception):
    pass


def log(message: str) -> None:
    print(f"[stack] {message}", flush=True)


# --- helpers -----------------------------------------------------------------------------


def free_port(preferred: int | None = None) -> int:
    """A free loopback port: `preferred` and the 20 after it when given, else any."""
    candidates = list(range(preferred, preferred + 20)) if preferred else [0]
    for port in candidates:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise StackError(f"no free port near {preferred}")


def http_get(port: int, path: str, timeout: float = 2.0) -> tuple[int, dict, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Host": f"127.0.0.1:{port}"})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def wait_healthy(port: int, what: str, timeout: float = 30.0, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise StackError(f"{what} exited with code {proc.returncode}")
        try:
            status, _, body = http_get(port, "/gezond/")
            if status == 200:
                return
            last = f"status {status}: {body[:200]!r}"
        except OSError as exc:
            last = str(exc)
        time.sleep(0.1)
    raise StackError(f"{what} on port {port} is not healthy after {timeout:.0f} s ({last})")


def pid_alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie child of ours counts as gone.
    with contextlib.suppress(ChildProcessError):
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return False
    return True


def read_pid(path: Path) -> int | None:
    try:
        return int(path.read_text().strip())
    except (OSError, ValueError):
        return None


def stop_pid(pid: int | None, what: str, sig: int = signal.SIGTERM, timeout: float = 35.0) -> None:
    """Send `sig` (again: harmless for nginx and gunicorn) and wait for the process to exit."""
    if not pid_alive(pid):
        return
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not pid_alive(pid):
            return
        time.sleep(0.05)
    log(f"{what} (pid {pid}) did not stop in {timeout:.0f} s; killing it")
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def connect(url: str):
    import psycopg

    return psycopg.connect(url, autocommit=True, connect_timeout=5)


def redis_available(url: str) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except Exception:
        return False


def static_fingerprint() -> str:
    """Names, sizes and times of every static source file, and the installed packages."""
    import hashlib

    digest = hashlib.sha256()
    roots = [
        ROOT / "static",
        *sorted(p for p in ROOT.glob("*/static") if p.parts[-2] not in ("var", ".venv")),
    ]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file():
                info = path.stat()
                digest.update(f"{path}:{info.st_size}:{info.st_mtime_ns}\n".encode())
    for marker in (ROOT / ".venv" / ".installed", ROOT / "pyproject.toml"):
        if marker.exists():
            digest.update(f"{marker}:{marker.stat().st_mtime_ns}\n".encode())
    return digest.hexdigest()


def collect_static(stack: Stack, errors: list) -> None:
    """collectstatic into the shared var/static: one stack at a time, and only when the sources
    changed (WhiteNoise compresses every file again: 5-30 s on a busy machine)."""
    try:
        with open(ROOT / "var" / ".collectstatic.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            stamp = ROOT / "var" / "static" / ".stack-sources"
            fingerprint = static_fingerprint()
            if (
                stamp.exists()
                and stamp.read_text() == fingerprint
                and (stamp.parent / "staticfiles.json").exists()
            ):
                log("static files unchanged since the last collectstatic")
                return
            stack.manage("collectstatic", "--noinput", "-v", "0")
            stamp.write_text(fingerprint)
    except Exception as exc:
        errors.append(exc)


def schema_fingerprint() -> str:
    """What a migrated database with its content depends on: migrations, fixtures, Django."""
    import hashlib

    import django

    digest = hashlib.sha256(django.get_version().encode())
    files = [p for p in ROOT.glob("*/migrations/*.py")] + list((ROOT / "fixtures").glob("*.json"))
    for path in sorted(files):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def save_template(server: str, dbname: str, template: str) -> None:
    """Keep a copy of the freshly migrated database for the next `up --template` (tests): then
    cloning it replaces migrate and inhoud_laden. Older templates are dropped. Best effort."""
    try:
        with connect(f"{server}/postgres") as conn:
            old = conn.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE 'cc_stack_tpl_%%'"
            ).fetchall()
            for (name,) in old:
                if name != template:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{template}" TEMPLATE "{dbname}"')
        log(f"saved {template} for the next run")
    except Exception as exc:
        log(f"no template saved ({type(exc).__name__}: {exc})")


# --- the state file ------------------------------------------------------------------------


class Stack:
    def __init__(self, state: Path):
        self.state = state.resolve()
        self.file = self.state / "stack.json"
        self.data: dict = json.loads(self.file.read_text()) if self.file.exists() else {}

    def save(self) -> None:
        self.file.write_text(json.dumps(self.data, indent=2) + "\n")

    @property
    def env(self) -> dict:
        return self.data["env"]

    def child_env(self, **extra: str) -> dict:
        env = {k: v for k, v in os.environ.items() if k not in SCRUB}
        env.update(self.env)
        env.update(extra)
        return env

    def manage(self, *args: str, debug: bool = False) -> None:
        started = time.monotonic()
        env = self.child_env(**({"DJANGO_DEBUG": "1"} if debug else {}))
        result = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
        )
        if result.returncode != 0:
            raise StackError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        log(f"manage.py {args[0]}: {time.monotonic() - started:.1f} s")

    # app processes ---------------------------------------------------------------------

    def app_pidfile(self, index: int) -> Path:
        return self.state / f"app{index}.pid"

    def start_app(self, index: int, wait: bool = True) -> subprocess.Popen:
        port = self.data["app_ports"][index - 1]
        pidfile = self.app_pidfile(index)
        if pid_alive(read_pid(pidfile)):
            raise StackError(f"app process {index} is already running")
        env = self.child_env(
            GUNICORN_BIND=f"127.0.0.1:{port}",
            GUNICORN_PIDFILE=str(pidfile),
            GUNICORN_NAME=f"cocreatie-stack-{index}",
        )
        with open(self.state / f"app{index}.log", "ab") as out:
            proc = subprocess.Popen(  # noqa: S603
                [str(BIN / "gunicorn"), "-c", str(DEPLOY / "gunicorn.conf.py"), "cocreatie.wsgi"],
                cwd=ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=out,
                start_new_session=True,  # survives this script and Ctrl+C in the terminal
            )
        self.data.setdefault("app_pids", {})[str(index)] = proc.pid
        if wait:
            wait_healthy(port, f"app process {index}", proc=proc)
        return proc

    def stop_app(self, index: int) -> None:
        pid = read_pid(self.app_pidfile(index)) or self.data.get("app_pids", {}).get(str(index))
        stop_pid(pid, f"app process {index}")  # SIGTERM: gunicorn finishes running requests

    # nginx -----------------------------------------------------------------------------

    def nginx(self, *args: str) -> subprocess.CompletedProcess:
        conf = self.state / "nginx.conf"
        return subprocess.run(  # noqa: S603
            [
                self.data["nginx_bin"],
                "-p",
                f"{self.state}/",
                "-c",
                str(conf),
                "-e",
                str(self.state / "nginx-error.log"),
                *args,
            ],
            capture_output=True,
            text=True,
        )

    def write_nginx_conf(self) -> None:
        drained = set(self.data.get("drained", []))
        servers = "\n".join(
            f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=2s{' down' if index in drained else ''};"
            for index, port in enumerate(self.data["app_ports"], start=1)
        )
        text = (DEPLOY / "nginx" / "stack.conf.in").read_text()
        for key, value in {
            "@STATE@": str(self.state),
            "@ROOT@": str(ROOT),
            "@PORT@": str(self.data["port"]),
            "@SERVERS@": servers,
            # Started as root, nginx would run its workers as "nobody", who may not enter the
            # state folder (pytest's is 0700) or the checkout: request bodies and static files
            # would fail. Loopback only, so the workers keep the caller's identity.
            "@USER@": "user root;" if os.geteuid() == 0 else "",
        }.items():
            text = text.replace(key, value)
        (self.state / "nginx.conf").write_text(text)
        snippets = self.state / "snippets"
        snippets.mkdir(exist_ok=True)
        for name in ("cocreatie-locations.conf", "cocreatie-proxy.conf"):
            shutil.copyfile(DEPLOY / "nginx" / name, snippets / name)
        for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.state / "tmp" / sub).mkdir(parents=True, exist_ok=True)


# --- commands ------------------------------------------------------------------------------


def running(stack: Stack) -> bool:
    if not stack.data:
        return False
    pids = [read_pid(stack.state / "nginx.pid")]
    pids += [read_pid(stack.app_pidfile(i)) for i in range(1, len(stack.data.get("app_ports", [])) + 1)]
    return any(pid_alive(pid) for pid in pids)


def up(args) -> Stack:
    stack = Stack(args.state)
    if running(stack):
        raise StackError(f"the stack in {stack.state} is already running: stop it with `make stack-down`")
    nginx_bin = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not nginx_bin:
        raise StackError("nginx is not installed (Debian: apt-get install nginx)")
    stack.state.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()

    server = args.postgres.rstrip("/")
    dbname = args.db
    database_url = f"{server}/{dbname}"
    template = f"cc_stack_tpl_{schema_fingerprint()[:16]}" if args.template else None
    try:
        with connect(f"{server}/postgres") as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
            cloned = False
            if (
                template
                and conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (template,)).fetchone()
            ):
                try:
                    conn.execute(f'CREATE DATABASE "{dbname}" TEMPLATE "{template}"')
                    cloned = True
                except Exception as exc:  # e.g. the template is being made right now
                    log(f"could not clone {template} ({exc}); migrating instead")
            if not cloned:
                conn.execute(f'CREATE DATABASE "{dbname}"')
    except Exception as exc:
        raise StackError(f"PostgreSQL at {server} is not usable: {exc}") from exc
    log(f"fresh database {dbname}" + (f" (a copy of {template}: migrated, content loaded)" if cloned else ""))

    prefix = f"stack-{dbname}"
    redis_url = f"{args.redis.rstrip('/')}/{args.redis_db}"
    env = {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_HTTPS": "0",  # loopback has no certificate; production sets DJANGO_HTTPS=1
        "DJANGO_BEHIND_PROXY": "1",
        "DJANGO_TRUSTED_PROXIES": "127.0.0.1,::1",
        "DATABASE_URL": database_url,
        "DJANGO_CONN_MAX_AGE": "60",
        "DJANGO_CACHE_PREFIX": prefix,
        "GUNICORN_WORKERS": os.environ.get("GUNICORN_WORKERS", str(args.workers)),
        "GUNICORN_THREADS": os.environ.get("GUNICORN_THREADS", "2"),
        "GUNICORN_FORWARDED_ALLOW_IPS": "127.0.0.1,::1",
    }
    for item in args.set:
        key, sep, value = item.partition("=")
        if not sep or not key.isidentifier():
            raise StackError(f"--set needs KEY=VALUE, not {item!r}")
        env[key] = value
    if not args.no_redis and redis_available(redis_url):
        env["REDIS_URL"] = redis_url
        log(f"cache: Redis {redis_url} (keys {prefix}:*)")
    else:
        log("cache: database table (no Redis)")

    port = args.port or free_port(8180)
    app_ports: list[int] = []
    for _ in range(args.apps):
        candidate = free_port(None)
        while candidate in app_ports or candidate == port:
            candidate = free_port(None)
        app_ports.append(candidate)
    stack.data = {
        "state": str(stack.state),
        "url": f"http://127.0.0.1:{port}/",
        "port": port,
        "app_ports": app_ports,
        "db": dbname,
        "postgres": server,
        "redis_prefix": prefix if "REDIS_URL" in env else None,
        "nginx_bin": nginx_bin,
        "env": env,
    }
    stack.save()
    (stack.state / "stack.env").write_text("".join(f"{k}={v}\n" for k, v in env.items()))
    os.chmod(stack.state / "stack.env", 0o600)

    try:
        # collectstatic (no database needed) runs in a thread beside migrate.
        collector = threading.Thread(target=collect_static, args=(stack, errors := []))
        collector.start()
        try:
            if not cloned:
                stack.manage("migrate", "--noinput", "-v", "0")
                stack.manage("inhoud_laden")
                if template:
                    save_template(server, dbname, template)
        finally:
            collector.join()
        if errors:
            raise errors[0]
        # The *.mo files are not in git; skipped when they are newer than the .po files.
        stack.manage("compilemessages", "--ignore=.venv", "--ignore=var", "-v", "0")
        if args.demo:
            # Demo users for trying the stack out; `demo` only runs with DEBUG on, so this one
            # command gets it. The app processes themselves run with DEBUG off.
            stack.manage("demo", debug=True)
        log(
            "migrated, static files collected, translations compiled, content loaded"
            + (", demo data" if args.demo else "")
        )

        # Start them all, then wait: each needs a few seconds to import Django.
        procs = {index: stack.start_app(index, wait=False) for index in range(1, args.apps + 1)}
        for index, proc in procs.items():
            wait_healthy(app_ports[index - 1], f"app process {index}", proc=proc)
        log(f"{args.apps} app processes on ports {', '.join(map(str, app_ports))}")
        stack.write_nginx_conf()
        check = stack.nginx("-t")
        if check.returncode != 0:
            raise StackError(f"nginx configuration test failed:\n{check.stderr}")
        started_nginx = stack.nginx()
        if started_nginx.returncode != 0:
            raise StackError(f"nginx did not start:\n{started_nginx.stderr}")
        wait_healthy(port, "nginx")
    except Exception:
        stack.save()
        down_stack(stack, quiet=True)
        raise
    stack.save()
    log(f"up in {time.monotonic() - started:.1f} s")
    print()
    print(f"Cocreatie (productievorm) draait op {stack.data['url']}")
    if args.demo:
        print("Inloggen: begeleider / teamlid / manager / buitenstaander, wachtwoord: demo")
    print(f"Logbestanden en instellingen: {stack.state}/  Stoppen: make stack-down")
    return stack


def down_stack(stack: Stack, quiet: bool = False) -> None:
    if not stack.data:
        if not quiet:
            log(f"no stack in {stack.state}")
        return
    # Signal everything at once, then wait: nginx QUIT (finish open requests), gunicorn TERM
    # (finish running requests). Waiting one after the other would add a few seconds each.
    pids = {"nginx": (read_pid(stack.state / "nginx.pid"), signal.SIGQUIT)}
    for index in range(1, len(stack.data.get("app_ports", [])) + 1):
        pid = read_pid(stack.app_pidfile(index)) or stack.data.get("app_pids", {}).get(str(index))
        pids[f"app process {index}"] = (pid, signal.SIGTERM)
    for pid, sig in pids.values():
        if pid_alive(pid):
            os.kill(pid, sig)
    for what, (pid, sig) in pids.items():
        stop_pid(pid, what, sig)
    if stack.data.get("redis_prefix") and stack.env.get("REDIS_URL"):
        with contextlib.suppress(Exception):
            import redis

            client = redis.Redis.from_url(stack.env["REDIS_URL"], socket_connect_timeout=1)
            keys = list(client.scan_iter(match=f"{stack.data['redis_prefix']}:*", count=1000))
            if keys:
                client.delete(*keys)
    try:
        with connect(f"{stack.data['postgres']}/postgres") as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{stack.data["db"]}" WITH (FORCE)')
    except Exception as exc:
        log(f"could not drop database {stack.data['db']}: {exc}")
    for name in ("stack.json", "stack.env", "nginx.conf"):
        (stack.state / name).unlink(missing_ok=True)
    stack.data = {}
    if not quiet:
        log("stopped; database dropped")


def set_drained(stack: Stack, drained: list[int]) -> None:
    """Take app processes out of nginx's rotation (`down`) or put them back, with a graceful
    reload: running requests finish, new ones go to the others. This is how to restart a
    process without a single failed request (drain, restart, undrain)."""
    if len(set(drained)) >= len(stack.data["app_ports"]):
        raise StackError("at least one app process must stay in the rotation")
    stack.data["drained"] = sorted(set(drained))
    stack.write_nginx_conf()
    result = stack.nginx("-s", "reload")
    if result.returncode != 0:
        raise StackError(f"nginx reload failed:\n{result.stderr}")
    stack.save()
    # Wait until the new nginx workers answer: only active processes show up.
    active = {f"127.0.0.1:{port}" for i, port in enumerate(stack.data["app_ports"], 1) if i not in drained}
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            seen = {
                http_get(stack.data["port"], "/gezond/", timeout=10)[1].get("X-Upstream", "")
                for _ in range(2 * len(active) + 2)
            }
        except OSError:  # busy (e.g. right after a load test): try again
            time.sleep(0.2)
            continue
        if seen <= active:
            return
        time.sleep(0.1)
    raise StackError("nginx did not take the new upstream list in time")


def status(stack: Stack) -> int:
    if not stack.data:
        print(f"no stack in {stack.state}")
        return 1
    print(f"url: {stack.data['url']}  database: {stack.data['db']}")
    print(f"nginx: {'running' if pid_alive(read_pid(stack.state / 'nginx.pid')) else 'stopped'}")
    for index, port in enumerate(stack.data["app_ports"], start=1):
        alive = pid_alive(read_pid(stack.app_pidfile(index)))
        drained = " (drained: out of nginx's rotation)" if index in stack.data.get("drained", []) else ""
        print(f"app {index} (port {port}): {'running' if alive else 'stopped'}{drained}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "command", choices=["up", "down", "status", "stop-app", "start-app", "drain", "undrain"]
    )
    parser.add_argument("index", nargs="?", type=int, help="app process number for stop-app/start-app")
    parser.add_argument("--state", type=Path, default=DEFAULT_STATE, help="state folder (default var/stack)")
    parser.add_argument("--db", default="cocreatie_stack", help="database name (dropped and created)")
    parser.add_argument("--postgres", default=os.environ.get("STACK_POSTGRES", DEFAULT_SERVER))
    parser.add_argument("--redis", default=os.environ.get("STACK_REDIS", DEFAULT_REDIS))
    parser.add_argument("--redis-db", type=int, default=12, help="Redis database number (default 12)")
    parser.add_argument("--no-redis", action="store_true", help="use the database cache even if Redis runs")
    parser.add_argument("--port", type=int, default=0, help="nginx port (default: free, from 8180)")
    parser.add_argument("--apps", type=int, default=2, help="number of app processes (default 2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per app process")
    parser.add_argument("--demo", action="store_true", help="also create the demo users and data")
    parser.add_argument(
        "--template",
        action="store_true",
        help="reuse (or save) a migrated copy of the database (cc_stack_tpl_<hash>); for the tests",
    )
    parser.add_argument(
        "--set", action="append", default=[], metavar="KEY=VALUE", help="extra environment for the app"
    )
    args = parser.parse_args(argv)
    try:
        if args.command == "up":
            up(args)
        elif args.command == "down":
            down_stack(Stack(args.state))
        elif args.command == "status":
            return status(Stack(args.state))
        else:
            stack = Stack(args.state)
            if not stack.data or not args.index or not 1 <= args.index <= len(stack.data["app_ports"]):
                raise StackError("give the number of a running stack's app process, e.g. `stop-app 1`")
            if args.command == "stop-app":
                stack.stop_app(args.index)
            elif args.command == "drain":
                set_drained(stack, [*stack.data.get("drained", []), args.index])
            elif args.command == "undrain":
                set_drained(stack, [i for i in stack.data.get("drained", []) if i != args.index])
            else:
                stack.start_app(args.index)
                stack.save()
    except StackError as exc:
        print(f"[stack] {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
