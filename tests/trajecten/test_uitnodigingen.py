from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.utils import timezone

from trajecten.models import Lidmaatschap, Rol, Uitnodiging

User = get_user_model()


def _invite(world, **kwargs):
    return Uitnodiging.objects.create(team=world.team, aangemaakt_door=world.alice, **kwargs)


def _signup(token, username="nieuw", **overrides):
    data = {
        "first_name": "Nora",
        "username": username,
        "password1": "Lang-en-sterk-2026",
        "password2": "Lang-en-sterk-2026",
        "perspectief": "client",
        **overrides,
    }
    return Client().post(f"/uitnodiging/{token}/", data)


def test_a_begeleider_creates_an_invite_link_and_sees_it(world):
    client = world.client("begeleider")
    response = client.post(
        f"/teams/{world.team.pk}/uitnodigingen/", {"rol": "teamlid", "max_gebruik": 3, "dagen_geldig": 7}
    )
    assert response.status_code == 302
    invite = Uitnodiging.objects.get(team=world.team)
    assert invite.max_gebruik == 3
    assert timedelta(days=6, hours=23) < invite.verloopt_op - timezone.now() <= timedelta(days=7)
    page = client.get(f"/teams/{world.team.pk}/").content.decode()
    assert invite.get_absolute_url() in page


def test_bad_invite_settings_are_refused_with_a_message(world):
    client = world.client("begeleider")
    response = client.post(
        f"/teams/{world.team.pk}/uitnodigingen/", {"rol": "baas", "max_gebruik": 0, "dagen_geldig": 999}
    )
    assert response.status_code == 400
    assert not Uitnodiging.objects.exists()
    body = response.content.decode()
    assert "id_max_gebruik_error" in body
    assert "id_dagen_geldig_error" in body


def test_a_new_person_creates_an_account_and_becomes_a_member(world):
    invite = _invite(world, rol=Rol.TEAMLID)
    response = _signup(invite.token)
    assert response.status_code == 302
    user = User.objects.get(username="nieuw")
    lid = Lidmaatschap.objects.get(user=user, team=world.team)
    assert (lid.rol, lid.perspectief, lid.via_uitnodiging) == ("teamlid", "client", invite)
    invite.refresh_from_db()
    assert invite.gebruikt == 1
    # The begeleider sees who joined through the link.
    page = world.client("begeleider").get(f"/teams/{world.team.pk}/").content.decode()
    assert "Lid geworden via deze link" in page and "Nora" in page


def test_an_existing_user_joins_after_logging_in(world):
    invite = _invite(world, rol=Rol.BEGELEIDER)
    client = world.client("buitenstaander")
    assert client.get(f"/uitnodiging/{invite.token}/").status_code == 200
    response = client.post(f"/uitnodiging/{invite.token}/", {"perspectief": "professional"})
    assert response.status_code == 302
    assert Lidmaatschap.objects.get(user=world.charlie, team=world.team).rol == "begeleider"
    # Charlie now sees team A as well as his own.
    assert client.get(f"/teams/{world.team.pk}/").status_code == 200


def test_a_single_use_invite_works_only_once(world):
    invite = _invite(world)
    assert _signup(invite.token, "eerste").status_code == 302
    response = _signup(invite.token, "tweede")
    assert response.status_code == 410
    assert "al gebruikt" in response.content.decode()
    assert not User.objects.filter(username="tweede").exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"verloopt_op": timezone.now() - timedelta(minutes=1)}, "verlopen"),
        ({"ingetrokken_op": timezone.now()}, "ingetrokken"),
    ],
)
def test_an_expired_or_revoked_invite_is_refused(world, change, message):
    invite = _invite(world, **change)
    for response in (Client().get(f"/uitnodiging/{invite.token}/"), _signup(invite.token)):
        assert response.status_code == 410
        assert message in response.content.decode()
    assert not User.objects.filter(username="nieuw").exists()


def test_revoking_kills_the_link(world):
    invite = _invite(world)
    world.client("begeleider").post(f"/teams/{world.team.pk}/uitnodigingen/{invite.pk}/intrekken/")
    invite.refresh_from_db()
    assert invite.is_ingetrokken
    assert _signup(invite.token).status_code == 410


def test_another_teams_invite_cannot_be_revoked(world):
    other = Uitnodiging.objects.create(team=world.other_team, aangemaakt_door=world.charlie)
    response = world.client("begeleider").post(f"/teams/{world.team.pk}/uitnodigingen/{other.pk}/intrekken/")
    assert response.status_code == 404
    other.refresh_from_db()
    assert not other.is_ingetrokken


def test_an_unknown_token_is_a_404_with_a_message(world):
    response = Client().get("/uitnodiging/bestaat-niet/")
    assert response.status_code == 404
    assert "bestaat niet" in response.content.decode()


def test_bad_signup_keeps_what_was_typed_and_writes_nothing(world):
    invite = _invite(world)
    response = _signup(invite.token, password2="iets-anders-2026")
    assert response.status_code == 400
    body = response.content.decode()
    assert 'value="Nora"' in body and 'value="nieuw"' in body
    assert "id_password2_error" in body
    assert not User.objects.filter(username="nieuw").exists()
    invite.refresh_from_db()
    assert invite.gebruikt == 0


def test_a_taken_username_is_refused(world):
    invite = _invite(world)
    response = _signup(invite.token, username="bob")
    assert response.status_code == 400
    assert Lidmaatschap.objects.filter(team=world.team).count() == 2


def test_user_text_is_escaped(world):
    invite = _invite(world, max_gebruik=2)
    _signup(invite.token, first_name="<script>alert(1)</script>")
    page = world.client("begeleider").get(f"/teams/{world.team.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.django_db(transaction=True)
def test_two_people_racing_for_a_single_use_link_get_one_membership(world):
    from concurrent.futures import ThreadPoolExecutor

    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the race only exists on PostgreSQL")
    invite = _invite(world)

    def join(i):
        try:
            return _signup(invite.token, f"racer{i}").status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=6) as pool:
        codes = sorted(pool.map(join, range(6)))
    assert codes == [302] + [410] * 5
    assert User.objects.filter(username__startswith="racer").count() == 1


def test_a_username_taken_between_the_check_and_the_write_is_refused_and_writes_nothing(world):
    from trajecten.forms import AccountForm

    invite = _invite(world)
    form = AccountForm(
        {
            "first_name": "Nora",
            "username": "nieuw",
            "password1": "Lang-en-sterk-2026",
            "password2": "Lang-en-sterk-2026",
            "perspectief": "client",
        }
    )
    assert form.is_valid()
    User.objects.create_user(username="nieuw", password="x")  # someone else, a moment earlier
    assert form.aanmelden(uitnodiging=invite) is None
    assert "al in gebruik" in str(form.errors["username"])
    invite.refresh_from_db()
    assert invite.gebruikt == 0
    assert not Lidmaatschap.objects.filter(user__username="nieuw").exists()


@pytest.mark.parametrize(
    ("rol", "perspectief"), [(Rol.LEIDINGGEVENDE, "management"), (Rol.TEAMLID, "professional")]
)
def test_the_invite_offers_the_perspective_that_fits_its_role(world, rol, perspectief):
    invite = _invite(world, rol=rol)
    page = Client().get(f"/uitnodiging/{invite.token}/").content.decode()
    assert f'<option value="{perspectief}" selected>' in page
