import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import TeamFactory, TrajectFactory
from tests.kwartiermaken.factories import besluit, fase_2_start, voortgang
from trajecten.models import Traject

pytestmark = pytest.mark.usefixtures("inhoud")


def _url(world, csv_=False):
    return f"/organisaties/{world.org.pk}/overzicht" + (".csv" if csv_ else "/")


def _teams(world, n, start=0):
    for i in range(start, start + n):
        t = TrajectFactory(team=TeamFactory(organisatie=world.org, naam=f"Team {i:03}"))
        voortgang(t, "verkenning-aanleiding", "klaar")
        if i % 2:
            besluit(t, "go")
            fase_2_start(t, zonder_go=False)


def test_it_shows_all_teams_side_by_side_per_phase(world):
    voortgang(world.traject, "verkenning-aanleiding", "klaar")
    voortgang(world.traject, "verkenning-scan", "klaar")
    besluit(world.traject, "go")
    fase_2_start(world.other_traject)  # another organisation: not shown
    TeamFactory(organisatie=world.org, naam="Team Zonder Traject")
    html = world.client("leidinggevende").get(_url(world)).content.decode()
    assert "Team Alfa" in html and "Team Zonder Traject" in html and "nog geen traject" in html
    assert "Team Beta" not in html
    for kop in ["Verkenning", "Fase 1", "Fase 2", "Fase 3", "Totaal"]:
        assert f'<th scope="col">{kop}</th>' in html
    assert "50% <small" in html  # verkenning 2 of 4
    assert 'value="11"' in html  # total 2 of 19
    assert "Go: jullie gaan door met fase 1." in html


def test_it_sorts_by_progress_and_by_last_activity(world):
    laag = world.traject
    hoog = TrajectFactory(team=TeamFactory(organisatie=world.org, naam="Team Hoog"))
    for slug in ["verkenning-aanleiding", "verkenning-scan", "verkenning-besluit"]:
        voortgang(hoog, slug, "klaar")
    Traject.objects.filter(pk=hoog.pk).update(laatst_actief=timezone.now() - timedelta(days=30))
    Traject.objects.filter(pk=laag.pk).update(laatst_actief=timezone.now())
    client = world.client("leidinggevende")

    def volgorde(sort):
        html = client.get(_url(world) + f"?sorteer={sort}").content.decode()
        return html.index("Team Alfa") < html.index("Team Hoog")

    assert volgorde("voortgang") is False
    assert volgorde("activiteit") is True
    assert volgorde("team") is True
    assert client.get(_url(world) + "?sorteer=onzin").status_code == 200


def test_csv_export_has_a_row_per_trajectory(world):
    voortgang(world.traject, "verkenning-aanleiding", "klaar")
    besluit(world.traject, "no_go")
    fase_2_start(world.traject)
    TeamFactory(organisatie=world.org, naam="=HYPERLINK(1)")
    response = world.client("leidinggevende").get(_url(world, csv_=True))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:6] == ["team", "traject", "Verkenning (%)", "Fase 1 (%)", "Fase 2 (%)", "Fase 3 (%)"]
    alfa = next(r for r in rows if r[0] == "Team Alfa")
    assert alfa[1:7] == ["Traject Alfa", "25", "0", "0", "0", "5"]
    assert alfa[10] == "no_go" and alfa[12] == "ja"
    assert any(r[0] == "'=HYPERLINK(1)" for r in rows)  # no formula injection


def test_overview_queries_do_not_grow_with_the_number_of_teams(world, django_assert_num_queries):
    client = world.client("leidinggevende")
    _teams(world, 3)
    with CaptureQueriesContext(connection) as klein:
        assert client.get(_url(world)).status_code == 200
    n = len(klein)
    _teams(world, 200, start=3)
    with django_assert_num_queries(n):
        response = client.get(_url(world) + "?sorteer=voortgang")
    assert response.content.decode().count("<tr>") == 1 + 1 + 203
    with django_assert_num_queries(n):
        client.get(_url(world, csv_=True))


def test_organisation_page_links_to_the_overview(world):
    html = world.client("leidinggevende").get(f"/organisaties/{world.org.pk}/").content.decode()
    assert f'href="/organisaties/{world.org.pk}/overzicht/"' in html


def test_overview_shows_points_of_attention_per_team(world):
    from datetime import date

    from kwartiermaken.models import ScanAntwoord, ScanRonde, ScanVraag

    tweede = TrajectFactory(team=TeamFactory(organisatie=world.org, naam="Team Twee"))
    ronde = ScanRonde.objects.create(traject=tweede, nummer=1)
    ScanAntwoord.objects.create(ronde=ronde, vraag=ScanVraag.objects.first(), user=world.bob, antwoord="ja")
    voortgang(world.traject, "fase-1-visie", "bezig", streefdatum=date(2020, 1, 1))
    voortgang(world.traject, "fase-1-plan", "open", streefdatum=date(2020, 1, 1))
    voortgang(world.traject, "fase-1-coalitie", "klaar", streefdatum=date(2020, 1, 1))  # done: not late
    html = world.client("leidinggevende").get(_url(world)).content.decode()
    rij_alfa = html.split(">Team Alfa<")[1].split("</tr>")[0]
    rij_twee = html.split(">Team Twee<")[1].split("</tr>")[0]
    assert "2 stappen te laat" in rij_alfa and "scan ingevuld" not in rij_alfa
    assert "scan ingevuld, nog geen besluit" in rij_twee and "te laat" not in rij_twee
    rows = list(
        csv.reader(
            io.StringIO(
                world.client("leidinggevende").get(_url(world, csv_=True)).content.decode("utf-8-sig")
            ),
            delimiter=";",
        )
    )
    assert rows[0][13] == "stappen te laat"
    assert next(r for r in rows if r[0] == "Team Alfa")[13] == "2"
