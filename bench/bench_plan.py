"""The plan van aanpak as PDF: `python -m bench bench_plan`.

A plan with every chapter filled (every exercise completed, seven decisions, 300 compass
cards, 50 actions, risks for the west cards, the other apps' demo data), rendered to a
tagged PDF, beside a one-page WeasyPrint document with the same stylesheet in the same
process and run. Target: the full plan in under 2 s. Throw-away SQLite database; medians
of RUNS renders after one warm-up render (the first render in a process loads fonts).

The same plan with SCALE times the content (cards, actions, risks, cards per exercise) in a
second trajectory of the same database: the render time must grow no faster than the
content (at most 4.5x the time for 4x the content).
"""

import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from bench.common import setup_django

RUNS = 5
CARDS = 300
ACTIONS = 50
SCALE = 4


def _fill(scale: int = 1, nummer: int = 1):
    from datetime import date, timedelta

    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from oefeningen import selectors
    from oefeningen import services as oef
    from oefeningen.models import Bijdrage, Oefening
    from plan.models import Actie, Besluit, Onderwerp, Risico
    from trajecten.models import Lidmaatschap, Organisatie, Perspectief, Rol, Sector, Team, Traject
    from trajecten.registries import demo_hooks

    if nummer == 1:
        call_command("migrate", verbosity=0)
        call_command("inhoud_laden", verbosity=0)
    User = get_user_model()
    org = Organisatie.objects.create(naam=f"Zorggroep Bench {nummer}")
    team = Team.objects.create(organisatie=org, naam=f"Team Bench {nummer}", sector=Sector.GGZ)
    begeleider = User.objects.create_user(f"bench-begeleider-{nummer}", first_name="Bea")
    manager = User.objects.create_user(f"bench-manager-{nummer}", first_name="Mira")
    org.leidinggevenden.add(manager)
    Lidmaatschap.objects.create(
        user=begeleider, team=team, rol=Rol.BEGELEIDER, perspectief=Perspectief.PROFESSIONAL
    )
    leden = User.objects.bulk_create(
        [User(username=f"lid{nummer}-{i}", first_name=f"Lid {i}") for i in range(12)]
    )
    perspectieven = list(Perspectief.values)
    Lidmaatschap.objects.bulk_create(
        [
            Lidmaatschap(
                user=u, team=team, rol=Rol.TEAMLID, perspectief=perspectieven[i % len(perspectieven)]
            )
            for i, u in enumerate(leden)
        ]
    )
    traject = Traject.objects.create(
        team=team, titel="Ervaringskennis inbedden in Herstel Noord", startdatum=date(2026, 9, 1)
    )
    traject.begeleiders.add(begeleider)
    for hook in demo_hooks():  # the other apps' data: go/no-go, phases, ED places, sessions...
        hook(traject)

    oefeningen = list(Oefening.objects.all())
    for o in oefeningen:
        if o.kind.kaart_invoer:
            for i in range(3 * scale):
                oef.bijdrage_toevoegen(
                    traject=traject,
                    oefening=o,
                    auteur=leden[i % len(leden)],
                    data={"tekst": f"Kaart {i} bij {o.titel}"},
                )
        oef.status_zetten(traject=traject, oefening=o, status="afgerond")
    kompas = selectors.kompas_oefeningen()[0]  # the compass the plan reads
    richtingen = ["noord", "oost", "zuid", "west"]
    Bijdrage.objects.bulk_create(
        [
            Bijdrage(
                traject=traject,
                oefening=kompas,
                auteur=leden[i % len(leden)],
                item=richtingen[i % 4],
                tekst=f"Kompaskaart {i}: een gedachte over waar we heen willen en wat ons tegenhoudt",
            )
            for i in range(CARDS * scale)
        ]
    )
    vandaag = date.today()
    for onderwerp in Onderwerp:
        Besluit.objects.update_or_create(
            traject=traject,
            onderwerp=onderwerp,
            defaults={
                "tekst": "Wij besluiten dit samen, op basis van wat de groep in de oefeningen zei. " * 4,
                "eigenaar": manager,
                "datum": vandaag,
                "herzien_op": vandaag + timedelta(days=180),
            },
        )
    Actie.objects.bulk_create(
        [
            Actie(
                traject=traject,
                wat=f"Actie {i}: een concrete stap uit het kompas",
                eigenaar=leden[i % len(leden)],
                wanneer=vandaag + timedelta(days=i),
                herzien_op=vandaag + timedelta(days=30 + i),
            )
            for i in range(ACTIONS * scale)
        ]
    )
    west = Bijdrage.objects.filter(traject=traject, oefening=kompas, item="west")
    Risico.objects.bulk_create(
        [
            Risico(traject=traject, omschrijving=b.tekst, reactie="Zo gaan we ermee om.", kaart_id=b.pk)
            for b in west
        ]
    )
    return traject


def _median(fn) -> tuple[float, float]:
    """Median wall time and median CPU time of this process (other work on a shared machine
    stretches the wall time, not the CPU time)."""
    fn()  # warm-up
    wall, cpu = [], []
    for _ in range(RUNS):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        from django.test.utils import setup_test_environment
        from django.utils import translation

        setup_test_environment()
        translation.activate("nl")
        from pypdf import PdfReader

        from plan import pdf
        from trajecten.models import Traject

        traject = Traject.objects.get(pk=_fill().pk)
        groot = Traject.objects.get(pk=_fill(SCALE, 2).pk)
        result = {}

        def plan():
            result["pdf"] = pdf.plan_pdf(traject)

        def plan_groot():
            result["groot"] = pdf.plan_pdf(groot)

        one_page = '<html lang="nl"><head><title>Eén pagina</title></head><body><h1>Eén pagina</h1><p>Tekst.</p></body></html>'
        base_wall, base_cpu = _median(lambda: pdf.render_pdf(one_page))
        full_wall, full_cpu = _median(plan)
        out = Path(tmp) / "plan.pdf"
        out.write_bytes(result["pdf"])
        pages = len(PdfReader(out).pages)
        big_wall, big_cpu = _median(plan_groot)
        big_out = Path(tmp) / "plan-groot.pdf"
        big_out.write_bytes(result["groot"])
        big_pages = len(PdfReader(big_out).pages)
        print(f"one-page document:      wall {base_wall * 1000:7.0f} ms   cpu {base_cpu * 1000:7.0f} ms")
        print(f"full plan, {pages} pages:   wall {full_wall * 1000:7.0f} ms   cpu {full_cpu * 1000:7.0f} ms")
        print(f"  ({CARDS} compass cards, {ACTIONS} actions, every exercise completed)")
        print(f"ratio full / one page:  wall {full_wall / base_wall:7.1f}x   cpu {full_cpu / base_cpu:7.1f}x")
        print(
            f"{SCALE}x content, {big_pages} pages: wall {big_wall * 1000:7.0f} ms   cpu {big_cpu * 1000:7.0f} ms"
        )
        print(
            f"growth {SCALE}x content:    wall {big_wall / full_wall:7.2f}x   cpu {big_cpu / full_cpu:7.2f}x"
            f"   (limit {SCALE + 0.5}x: {'yes' if big_cpu / full_cpu <= SCALE + 0.5 else 'NO'})"
        )
        print(
            f"under 2 s:              wall {'yes' if full_wall < 2 else 'NO':>7}      cpu {'yes' if full_cpu < 2 else 'NO':>7}"
        )
        print(f"load average now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        keep = os.environ.get("BENCH_PLAN_PDF")
        if keep:
            Path(keep).write_bytes(result["pdf"])
            subprocess.run(["pdftoppm", "-r", "60", "-png", keep, keep.removesuffix(".pdf")], check=False)
            print(f"PDF kept at {keep} (pages as PNG beside it)")
