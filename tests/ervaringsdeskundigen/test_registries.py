"""Progress, plan section, trajectory export, link and demo data."""

from django.contrib.auth import get_user_model
from django.template.loader import render_to_string

from ervaringsdeskundigen.hub import demo
from ervaringsdeskundigen.models import Plek
from ervaringsdeskundigen.selectors import export_rows, plan_context, voortgang
from tests.ervaringsdeskundigen.factories import PlekFactory, open_plek
from tests.factories import LidmaatschapFactory, TeamFactory, TrajectFactory, UserFactory
from trajecten.models import Rol
from trajecten.registries import plan_sections, progress_sources, traject_exports, traject_links


def test_hooks_are_registered(world):
    assert "ed-plekken" in [s.key for s in plan_sections()]
    assert "ed-plekken" in [s.key for s in progress_sources()]
    assert "ed-plekken" in [e.key for e in traject_exports()]
    assert "ervaringsdeskundigen" in [link.key for link in traject_links(Rol.TEAMLID)]


def test_progress_counts_filled_places_for_many_trajectories_in_one_query(world, django_assert_num_queries):
    PlekFactory(traject=world.traject, ervaringsdeskundige=world.bob)
    open_plek(world.traject)
    PlekFactory(traject=world.other_traject, ervaringsdeskundige=world.charlie)
    with django_assert_num_queries(1):
        result = voortgang([world.traject, world.other_traject])
    assert (result[world.traject.pk].done, result[world.traject.pk].total) == (1, 2)
    assert result[world.other_traject.pk].percent == 100


def test_plan_section_and_export_show_placement_and_support(world):
    PlekFactory(traject=world.traject, ervaringsdeskundige=world.bob, titel="ED herstel", maatje="Mo Maatje")
    open_plek(world.traject, titel="ED wijk")
    html = render_to_string("ervaringsdeskundigen/plan_sectie.html", plan_context(world.traject))
    assert html.count("<article") == 2 and "<h3" in html
    assert "ED herstel" in html and "Bob" in html and "Mo Maatje" in html and "open (vacature)" in html
    rows = export_rows(world.traject)
    assert [r["titel"] for r in rows] == ["ED herstel", "ED wijk"]
    assert len({tuple(r) for r in rows}) == 1  # the same keys in every row
    assert rows[1]["werving"].startswith("senior_advies=open")


def test_demo_plans_two_places_for_herstel_noord_once(db):
    User = get_user_model()
    teamlid = UserFactory(username="teamlid")
    begeleider = UserFactory(username="begeleider")
    team = TeamFactory(naam="Herstel Noord")
    LidmaatschapFactory(user=teamlid, team=team)
    LidmaatschapFactory(user=begeleider, team=team, rol=Rol.BEGELEIDER)
    traject = TrajectFactory(team=team)
    demo(traject)
    demo(traject)
    plekken = list(Plek.objects.filter(traject=traject).order_by("pk"))
    assert len(plekken) == 2
    assert plekken[0].ervaringsdeskundige == User.objects.get(username="teamlid")
    assert plekken[1].ervaringsdeskundige is None and plekken[1].werving.count() == 3
    assert plekken[1].werving.filter(status="klaar").count() == 1
    # teamlid's made-up profile is consented once and shared with the begeleider.
    from ervaringsdeskundigen.models import Ervaringsprofiel, Inzagerecht, Toestemming

    assert Toestemming.objects.filter(user=teamlid).count() == 1
    assert Ervaringsprofiel.objects.get(user=teamlid).ervaringsthema.endswith("(demo)")
    assert Inzagerecht.objects.filter(eigenaar=teamlid, ontvanger=begeleider).count() == 1
    other = TrajectFactory(team=TeamFactory(naam="Jongeren Zuid"))
    demo(other)
    assert not Plek.objects.filter(traject=other).exists()


def test_trajectory_page_links_to_the_places(world):
    page = world.client("teamlid").get(f"/trajecten/{world.traject.pk}/").text
    assert f"/trajecten/{world.traject.pk}/ervaringsdeskundigen/" in page
