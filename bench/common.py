"""What the in-process benchmarks share: Django set up in the production shape on a
throw-away database, a bare view as the baseline, and medians of server time.

Each bench module runs in a process of its own (bench/__main__.py), because Django
can be set up only once per process.
"""

import os
import statistics
import time

RUNS = 30


def setup_django(db_url: str) -> None:
    """Set Django up on `db_url` with DEBUG off (cached templates, no debug bookkeeping)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cocreatie.settings")
    os.environ["DATABASE_URL"] = db_url
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ.setdefault("DJANGO_HTTPS", "0")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-" + "x" * 50)
    import django
    from django.apps import apps
    from django.conf import settings

    if not apps.ready:
        django.setup()
    settings.ALLOWED_HOSTS = ["*"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # No collectstatic in a benchmark: plain static storage, names unhashed.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def bare(request):
    from django.http import HttpResponse

    return HttpResponse("ok")


def urlconf_with_bare():
    """The project's URLs plus /bench-bare/, the baseline every figure is divided by."""
    from django.urls import include, path

    return type(
        "BenchUrls", (), {"urlpatterns": [path("bench-bare/", bare), path("", include("cocreatie.urls"))]}
    )


def median_ms(client, url, runs: int = RUNS, headers: dict | None = None) -> float:
    for _ in range(3):
        client.get(url, headers=headers or {})
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url, headers=headers or {})
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def interleaved_medians(cases: dict, runs: int = RUNS, rounds: int = 6) -> dict[str, float]:
    """Median ms per case {name: (client, url, headers)}; the cases take turns so that load
    spikes on a shared machine hit all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in cases}
    for client, url, headers in cases.values():
        for _ in range(3):
            client.get(url, headers=headers)
    for _round in range(rounds):
        for name, (client, url, headers) in cases.items():
            for _ in range(max(1, runs // rounds)):
                start = time.perf_counter()
                response = client.get(url, headers=headers)
                times[name].append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (url, response.status_code)
    return {name: statistics.median(t) for name, t in times.items()}
