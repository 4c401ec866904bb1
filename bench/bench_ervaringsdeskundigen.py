"""ED pages vs a bare Django view, same process and run: `python -m bench bench_ervaringsdeskundigen`.

The list of places at 5 and 100 places (the query count is fixed; this shows the render cost),
the place page with a granted sensitive profile (one audit write per view), and the personal-data
download. Throw-away SQLite database; Django's test client (server time, no network); medians.
"""

import tempfile
from pathlib import Path

from bench.common import RUNS, median_ms, setup_django, urlconf_with_bare


def _fill():
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from ervaringsdeskundigen.models import Plek, WervingStap
    from ervaringsdeskundigen.services import inzage_geven, profiel_opslaan
    from trajecten.models import Lidmaatschap, Organisatie, Rol, Sector, Team, Traject

    call_command("migrate", verbosity=0)
    User = get_user_model()
    org = Organisatie.objects.create(naam="Bench")
    begeleider = User.objects.create_user("bench-begeleider")
    trajecten = {}
    for size in (5, 100):
        team = Team.objects.create(organisatie=org, naam=f"Team {size}", sector=Sector.GGZ)
        Lidmaatschap.objects.create(
            user=begeleider, team=team, rol=Rol.BEGELEIDER, perspectief="professional"
        )
        traject = Traject.objects.create(team=team, titel=f"Traject {size}", startdatum="2026-09-01")
        users = User.objects.bulk_create(
            [User(username=f"ed-{size}-{i}", first_name=f"ED {i}") for i in range(size)]
        )
        Lidmaatschap.objects.bulk_create(
            [
                Lidmaatschap(user=u, team=team, rol=Rol.TEAMLID, perspectief="ervaringsdeskundige")
                for u in users
            ]
        )
        plekken = Plek.objects.bulk_create(
            [
                Plek(
                    traject=traject,
                    titel=f"Plek {i}",
                    ervaringsdeskundige=u if i % 2 else None,
                    statuut="betaald",
                    uren_per_week=16,
                    positie="tandem",
                    tandem_partner=begeleider,
                    rollen_boek=["brug"],
                    rollen_handreiking=["ondersteuner"],
                    werkvelden=["beleid"],
                    maatje="Mo",
                )
                for i, u in enumerate(users)
            ]
        )
        WervingStap.objects.bulk_create(
            [
                WervingStap(plek=p, stap=s)
                for p in plekken
                if not p.ervaringsdeskundige_id
                for s in WervingStap.Stap
            ]
        )
        trajecten[size] = (traject, plekken)
    owner = trajecten[5][1][1].ervaringsdeskundige
    profiel_opslaan(
        user=owner, ervaringsthema="thema", ervaringsverhaal="verhaal " * 50, toestemming_gegeven=True
    )
    inzage_geven(eigenaar=owner, ontvanger=begeleider)
    return begeleider, owner, trajecten


def main():
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        from django.db import connection
        from django.test import Client, override_settings

        begeleider, owner, trajecten = _fill()
        urlconf = urlconf_with_bare()
        with override_settings(ROOT_URLCONF=urlconf):
            client = Client()
            client.force_login(begeleider)
            bare = median_ms(client, "/bench-bare/")
            t5, plekken5 = trajecten[5]
            t100, _ = trajecten[100]
            results = {
                "places list, 5 places": median_ms(client, f"/trajecten/{t5.pk}/ervaringsdeskundigen/"),
                "places list, 100 places": median_ms(client, f"/trajecten/{t100.pk}/ervaringsdeskundigen/"),
                "place with granted sensitive profile (audited)": median_ms(
                    client, f"/trajecten/{t5.pk}/ervaringsdeskundigen/{plekken5[1].pk}/"
                ),
            }
            ed_client = Client()
            ed_client.force_login(owner)
            results["Mijn gegevens download (JSON, audited)"] = median_ms(
                ed_client, "/mijn-gegevens/download/"
            )
        connection.close()
    print(f"bare view (logged in, full middleware): median {bare:.2f} ms over {RUNS} runs")
    for name, ms in results.items():
        print(f"{name}: median {ms:.2f} ms = {ms / bare:.1f}x the bare view")


if __name__ == "__main__":
    main()
