import pytest

from tests.factories import LidmaatschapFactory, TeamFactory, TrajectFactory, UserFactory
from trajecten.models import Rol, Team, Traject


def test_mijn_teams_shows_own_teams_and_nothing_else(world):
    body = world.client("teamlid").get("/").content.decode()
    assert "Team Alfa" in body
    assert "Team Beta" not in body and "Gemeente Beta" not in body


def test_a_leidinggevende_sees_every_team_of_the_organisation(world):
    extra = TeamFactory(organisatie=world.org, naam="Team Gamma")
    body = world.client("leidinggevende").get("/").content.decode()
    assert "Team Alfa" in body and extra.naam in body
    assert "Team Beta" not in body
    assert world.client("leidinggevende").get(f"/teams/{extra.pk}/").status_code == 200


def test_a_user_can_hold_different_roles_in_different_teams(world):
    LidmaatschapFactory(user=world.bob, team=world.other_team, rol=Rol.BEGELEIDER)
    client = world.client("teamlid")
    assert client.get(f"/teams/{world.team.pk}/trajecten/nieuw/").status_code == 403
    assert client.get(f"/teams/{world.other_team.pk}/trajecten/nieuw/").status_code == 200


def test_a_10000_character_team_name_is_refused_and_nothing_changes(world):
    response = world.client("begeleider").post(
        f"/teams/{world.team.pk}/bewerken/", {"naam": "x" * 10_000, "sector": "ggz"}
    )
    assert response.status_code == 400
    assert "id_naam_error" in response.content.decode()
    assert "200 tekens" in response.content.decode()
    world.team.refresh_from_db()
    assert world.team.naam == "Team Alfa"


def test_a_leidinggevende_creates_a_team_and_bad_input_is_refused(world):
    client = world.client("leidinggevende")
    assert (
        client.post(f"/organisaties/{world.org.pk}/teams/nieuw/", {"naam": "", "sector": "x"}).status_code
        == 400
    )
    assert not Team.objects.filter(organisatie=world.org, naam="").exists()
    assert (
        client.post(
            f"/organisaties/{world.org.pk}/teams/nieuw/", {"naam": "Wijkteam", "sector": "gemeente"}
        ).status_code
        == 302
    )
    assert Team.objects.filter(organisatie=world.org, naam="Wijkteam").exists()


def test_a_begeleider_starts_a_trajectory(world):
    response = world.client("begeleider").post(
        f"/teams/{world.team.pk}/trajecten/nieuw/",
        {
            "titel": "Tweede ronde",
            "startdatum": "2027-01-15",
            "status": "gepland",
            "begeleiders": [world.alice.pk],
        },
    )
    assert response.status_code == 302
    traject = Traject.objects.get(titel="Tweede ronde")
    assert list(traject.begeleiders.all()) == [world.alice]


def test_a_trajectory_with_an_impossible_date_is_refused(world):
    response = world.client("begeleider").post(
        f"/teams/{world.team.pk}/trajecten/nieuw/",
        {"titel": "Nieuw", "startdatum": "31-31-2026", "status": "gepland"},
    )
    assert response.status_code == 400
    assert "id_startdatum_error" in response.content.decode()
    assert not Traject.objects.filter(titel="Nieuw").exists()


def test_only_team_begeleiders_can_be_chosen_as_traject_begeleider(world):
    response = world.client("begeleider").post(
        f"/teams/{world.team.pk}/trajecten/nieuw/",
        {
            "titel": "Nieuw",
            "startdatum": "2027-01-15",
            "status": "gepland",
            "begeleiders": [world.charlie.pk],
        },
    )
    assert response.status_code == 400
    assert not Traject.objects.filter(titel="Nieuw").exists()


def _grow(world, n):
    for _ in range(n):
        team = TeamFactory(organisatie=world.org)
        LidmaatschapFactory(user=world.alice, team=team, rol=Rol.BEGELEIDER)
        for _ in range(2):
            LidmaatschapFactory(team=team)
        TrajectFactory(team=team)


@pytest.mark.parametrize("extra_teams", [1, 20])
def test_mijn_teams_uses_a_fixed_number_of_queries(world, django_assert_num_queries, extra_teams):
    _grow(world, extra_teams)
    client = world.client("begeleider")
    # session, user, teams, trajectories (prefetch), roles, organisations led
    with django_assert_num_queries(6):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("extra_members", [2, 40])
def test_the_team_page_uses_a_fixed_number_of_queries(world, django_assert_num_queries, extra_members):
    for _ in range(extra_members):
        LidmaatschapFactory(team=world.team)
    client = world.client("begeleider")
    # ... and one for the members whose password the begeleider may reset (trajecten/herstel.py)
    with django_assert_num_queries(7):
        assert client.get(f"/teams/{world.team.pk}/").status_code == 200


def test_the_trajectory_page_is_the_frame_for_the_apps(world):
    body = world.client("teamlid").get(f"/trajecten/{world.traject.pk}/").content.decode()
    assert "Traject Alfa" in body
    assert "Alice" in body  # the begeleider


def test_security_headers_are_set(world):
    response = world.client("teamlid").get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_health_endpoint_answers_without_details(client, db):
    response = client.get("/gezond/")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert client.head("/gezond/").status_code == 200  # load balancers often probe with HEAD


def test_every_template_has_the_accessible_frame(world):
    body = world.client("teamlid").get("/").content.decode()
    assert '<html lang="nl">' in body
    assert 'href="#inhoud"' in body and '<main id="inhoud"' in body
    assert "<nav" in body and "<footer" in body


def test_the_users_of_other_teams_are_not_members(world):
    # Smoke check on the visibility query with many organisations.
    for _ in range(3):
        UserFactory()
    assert set(Team.objects.visible_to(world.charlie)) == {world.other_team}
    assert set(Team.objects.visible_to(world.mira)) == {world.team}


def test_an_account_without_password_sees_no_team_links(db, client):
    # Guests of one live session are such accounts: every team page is a 404 for them.
    guest = UserFactory(username="gast-1", first_name="Gea")
    guest.set_unusable_password()
    guest.save()
    client.force_login(guest)
    body = client.get("/toegankelijkheid/").content.decode()
    assert "Uitloggen (Gea)" in body
    assert 'href="/account/wachtwoord/"' not in body and ">Mijn teams<" not in body
