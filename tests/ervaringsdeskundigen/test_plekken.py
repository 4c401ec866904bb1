"""Planning ED places: the form, its bad input, recruitment steps, query counts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ervaringsdeskundigen.models import Plek, WervingStap
from tests.ervaringsdeskundigen.factories import PlekFactory, open_plek
from tests.factories import PASSWORD, LidmaatschapFactory, UserFactory


def _url(w):
    return f"/trajecten/{w.traject.pk}/ervaringsdeskundigen/nieuw/"


def _data(w, **changes):
    data = {
        "titel": "Ervaringsdeskundige wijkteam",
        "ervaringsdeskundige": "",
        "rollen_boek": ["brug", "hoopgever"],
        "rollen_handreiking": ["ondersteuner"],
        "werkvelden": ["hulpverlening", "beleid"],
        "statuut": "vrijwillig",
        "uren_per_week": "12.5",
        "startdatum": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "positie": "in_team",
        "positie_team": "Wijkteam Oost",
        "leidinggevende_naam": "Lia Leiding",
        "maatje": "Mo",
        "scholing": "ed_gepland",
        "pad_naar_betaald": "Na een jaar betaald",
    }
    data.update(changes)
    return data


def test_begeleider_plans_an_open_place_with_recruitment_steps(world):
    response = world.client("begeleider").post(_url(world), _data(world))
    assert response.status_code == 302
    plek = Plek.objects.get()
    assert plek.rollen_boek == ["brug", "hoopgever"] and plek.werkvelden == ["hulpverlening", "beleid"]
    assert str(plek.uren_per_week) == "12.5" and plek.positie_team == "Wijkteam Oost"
    assert sorted(plek.werving.values_list("stap", flat=True)) == sorted(WervingStap.Stap.values)
    page = world.client("teamlid").get(response["Location"]).text
    assert "Open plek (vacature)" in page and "Een senior ervaringsdeskundige adviseert" in page


def test_begeleider_fills_a_place_with_a_team_member(world):
    response = world.client("begeleider").post(_url(world), _data(world, ervaringsdeskundige=world.bob.pk))
    assert response.status_code == 302
    plek = Plek.objects.get()
    assert plek.ervaringsdeskundige == world.bob
    assert not plek.werving.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"uren_per_week": "-4"}, "uren_per_week", "groter is dan 0"),
        ({"uren_per_week": "0"}, "uren_per_week", "groter is dan 0"),
        ({"uren_per_week": "61"}, "uren_per_week", "Meer dan 60 uur per week kan niet"),
        ({"uren_per_week": "500"}, "uren_per_week", "hoogstens 60"),
        ({"startdatum": "2001-01-01"}, "startdatum", "meer dan een jaar geleden"),
        ({"startdatum": "2099-01-01"}, "startdatum", "meer dan twee jaar vooruit"),
        ({"positie": "in_team", "positie_team": ""}, "positie_team", "Vul de naam in van het team"),
        ({"positie": "tandem"}, "tandem_partner", "Kies de collega"),
        ({"titel": ""}, "titel", "Geef de plek een functietitel."),
    ],
)
def test_bad_input_is_refused_next_to_the_field_and_nothing_is_stored(world, changes, field, message):
    response = world.client("begeleider").post(_url(world), _data(world, **changes))
    assert response.status_code == 400
    assert message in response.text
    # The message sits in the field's error block, which the input names in aria-describedby.
    block = response.text.split(f'id="id_{field}_error"', 1)[1].split("</div>", 1)[0]
    assert message in block
    assert f'aria-describedby="id_{field}_helptext id_{field}_error"' in response.text or (
        f'aria-describedby="id_{field}_error"' in response.text
    )
    assert "Wijkteam Oost" in response.text or changes.get("positie_team") == ""  # typed text kept
    assert not Plek.objects.exists()


def test_a_far_date_is_stored_once_confirmed(world):
    response = world.client("begeleider").post(
        _url(world), _data(world, startdatum="2001-01-01", startdatum_bevestigd="on")
    )
    assert response.status_code == 302
    assert Plek.objects.get().startdatum.year == 2001


def test_a_tandem_partner_from_another_organisation_is_refused(world):
    response = world.client("begeleider").post(
        _url(world), _data(world, positie="tandem", tandem_partner=world.charlie.pk)
    )
    assert response.status_code == 400
    assert "Kies een collega uit je eigen organisatie." in response.text
    assert not Plek.objects.exists()


def test_a_tandem_partner_from_another_team_of_the_same_organisation_is_fine(world):
    from tests.factories import TeamFactory

    collega = UserFactory(username="collega")
    LidmaatschapFactory(user=collega, team=TeamFactory(organisatie=world.org))
    response = world.client("begeleider").post(
        _url(world), _data(world, positie="tandem", tandem_partner=collega.pk)
    )
    assert response.status_code == 302
    assert Plek.objects.get().tandem_partner == collega


def test_only_team_members_can_fill_a_place(world):
    response = world.client("begeleider").post(
        _url(world), _data(world, ervaringsdeskundige=world.charlie.pk)
    )
    assert response.status_code == 400
    assert "Kies iemand die lid is van dit team." in response.text
    assert not Plek.objects.exists()


def test_user_text_is_escaped(world):
    PlekFactory(traject=world.traject, titel="<script>x</script>", maatje="<b>maatje</b>")
    page = world.client("teamlid").get(f"/trajecten/{world.traject.pk}/ervaringsdeskundigen/").text
    assert "<script>x</script>" not in page and "&lt;script&gt;" in page
    assert "<b>maatje</b>" not in page


def test_editing_keeps_an_old_start_date_without_asking_again(world):
    plek = PlekFactory(traject=world.traject, startdatum=timezone.localdate() - timedelta(days=800))
    url = f"/trajecten/{world.traject.pk}/ervaringsdeskundigen/{plek.pk}/bewerken/"
    data = _data(world, startdatum=plek.startdatum.isoformat(), uren_per_week="20")
    assert world.client("begeleider").post(url, data).status_code == 302
    plek.refresh_from_db()
    assert plek.uren_per_week == 20


def test_another_teams_place_by_url_is_404(world):
    plek = PlekFactory(traject=world.other_traject)
    client = world.client("begeleider")
    for suffix in ("", "bewerken/"):
        assert (
            client.get(f"/trajecten/{world.traject.pk}/ervaringsdeskundigen/{plek.pk}/{suffix}").status_code
            == 404
        )
        assert (
            client.get(
                f"/trajecten/{world.other_traject.pk}/ervaringsdeskundigen/{plek.pk}/{suffix}"
            ).status_code
            == 404
        )


def test_recruitment_step_status_with_htmx_returns_the_partial(world):
    plek = open_plek(world.traject)
    stap = plek.werving.get(stap="vacature")
    url = f"/trajecten/{world.traject.pk}/ervaringsdeskundigen/{plek.pk}/werving/{stap.pk}/"
    client = world.client("begeleider")
    response = client.post(url, {"status": "klaar"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<ol class="werving-stappen"')
    assert "<html" not in response.text
    stap.refresh_from_db()
    assert stap.status == "klaar"
    bad = client.post(url, {"status": "onzin"}, headers={"HX-Request": "true"})
    assert bad.status_code == 400
    stap.refresh_from_db()
    assert stap.status == "klaar"


def _fill(world, n):
    for i in range(n):
        user = UserFactory()
        LidmaatschapFactory(user=user, team=world.team)
        PlekFactory(
            traject=world.traject, ervaringsdeskundige=user, tandem_partner=world.alice, positie="tandem"
        )
        open_plek(world.traject, titel=f"Open {i}")


@pytest.mark.parametrize("n", [1, 6])
def test_list_page_queries_do_not_grow_with_places(world, django_assert_num_queries, n):
    _fill(world, n)
    client = world.client("teamlid")
    url = f"/trajecten/{world.traject.pk}/ervaringsdeskundigen/"
    client.get(url)  # warm the session
    # session + user, traject with role, places (with users), recruitment steps
    with django_assert_num_queries(5):
        response = client.get(url)
    assert response.text.count('class="card mb-3"') == 2 * n


def test_begeleider_deletes_a_place_of_their_own_trajectory_only(world):
    plek = open_plek(world.traject)
    other = PlekFactory(traject=world.other_traject)
    client = world.client("begeleider")
    base = f"/trajecten/{world.traject.pk}/ervaringsdeskundigen/"
    assert client.post(f"{base}{other.pk}/verwijderen/", {"wachtwoord": PASSWORD}).status_code == 404
    response = client.post(f"{base}{plek.pk}/verwijderen/", {"wachtwoord": PASSWORD})
    assert response.status_code == 302
    assert list(Plek.objects.all()) == [other]
    assert not WervingStap.objects.exists()


@pytest.mark.parametrize(
    "wachtwoord, melding", [("fout", "Dit wachtwoord klopt niet."), ("", "Vul je wachtwoord in")]
)
def test_deleting_a_place_asks_for_the_password_and_a_wrong_one_deletes_nothing(world, wachtwoord, melding):
    plek = PlekFactory(traject=world.traject, titel="Blijft staan")
    url = f"/trajecten/{world.traject.pk}/ervaringsdeskundigen/{plek.pk}/verwijderen/"
    response = world.client("begeleider").post(url, {"wachtwoord": wachtwoord})
    assert response.status_code == 400
    body = response.content.decode()
    assert melding in body
    assert 'id="id_wachtwoord"' in body and 'value="Blijft staan"' in body, "the whole edit page again"
    assert Plek.objects.filter(pk=plek.pk).exists()


def test_a_refused_edit_changes_nothing_and_keeps_the_stored_title_in_the_breadcrumb(world):
    plek = PlekFactory(traject=world.traject, titel="Oude titel", uren_per_week=16)
    url = f"/trajecten/{world.traject.pk}/ervaringsdeskundigen/{plek.pk}/bewerken/"
    response = world.client("begeleider").post(url, _data(world, titel="Nieuwe titel", uren_per_week="99"))
    assert response.status_code == 400
    assert 'aria-current="page">Oude titel<' in response.text
    assert 'value="Nieuwe titel"' in response.text
    plek.refresh_from_db()
    assert (plek.titel, plek.uren_per_week) == ("Oude titel", 16)
