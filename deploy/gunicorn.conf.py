"""Gunicorn settings for one Cocreatie app process, read from the environment.

Start one process per port (or per machine) and put nginx in front:

    gunicorn -c deploy/gunicorn.conf.py cocreatie.wsgi

Every knob is an environment variable (see deploy/README.md), so the systemd unit
and `make stack` share this one file.
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise SystemExit(f"{name} must be a whole number, not {raw!r}") from exc


# Where this process listens. Keep it on loopback or a private network: only nginx talks to it.
bind = [item.strip() for item in os.environ.get("GUNICORN_BIND", "127.0.0.1:8001").split(",") if item.strip()]

# Sync workers with a few threads: requests are short (pages, polls, small posts) and the
# database is the shared state, so workers * threads is the number of concurrent requests.
workers = _int("GUNICORN_WORKERS", min(4, multiprocessing.cpu_count() + 1))
threads = _int("GUNICORN_THREADS", 2)
worker_class = "gthread" if threads > 1 else "sync"

timeout = _int("GUNICORN_TIMEOUT", 60)  # a plan PDF takes about a second; 60 s is generous
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)  # SIGTERM: finish running requests first
keepalive = _int("GUNICORN_KEEPALIVE", 5)  # nginx keeps upstream connections open
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10

# X-Forwarded-* is believed only from these addresses (nginx). The app itself reads
# DJANGO_TRUSTED_PROXIES for the client address used by login throttling.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

pidfile = os.environ.get("GUNICORN_PIDFILE") or None
proc_name = os.environ.get("GUNICORN_NAME", "cocreatie")
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None  # nginx already logs every request
errorlog = os.environ.get("GUNICORN_ERRORLOG", "-")
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")

# Gunicorn 27's control socket defaults to one path per user, which two processes on one
# machine would share; give each its own path, or leave it off.
_control = os.environ.get("GUNICORN_CONTROL_SOCKET", "").strip()
if _control:
    control_socket = _control
else:
    control_socket_disable = True

# Heartbeat files in memory, not on a possibly slow disk.
if os.path.isdir("/dev/shm"):  # noqa: S108
    worker_tmp_dir = "/dev/shm"  # noqa: S108


# Gunicorn believes X-Forwarded-Proto only from forwarded_allow_ips for its own url_scheme, but
# passes the header on to Django, whose SECURE_PROXY_SSL_HEADER reads it whoever sent it. So drop
# every forwarding header of a request that does not come from our proxy: then the app believes
# the client's scheme and address only when nginx set them.
_FORWARDING = {
    "X-FORWARDED-PROTO",
    "X-FORWARDED-PROTOCOL",
    "X-FORWARDED-SSL",
    "X-FORWARDED-FOR",
    "X-FORWARDED-HOST",
    "X-FORWARDED-PORT",
    "X-REAL-IP",
    "FORWARDED",
}


def _trusted_networks():
    import ipaddress

    items = [item.strip() for item in forwarded_allow_ips.split(",") if item.strip()]
    if "*" in items:
        return None
    return [ipaddress.ip_network(item, strict=False) for item in items]


_TRUSTED = _trusted_networks()


def pre_request(worker, req):
    import ipaddress

    peer = req.peer_addr[0] if isinstance(req.peer_addr, tuple) else None
    if _TRUSTED is None or peer is None:  # "*" or a unix socket: only the proxy can connect
        return
    try:
        address = ipaddress.ip_address(peer)
    except ValueError:
        address = None
    if address is not None and any(address in network for network in _TRUSTED):
        return
    req.headers = [(name, value) for name, value in req.headers if name.upper() not in _FORWARDING]
