"""The production files themselves, without the running stack: the nginx site passes `nginx -t`
on this nginx, the systemd units parse, gunicorn takes its settings from the environment."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.stack.conftest import ROOT

DEPLOY = ROOT / "deploy"


def _run(*args, env=None, cwd=ROOT):
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.skipif(not (shutil.which("nginx") and shutil.which("openssl")), reason="needs nginx and openssl")
def test_the_production_nginx_site_passes_nginx_t(tmp_path):
    nginx = shutil.which("nginx")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    made = _run(
        "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
        "-days", "1", "-subj", "/CN=cocreatie.example.nl",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    (tmp_path / "snippets").mkdir()
    for name in ("cocreatie-locations.conf", "cocreatie-proxy.conf"):
        shutil.copyfile(DEPLOY / "nginx" / name, tmp_path / "snippets" / name)
    site = (DEPLOY / "nginx" / "cocreatie.conf").read_text()
    site = site.replace("/etc/letsencrypt/live/cocreatie.example.nl/fullchain.pem", str(cert))
    site = site.replace("/etc/letsencrypt/live/cocreatie.example.nl/privkey.pem", str(key))
    site = site.replace("/var/log/nginx/", f"{tmp_path}/")
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n include /etc/nginx/mime.types;\n include {tmp_path}/site.conf;\n}}\n"
    )
    result = _run(
        nginx, "-t", "-p", f"{tmp_path}/", "-c", str(tmp_path / "nginx.conf"), "-e", str(tmp_path / "e.log")
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="needs systemd-analyze")
def test_the_systemd_units_parse(tmp_path):
    units = ["cocreatie@8001.service", "cocreatie.target", "cocreatie-release.service"]
    units += ["cocreatie-backup.service", "cocreatie-backup.timer"]
    for name in os.listdir(DEPLOY / "systemd"):
        shutil.copyfile(DEPLOY / "systemd" / name, tmp_path / name)
    shutil.copyfile(tmp_path / "cocreatie@.service", tmp_path / "cocreatie@8001.service")
    result = _run("systemd-analyze", "verify", "--man=no", *units, cwd=tmp_path)
    problems = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if any(word in line for word in ("Unknown", "Invalid", "Failed to parse", "bad-setting", "Missing"))
    ]
    assert not problems, problems


def test_gunicorn_takes_workers_threads_and_bind_from_the_environment():
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("GUNICORN_")},
        "GUNICORN_WORKERS": "3",
        "GUNICORN_THREADS": "4",
        "GUNICORN_BIND": "127.0.0.1:9001,127.0.0.1:9002",
        "GUNICORN_FORWARDED_ALLOW_IPS": "10.0.0.5",
    }
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    result = _run(gunicorn, "-c", "deploy/gunicorn.conf.py", "--print-config", "cocreatie.wsgi", env=env)
    assert result.returncode == 0, result.stderr
    settings = {}
    for line in result.stdout.splitlines():
        name, _, value = line.partition("=")
        settings[name.strip()] = value.strip()
    assert settings["workers"] == "3"
    assert settings["threads"] == "4"
    assert settings["worker_class"] == "gthread"
    assert settings["bind"] == "['127.0.0.1:9001', '127.0.0.1:9002']"
    assert settings["forwarded_allow_ips"] == "['10.0.0.5']"
    assert settings["control_socket_disable"] == "True", "two processes on one machine must not share it"

    bad = _run(
        gunicorn,
        "-c",
        "deploy/gunicorn.conf.py",
        "--check-config",
        "cocreatie.wsgi",
        env={**env, "GUNICORN_WORKERS": "veel"},
    )
    assert bad.returncode != 0
    assert "GUNICORN_WORKERS must be a whole number" in bad.stdout + bad.stderr
