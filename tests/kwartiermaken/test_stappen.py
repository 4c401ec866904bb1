from datetime import date, timedelta

import pytest
from django.utils import timezone

from kwartiermaken.models import Stap, StapVoortgang
from tests.factories import LidmaatschapFactory, UserFactory
from tests.kwartiermaken.factories import besluit, coalitie, fase_2_start, voortgang
from trajecten.models import Traject

pytestmark = pytest.mark.usefixtures("inhoud")


def _url(world, slug=""):
    base = f"/trajecten/{world.traject.pk}/kwartiermaken/"
    return base + (f"stappen/{slug}/" if slug else "")


def test_page_shows_progress_as_svg_with_text_alternative_and_table(world):
    voortgang(world.traject, "verkenning-aanleiding", "klaar")
    voortgang(world.traject, "verkenning-scan", "nvt", reden="Al gedaan")
    response = world.client("teamlid").get(_url(world))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="img"' in html and "<title id=" in html and "<desc id=" in html
    assert "Verkenning: 50% (2 van 4 stappen)" in html  # the SVG's description
    assert "2 van 19" in html  # the table's total
    assert 'style="' not in html


def test_svg_coordinates_are_not_localised(world, settings):
    for slug in ["verkenning-aanleiding", "verkenning-scan", "verkenning-besluit"]:
        voortgang(world.traject, slug, "klaar")
    html = world.client("begeleider").get(_url(world)).content.decode()
    # 3 of 4 = 75% -> 150 of 200 px; never "150,0"
    assert 'width="150"' in html


def test_next_steps_show_owner_and_date_and_mark_overdue_in_text(world):
    gisteren = timezone.localdate() - timedelta(days=1)
    voortgang(world.traject, "fase-1-coalitie", "bezig", eigenaar=world.alice, streefdatum=gisteren)
    html = world.client("teamlid").get(_url(world)).content.decode()
    volgende = html.split('id="kop-volgende"')[1].split("</section>")[0]
    assert "Vorm een leidende coalitie" in volgende.split("</li>")[0]  # dated steps come first
    assert "Alice" in volgende and "te laat" in volgende


def test_begeleider_moves_a_step_through_its_statuses(world):
    client = world.client("begeleider")
    for status in ["bezig", "klaar", "open"]:
        response = client.post(
            _url(world, "fase-1-visie"),
            {"status": status, "eigenaar": world.bob.pk, "streefdatum": "2026-12-31", "notities": "Sessie 2"},
        )
        assert response.status_code == 302
        v = StapVoortgang.objects.get(traject=world.traject, stap__slug="fase-1-visie")
        assert v.status == status and v.eigenaar == world.bob and v.streefdatum == date(2026, 12, 31)
    page = client.get(_url(world)).content.decode()
    assert "Sessie 2" in page


def test_moving_a_step_touches_the_trajectory(world):
    Traject.objects.filter(pk=world.traject.pk).update(laatst_actief=timezone.now() - timedelta(days=9))
    world.client("begeleider").post(_url(world, "fase-1-visie"), {"status": "bezig"})
    assert Traject.objects.get(pk=world.traject.pk).laatst_actief > timezone.now() - timedelta(minutes=1)


@pytest.mark.parametrize(
    ("data", "veld", "melding"),
    [
        ({"status": "nvt", "reden": "  "}, "reden", "waarom deze stap niet van toepassing is"),
        ({"status": "half"}, "status", "Kies een status uit de lijst"),
        ({"status": "bezig", "streefdatum": "31-02-2026"}, "streefdatum", "Vul een bestaande datum in"),
        ({"status": "bezig", "streefdatum": "morgen"}, "streefdatum", "Vul een bestaande datum in"),
        ({"status": "bezig", "eigenaar": "OUTSIDER"}, "eigenaar", "Kies iemand die lid is van dit team"),
    ],
)
def test_bad_input_is_refused_next_to_the_field_and_nothing_stored(world, data, veld, melding):
    if data.get("eigenaar") == "OUTSIDER":
        data = {**data, "eigenaar": world.charlie.pk}
    data = {"notities": "Mijn <b>tekst</b>", **data}
    response = world.client("begeleider").post(_url(world, "fase-1-visie"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert melding in html
    assert f'aria-describedby="id_{veld}_' in html or f"error_1_id_{veld}" in html
    assert "Mijn &lt;b&gt;tekst&lt;/b&gt;" in html  # typed text kept, escaped
    assert not StapVoortgang.objects.exists()


def test_the_leidinggevende_is_not_an_owner_unless_a_member(world):
    form_html = world.client("begeleider").get(_url(world, "fase-1-visie")).content.decode()
    assert "Bob" in form_html and "Alice" in form_html
    assert "Mira" not in form_html and "Charlie" not in form_html
    lid = UserFactory(username="nieuw", first_name="Nina")
    LidmaatschapFactory(user=lid, team=world.team)
    assert "Nina" in world.client("begeleider").get(_url(world, "fase-1-visie")).content.decode()


def test_a_fase_2_step_cannot_move_before_fase_2_is_started(world):
    client = world.client("begeleider")
    response = client.post(_url(world, "fase-2-werven"), {"status": "bezig"})
    assert response.status_code == 400
    assert "Start eerst fase 2" in response.content.decode()
    assert not StapVoortgang.objects.exists()
    # niet van toepassing (with a reason) is allowed: it is a decision, not work begun
    assert (
        client.post(_url(world, "fase-2-werven"), {"status": "nvt", "reden": "Al gedaan"}).status_code == 302
    )
    fase_2_start(world.traject, zonder_go=False)
    assert client.post(_url(world, "fase-2-werven"), {"status": "bezig"}).status_code == 302


def test_unknown_step_is_404(world):
    assert world.client("begeleider").get(_url(world, "bestaat-niet")).status_code == 404


def test_trajectory_page_queries_do_not_grow_with_steps_or_coalition(world, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = world.client("begeleider")
    # The small world already has the same shape as the big one: some progress, a coalition,
    # a decision, fase 2 started, a scan answer; then only the amounts grow.
    voortgang(world.traject, "verkenning-aanleiding", "klaar", eigenaar=world.bob)
    coalitie(world.traject, ("Lid", "ambassadeur", False))
    besluit(world.traject, "go")
    fase_2_start(world.traject)
    client.get(_url(world))
    with CaptureQueriesContext(connection) as klein:
        assert client.get(_url(world)).status_code == 200
    n = len(klein)  # read now: every request resets Django's query log

    for stap in Stap.objects.all():
        voortgang(world.traject, stap.slug, "bezig", eigenaar=world.bob, streefdatum=date(2020, 1, 1))
    coalitie(world.traject, *[(f"Lid {i}", "ambassadeur", False) for i in range(6)])
    besluit(world.traject, "no_go")
    besluit(world.traject, "go")
    with django_assert_num_queries(n):
        assert client.get(_url(world)).status_code == 200


def test_quick_status_change_keeps_owner_date_and_notes(world):
    voortgang(world.traject, "fase-1-visie", "open", eigenaar=world.bob, notities="Sessie 2")
    response = world.client("begeleider").post(_url(world, "fase-1-visie") + "status/", {"status": "klaar"})
    assert response.status_code == 302 and response["Location"].endswith("#stap-fase-1-visie")
    v = StapVoortgang.objects.get()
    assert (v.status, v.eigenaar, v.notities) == ("klaar", world.bob, "Sessie 2")


def test_quick_status_change_with_htmx_returns_the_tracker_part(world):
    client = world.client("begeleider")
    response = client.post(
        _url(world, "verkenning-aanleiding") + "status/", {"status": "klaar"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and 'id="kop-voortgang"' in html
    assert '<td data-testid="totaal-procent">5%</td>' in html
    assert 'hx-swap-oob="innerHTML"' in html and "is nu: Klaar" in html
    assert (
        'id="status-verkenning-aanleiding" class="form-select form-select-sm" data-focus-after-swap' in html
    )
    assert "HX-Request" in response["Vary"]


def test_quick_status_change_refuses_bad_input(world):
    client = world.client("begeleider")
    nvt = client.post(_url(world, "fase-1-visie") + "status/", {"status": "nvt"}, HTTP_HX_REQUEST="true")
    assert nvt.status_code == 400 and "niet van toepassing" in nvt.content.decode()
    onbekend = client.post(
        _url(world, "fase-1-visie") + "status/", {"status": "half"}, HTTP_HX_REQUEST="true"
    )
    assert onbekend.status_code == 400 and "Kies een status uit de lijst" in onbekend.content.decode()
    gate = client.post(_url(world, "fase-2-werven") + "status/", {"status": "klaar"})
    assert gate.status_code == 400
    assert "Start eerst fase 2" in gate.content.decode() and 'id="kop-voortgang"' in gate.content.decode()
    assert not StapVoortgang.objects.exists()
    # an nvt step keeps its reason when set to nvt again
    voortgang(world.traject, "fase-1-visie", "nvt", reden="Al gedaan")
    assert client.post(_url(world, "fase-1-visie") + "status/", {"status": "nvt"}).status_code == 302


def test_quick_form_is_offered_only_where_it_can_work(world):
    html = world.client("begeleider").get(_url(world)).content.decode()
    assert 'id="status-fase-1-visie"' in html
    assert 'id="status-fase-2-werven"' not in html  # fase 2 not started
    assert 'id="status-' not in world.client("teamlid").get(_url(world)).content.decode()
    fase_2_start(world.traject, zonder_go=False)
    assert 'id="status-fase-2-werven"' in world.client("begeleider").get(_url(world)).content.decode()


def test_hub_trajectory_page_queries_do_not_grow_with_our_data(world, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = world.client("begeleider")
    url = f"/trajecten/{world.traject.pk}/"
    voortgang(world.traject, "verkenning-aanleiding", "klaar", streefdatum=date(2020, 1, 1))
    coalitie(world.traject, ("Lid", "ambassadeur", False))
    besluit(world.traject, "go")
    fase_2_start(world.traject)
    client.get(url)
    with CaptureQueriesContext(connection) as klein:
        assert client.get(url).status_code == 200
    n = len(klein)
    for stap in Stap.objects.all():
        voortgang(world.traject, stap.slug, "bezig", streefdatum=date(2020, 1, 1))
    coalitie(world.traject, *[(f"Lid {i}", "projectleider", True) for i in range(5)])
    besluit(world.traject, "no_go", datum="2026-10-05")
    with django_assert_num_queries(n):
        html = client.get(url).content.decode()
    assert "Een ervaringsdeskundige is projectleider" in html  # our signals do show there


def test_tracker_names_the_current_phase(world):
    for slug in ["verkenning-aanleiding", "verkenning-scan", "verkenning-besluit", "verkenning-aanscherpen"]:
        voortgang(world.traject, slug, "klaar")
    html = world.client("teamlid").get(_url(world)).content.decode()
    assert "Nu aan de beurt: <strong>Fase 1: Creëer een veranderklimaat</strong>" in html
