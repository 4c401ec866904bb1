"""The go/no-go decision as the handreiking intends it: three preconditions weighed, the
motives checked against the don'ts, go / go onder voorwaarden / no-go with what happens next.
Recording it completes the step, conditions become plan actions (once), and the tracker,
the overview and its CSV say what the decision means."""

import csv
import io
import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from kwartiermaken import selectors
from kwartiermaken.models import Besluit, StapVoortgang, Voorwaarde
from plan.models import Actie
from tests.kwartiermaken.factories import besluit_data, fase_2_start, voortgang
from trajecten.models import Traject
from trajecten.registries import signals_for

pytestmark = pytest.mark.usefixtures("inhoud")


def _url(world, rest="besluit/"):
    return f"/trajecten/{world.traject.pk}/kwartiermaken/{rest}"


def _post(world, data):
    return world.client("leidinggevende").post(_url(world), data)


def _stap_klaar(world):
    return StapVoortgang.objects.filter(
        traject=world.traject, stap__slug="verkenning-besluit", status="klaar"
    ).exists()


def _meaning(world):
    html = world.client("teamlid").get(_url(world, "")).content.decode()
    return html.split('data-testid="besluit-betekenis">')[1].split("</p>")[0]


def test_a_go_with_everything_arranged_completes_the_step(world):
    voortgang(world.traject, "verkenning-aanleiding", "klaar")
    assert (
        _post(world, besluit_data("go", ondersteuning_toelichting="Een senior ED als coach")).status_code
        == 302
    )
    b = Besluit.objects.get()
    assert (b.keuze, b.ondersteuning, b.ondersteuning_toelichting) == (
        "go",
        "geregeld",
        "Een senior ED als coach",
    )
    assert sorted(b.motieven_uitgesloten) == ["eigen_functie", "goedkoop", "moeten", "pr"]
    assert _stap_klaar(world)
    verkenning = selectors.tracker_context(world.traject)["standen"][0]
    assert (verkenning.done, verkenning.total) == (2, 4)  # no longer stuck at 1 of 4
    assert "Go: jullie gaan door met fase 1." in _meaning(world)
    assert not Actie.objects.exists()


def test_a_plain_go_while_a_precondition_is_not_arranged_is_refused(world):
    response = _post(
        world, besluit_data("go", financiering="deels", financiering_toelichting="Alleen voor 2027")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Niet alle randvoorwaarden zijn geregeld. Kies ‘go onder voorwaarden’" in html
    assert "Alleen voor 2027" in html  # the typed text stays
    assert not Besluit.objects.exists() and not _stap_klaar(world)


def test_a_go_needs_all_four_motives_ruled_out(world):
    response = _post(world, besluit_data("go", motieven_uitgesloten=["moeten", "pr"], redenen="Mijn redenen"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Een go kan alleen als jullie alle vier deze motieven uitsluiten." in html
    assert 'id="id_motieven_uitgesloten_error"' in html
    assert "Mijn redenen" in html
    assert re.search(r'value="pr"[^>]*checked', html) and not re.search(r'value="goedkoop"[^>]*checked', html)
    assert not Besluit.objects.exists()
    # a no-go needs no such ticks
    data = besluit_data("no_go", motieven_uitgesloten=[], vervolg="stoppen")
    assert _post(world, data).status_code == 302


def test_a_precondition_partly_arranged_needs_an_explanation(world):
    response = _post(world, besluit_data("no_go", vervolg="stoppen", draagvlak="niet"))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_draagvlak_toelichting_error"' in html and "Schrijf kort op wat er nog ontbreekt." in html


def test_go_under_conditions_makes_each_condition_a_plan_action_once(world):
    data = besluit_data(
        "go_voorwaarden",
        financiering="deels",
        financiering_toelichting="Geld voor één jaar",
        voorwaarden=[
            ("Geld voor het tweede jaar toegezegd", world.alice.pk),
            ("Senior ED als adviseur", world.bob.pk),
        ],
    )
    assert _post(world, data).status_code == 302
    acties = list(Actie.objects.order_by("pk"))
    assert [(a.wat, a.eigenaar, a.bron, a.status) for a in acties] == [
        ("Geld voor het tweede jaar toegezegd", world.alice, "Go/no-go-besluit – voorwaarde", "open"),
        ("Senior ED als adviseur", world.bob, "Go/no-go-besluit – voorwaarde", "open"),
    ]
    assert Voorwaarde.objects.count() == 2 and _stap_klaar(world)
    assert "Go onder voorwaarden: 0 van 2 voorwaarden geregeld." in _meaning(world)

    # The same form again (a double click, or the form opened again and saved): nothing doubles.
    assert _post(world, data).status_code == 302
    form = world.client("leidinggevende").get(_url(world)).content.decode()
    assert f'name="voorwaarden-0-actie" value="{acties[0].pk}"' in form
    data = besluit_data(
        "go_voorwaarden",
        financiering="deels",
        financiering_toelichting="Geld voor één jaar",
        voorwaarden=[
            ("Geld voor het tweede jaar schriftelijk toegezegd", world.alice.pk, acties[0].pk),
            ("Senior ED als adviseur", world.bob.pk, acties[1].pk),
        ],
    )
    assert _post(world, data).status_code == 302
    assert list(Actie.objects.order_by("pk").values_list("pk", "wat")) == [
        (acties[0].pk, "Geld voor het tweede jaar schriftelijk toegezegd"),
        (acties[1].pk, "Senior ED als adviseur"),
    ]
    assert Besluit.objects.count() == 1  # changed in place, not a second decision

    Actie.objects.filter(pk=acties[0].pk).update(status="klaar")
    assert "Go onder voorwaarden: 1 van 2 voorwaarden geregeld." in _meaning(world)
    [signaal] = [s for s in signals_for(world.traject) if s.code == "kwartiermaken.besluit_staat"]
    assert signaal.level == "info" and signaal.reason == "Go onder voorwaarden: 1 van 2 voorwaarden geregeld."
    Actie.objects.update(status="klaar")
    assert "kwartiermaken.besluit_staat" not in {s.code for s in signals_for(world.traject)}


def test_conditions_no_longer_named_leave_the_plan_or_stop(world):
    eerst = besluit_data(
        "go_voorwaarden",
        voorwaarden=[("Budget", world.alice.pk), ("Coach", world.bob.pk), ("Ruimte", world.bob.pk)],
    )
    _post(world, eerst)
    budget, coach, ruimte = Actie.objects.order_by("pk")
    Actie.objects.filter(pk=coach.pk).update(status="bezig")
    Actie.objects.filter(pk=ruimte.pk).update(status="klaar")
    _post(world, besluit_data("go_voorwaarden", voorwaarden=[("Budget", world.alice.pk, budget.pk)]))
    assert list(Voorwaarde.objects.values_list("actie_id", flat=True)) == [budget.pk]
    assert dict(Actie.objects.values_list("wat", "status")) == {
        "Budget": "open",
        "Coach": "gestopt",
        "Ruimte": "klaar",
    }
    # A plain go later: the open condition is withdrawn, done work stays in the plan.
    _post(world, besluit_data("go"))
    assert not Voorwaarde.objects.exists()
    assert set(Actie.objects.values_list("wat", flat=True)) == {"Coach", "Ruimte"}


def test_an_action_of_another_trajectory_cannot_be_taken_over(world):
    vreemd = Actie.objects.create(traject=world.other_traject, wat="Van een ander")
    data = besluit_data("go_voorwaarden", voorwaarden=[("Budget", world.alice.pk, vreemd.pk)])
    assert _post(world, data).status_code == 302
    vreemd.refresh_from_db()
    assert vreemd.wat == "Van een ander" and vreemd.traject == world.other_traject
    assert Actie.objects.filter(traject=world.traject, wat="Budget").count() == 1


@pytest.mark.parametrize(
    ("voorwaarden", "veld", "melding"),
    [
        (
            [("Budget", None)],
            "voorwaarden-0-eigenaar",
            "Kies wie voor deze voorwaarde zorgt: iemand van het team.",
        ),
        ([("", "ALICE")], "voorwaarden-0-wat", "Schrijf op wat de voorwaarde is, of maak de regel leeg."),
        ([("", None)], "voorwaarden-0-wat", "Schrijf minstens één voorwaarde op, met wie ervoor zorgt."),
        ([("Budget", "MIRA")], "voorwaarden-0-eigenaar", "Kies iemand die lid is van dit team."),
    ],
)
def test_bad_conditions_are_refused_next_to_the_field(world, voorwaarden, veld, melding):
    wie = {
        "ALICE": world.alice.pk,
        "MIRA": world.mira.pk,
        None: None,
    }  # Mira leads the organisation, not the team
    data = besluit_data("go_voorwaarden", voorwaarden=[(w, wie[e]) for w, e in voorwaarden], redenen="Getypt")
    response = _post(world, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_{veld}_error"' in html and melding in html
    assert "Getypt" in html and (not voorwaarden[0][0] or voorwaarden[0][0] in html)
    assert not Besluit.objects.exists() and not Actie.objects.exists() and not _stap_klaar(world)


def test_no_go_to_stop_completes_the_step_and_says_the_trajectory_is_still_active(world):
    Traject.objects.filter(pk=world.traject.pk).update(status="actief")
    assert _post(world, besluit_data("no_go", vervolg="stoppen", opnieuw_op="2027-01-01")).status_code == 302
    b = Besluit.objects.get()
    assert (b.vervolg, b.opnieuw_op) == ("stoppen", None)  # a date means nothing when stopping
    assert _stap_klaar(world)
    assert "No-go: gestopt." in _meaning(world)
    [signaal] = [s for s in signals_for(world.traject) if s.code == "kwartiermaken.gestopt_maar_actief"]
    assert "staat nog op ‘Actief’" in signaal.reason
    html = world.client("leidinggevende").get(f"/organisaties/{world.org.pk}/overzicht/").content.decode()
    rij = html.split(">Team Alfa<")[1].split("</tr>")[0]
    assert "No-go: gestopt." in rij and "Het traject staat nog op actief." in rij
    Traject.objects.filter(pk=world.traject.pk).update(status="gestopt")
    world.traject.refresh_from_db()
    assert "kwartiermaken.gestopt_maar_actief" not in {s.code for s in signals_for(world.traject)}


@pytest.mark.parametrize(
    ("velden", "melding"),
    [
        ({"vervolg": ""}, "Kies of jullie stoppen of later opnieuw kijken."),
        ({"vervolg": "wachten"}, "Kies de datum waarop jullie opnieuw kijken."),
        ({"vervolg": "wachten", "opnieuw_op": "2026-09-01"}, "Kies een datum na de datum van het besluit."),
        ({"vervolg": "wachten", "opnieuw_op": "2026-02-31"}, "Vul een bestaande datum in"),
    ],
)
def test_a_no_go_needs_what_happens_next(world, velden, melding):
    response = _post(world, besluit_data("no_go", **velden))
    assert response.status_code == 400
    assert melding in response.content.decode()
    assert not Besluit.objects.exists()


def test_no_go_to_wait_says_until_when_and_signals_when_the_date_has_come(world):
    later = timezone.localdate() + timedelta(days=60)
    data = besluit_data("no_go", vervolg="wachten", opnieuw_op=later.isoformat())
    assert _post(world, data).status_code == 302
    assert _stap_klaar(world)
    assert f"No-go: het traject staat stil tot {later.day} " in _meaning(world)
    assert "dan kijken jullie opnieuw." in _meaning(world)
    codes = {s.code for s in signals_for(world.traject)}
    assert "kwartiermaken.besluit_staat" in codes and "kwartiermaken.opnieuw_kijken" not in codes
    # the trajectory's own page (trajecten) says it too, through the signal
    html = world.client("teamlid").get(f"/trajecten/{world.traject.pk}/").content.decode()
    assert "No-go: het traject staat stil tot" in html
    Besluit.objects.update(opnieuw_op=timezone.localdate())
    assert "Neem een nieuw besluit." in _meaning(world)
    codes = {s.code for s in signals_for(world.traject)}
    assert "kwartiermaken.opnieuw_kijken" in codes and "kwartiermaken.besluit_staat" not in codes


def test_after_a_no_go_the_form_offers_a_new_decision_and_keeps_the_old_one(world):
    _post(world, besluit_data("no_go", vervolg="wachten", opnieuw_op="2026-12-01", datum="2026-09-01"))
    form = world.client("leidinggevende").get(_url(world)).content.decode()
    assert 'id="id_nieuw" checked' in form
    _post(world, besluit_data("go", nieuw="on"))
    assert list(Besluit.objects.values_list("keuze", flat=True)) == ["go", "no_go"]
    assert selectors.besluit_voor(world.traject).keuze == "go"


def test_fase_2_started_beside_a_no_go_gets_a_clear_word_on_the_overview(world):
    fase_2_start(world.traject)
    _post(world, besluit_data("no_go", vervolg="wachten", opnieuw_op="2027-03-01"))
    html = world.client("leidinggevende").get(f"/organisaties/{world.org.pk}/overzicht/").content.decode()
    rij = html.split(">Team Alfa<")[1].split("</tr>")[0]
    assert "No-go: het traject staat stil tot 1 maart 2027, dan kijken jullie opnieuw." in rij
    assert (
        "Fase 2 is gestart, maar het besluit is no-go. Stop het werk aan fase 2, of neem een nieuw besluit."
        in rij
    )
    assert "fase 2 zonder go gestart" not in rij


def test_the_csv_carries_the_meaning_the_conditions_and_the_date(world):
    _post(
        world,
        besluit_data("go_voorwaarden", voorwaarden=[("Budget", world.alice.pk), ("Coach", world.bob.pk)]),
    )
    Actie.objects.filter(wat="Coach").update(status="klaar")
    response = world.client("leidinggevende").get(f"/organisaties/{world.org.pk}/overzicht.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    kop, alfa = rows[0], next(r for r in rows if r[0] == "Team Alfa")
    rij = dict(zip(kop, alfa, strict=True))
    assert rij["besluit"] == "go_voorwaarden"
    assert rij["wat het besluit betekent"] == "Go onder voorwaarden: 1 van 2 voorwaarden geregeld."
    assert rij["voorwaarden geregeld"] == "1/2"


def test_besluit_voor_gives_the_plan_a_small_dataclass_in_two_queries(world, django_assert_num_queries):
    assert selectors.besluit_voor(world.traject) is None
    _post(
        world,
        besluit_data(
            "go_voorwaarden",
            draagvlak="deels",
            draagvlak_toelichting="Team B twijfelt",
            voorwaarden=[(f"Voorwaarde {i}", world.alice.pk) for i in range(5)],
        ),
    )
    with django_assert_num_queries(2):
        stand = selectors.besluit_voor(world.traject)
    assert stand.keuze == "go_voorwaarden" and stand.is_go and stand.datum == date(2026, 10, 1)
    assert [(r.key, r.oordeel) for r in stand.randvoorwaarden] == [
        ("ondersteuning", "geregeld"),
        ("financiering", "geregeld"),
        ("draagvlak", "deels"),
    ]
    assert stand.randvoorwaarden[2].toelichting == "Team B twijfelt"
    assert stand.alle_motieven_uitgesloten and len(stand.voorwaarden) == 5
    assert stand.voorwaarden[0].eigenaar == "Alice" and stand.voorwaarden_geregeld == 0
    plan = world.client("begeleider").get(f"/trajecten/{world.traject.pk}/plan/").content.decode()
    assert "Go onder voorwaarden: 0 van 5 voorwaarden geregeld." in plan and "Team B twijfelt" in plan


def test_the_overview_stays_at_a_fixed_number_of_queries_with_conditions(world, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import TeamFactory, TrajectFactory

    client = world.client("leidinggevende")
    url = f"/organisaties/{world.org.pk}/overzicht/"
    with CaptureQueriesContext(connection) as klein:
        client.get(url)
    n = len(klein)
    for i in range(6):
        t = TrajectFactory(team=TeamFactory(organisatie=world.org, naam=f"Team {i}"))
        b = Besluit.objects.create(traject=t, keuze="go_voorwaarden", redenen="x", datum="2026-10-01")
        for j in range(3):
            Voorwaarde.objects.create(traject=t, actie=Actie.objects.create(traject=t, wat=f"{b.pk}-{j}"))
    with django_assert_num_queries(n):
        html = client.get(url).content.decode()
    assert html.count("Go onder voorwaarden: 0 van 3 voorwaarden geregeld.") == 6


def test_the_plan_pdf_carries_the_weighing_and_the_conditions(world):
    from tests.plan.test_pdf import _reader, _text

    data = besluit_data(
        "go_voorwaarden",
        financiering="niet",
        financiering_toelichting="Geen geld na de pilot",
        voorwaarden=[("Structureel budget na de pilot", world.alice.pk)],
    )
    assert _post(world, data).status_code == 302
    response = world.client("leidinggevende").post(f"/trajecten/{world.traject.pk}/plan/pdf/")
    assert response.status_code == 200
    tekst = _text(_reader(response.content))
    assert "Go onder voorwaarden: 0 van 1 voorwaarde geregeld." in tekst
    assert "Niet geregeld" in tekst and "Geen geld na de pilot" in tekst
    assert "Structureel budget na de pilot" in tekst
