"""The exercise page with 300 cards and 1,000 votes vs a bare Django view: `python -m bench bench_oefeningen`.

Same process, same run: Django's test client (server time, no network), a throw-away SQLite
database (or PostgreSQL when BENCH_DATABASE_URL is set), medians over RUNS requests. Also the
htmx partial of the same page, the exercise overview and the trajectory page (which shows the
exercises' progress per chapter).
"""

import os
import tempfile
from pathlib import Path

from bench.common import RUNS, interleaved_medians, setup_django, urlconf_with_bare

CARDS = 300
MEMBERS = 100
VOTES_EACH = 10  # 100 members x 10 votes = 1,000 votes


def _fill():
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from oefeningen.models import Bijdrage, Hoofdstuk, Oefening, Stem
    from trajecten.models import Lidmaatschap, Organisatie, Perspectief, Rol, Sector, Team, Traject

    call_command("migrate", verbosity=0)
    User = get_user_model()
    org = Organisatie.objects.create(naam="Bench")
    team = Team.objects.create(organisatie=org, naam="Bench team", sector=Sector.GGZ)
    traject = Traject.objects.create(team=team, titel="Bench traject", startdatum="2026-09-01")
    users = User.objects.bulk_create(
        [User(username=f"bench-oef-{i}", first_name=f"Lid {i}") for i in range(MEMBERS)]
    )
    Lidmaatschap.objects.bulk_create(
        [
            Lidmaatschap(
                user=u,
                team=team,
                rol=Rol.BEGELEIDER if i == 0 else Rol.TEAMLID,
                perspectief=list(Perspectief)[i % 5],
            )
            for i, u in enumerate(users)
        ]
    )
    hoofdstuk = Hoofdstuk.objects.create(slug="context", nummer=3, titel="Context", volgorde=3)
    oefening = Oefening.objects.create(
        slug="bench-sterktes",
        hoofdstuk=hoofdstuk,
        titel="Sterktes",
        soort="kaarten",
        vraag="Wat zijn onze sterktes?",
        bron="Ervaring werkt §3.1.1",
        instellingen={"kaartlabel": "Sterkte", "stemmen_per_persoon": VOTES_EACH},
    )
    cards = Bijdrage.objects.bulk_create(
        [
            Bijdrage(
                traject=traject,
                oefening=oefening,
                auteur=users[i % MEMBERS],
                tekst=f"Sterkte nummer {i} " * 3,
            )
            for i in range(CARDS)
        ]
    )
    Stem.objects.bulk_create(
        [
            Stem(
                traject=traject,
                oefening=oefening,
                bijdrage=cards[(u * 7 + v * 31) % CARDS],
                kiezer=user,
                plek=v + 1,
            )
            for u, user in enumerate(users)
            for v in range(VOTES_EACH)
        ]
    )
    assert Bijdrage.objects.count() == CARDS and Stem.objects.count() == MEMBERS * VOTES_EACH
    return users[0], users[1], traject, oefening


def main():
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        from django.db import connection
        from django.test import Client, override_settings

        begeleider, teamlid, traject, oefening = _fill()
        urlconf = urlconf_with_bare()
        page = f"/trajecten/{traject.pk}/oefeningen/{oefening.slug}/"
        with override_settings(ROOT_URLCONF=urlconf):
            client = Client()
            client.force_login(teamlid)
            leider = Client()
            leider.force_login(begeleider)
            hx = {"HX-Request": "true"}
            results = interleaved_medians(
                {
                    "bare": (client, "/bench-bare/", {}),
                    f"exercise page, {CARDS} cards, {MEMBERS * VOTES_EACH} votes (teamlid)": (
                        client,
                        page,
                        {},
                    ),
                    "same page, htmx partial only": (client, page, hx),
                    "same page for the begeleider (moderation controls on every card)": (leider, page, {}),
                    "exercise overview": (client, f"/trajecten/{traject.pk}/oefeningen/", {}),
                    "trajectory page (progress per chapter)": (client, f"/trajecten/{traject.pk}/", {}),
                }
            )
            bare = results.pop("bare")
        connection.close()
    print(f'bare view (HttpResponse("ok"), full middleware, no query): median {bare:.2f} ms over {RUNS} runs')
    for name, ms in results.items():
        print(f"{name}: median {ms:.2f} ms = {ms / bare:.1f}x the bare view")


if __name__ == "__main__":
    main()
