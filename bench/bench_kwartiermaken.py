"""The kwartiermaken organisation overview with 200 teams vs a bare Django view, same process and run.

`python -m bench bench_kwartiermaken`. Uses a throw-away SQLite database (never the real one),
times requests through Django's test client (server time, no network), and prints medians
and their ratio, because these machines are noisy.
"""

import tempfile
from pathlib import Path

from bench.common import RUNS, median_ms, setup_django, urlconf_with_bare

TEAMS = 200


def _fill():
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from kwartiermaken.models import Besluit, Fase, FaseStart, Stap, StapVoortgang
    from trajecten.models import Organisatie, Sector, Team, Traject

    call_command("migrate", verbosity=0)
    call_command("inhoud_laden", verbosity=0)
    manager = get_user_model().objects.create_user("bench-manager")  # force_login: no password needed
    org = Organisatie.objects.create(naam="Bench-organisatie")
    org.leidinggevenden.add(manager)
    teams = Team.objects.bulk_create(
        [Team(organisatie=org, naam=f"Team {i:03}", sector=Sector.GGZ) for i in range(TEAMS)]
    )
    trajecten = Traject.objects.bulk_create(
        [Traject(team=t, titel=f"Traject {t.naam}", startdatum="2026-09-01") for t in teams]
    )
    stappen = list(Stap.objects.order_by("fase__nummer", "volgorde"))
    fase_2 = Fase.objects.get(nummer=2)
    rows, besluiten, starts = [], [], []
    for i, t in enumerate(trajecten):
        for stap in stappen[: i % len(stappen)]:
            rows.append(StapVoortgang(traject=t, stap=stap, status="klaar" if i % 3 else "bezig"))
        if i % 2:
            besluiten.append(Besluit(traject=t, keuze="go", redenen="bench", datum="2026-10-01", naam="B"))
            starts.append(FaseStart(traject=t, fase=fase_2, zonder_go=False))
    StapVoortgang.objects.bulk_create(rows)
    Besluit.objects.bulk_create(besluiten)
    FaseStart.objects.bulk_create(starts)
    return org, manager


def main():
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        from django.db import connection
        from django.test import Client, override_settings

        org, manager = _fill()
        urlconf = urlconf_with_bare()
        with override_settings(ROOT_URLCONF=urlconf):
            client = Client()
            client.force_login(manager)
            bare = median_ms(client, "/bench-bare/")
            # Context: the hub's own organisation page listing the same 200 teams.
            organisatie = median_ms(client, f"/organisaties/{org.pk}/")
            results = {
                "overzicht (200 teams)": median_ms(client, f"/organisaties/{org.pk}/overzicht/"),
                "overzicht, sorted by progress": median_ms(
                    client, f"/organisaties/{org.pk}/overzicht/?sorteer=voortgang"
                ),
                "overzicht.csv (200 teams)": median_ms(client, f"/organisaties/{org.pk}/overzicht.csv"),
            }
        connection.close()
    from django.conf import settings

    print(
        f"DEBUG={settings.DEBUG}; bare view (logged in, full middleware): median {bare:.2f} ms over {RUNS} runs"
    )
    print(
        f"organisation page (200 teams, hub): median {organisatie:.2f} ms = {organisatie / bare:.1f}x the bare view"
    )
    for name, ms in results.items():
        print(
            f"{name}: median {ms:.2f} ms = {ms / bare:.1f}x the bare view, "
            f"{ms / organisatie:.1f}x the organisation page"
        )


if __name__ == "__main__":
    main()
