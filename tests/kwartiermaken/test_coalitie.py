import pytest

from kwartiermaken.models import CoalitieLid

pytestmark = pytest.mark.usefixtures("inhoud")


def _url(world):
    return f"/trajecten/{world.traject.pk}/kwartiermaken/coalitie/"


def test_begeleider_builds_the_coalition_and_sees_signals_change(world):
    client = world.client("begeleider")
    client.post(_url(world), {"naam": "Eva", "rol": "projectleider", "is_ervaringsdeskundige": "on"})
    html = client.get(_url(world)).content.decode()
    assert "Eva" in html and "Een ervaringsdeskundige is projectleider" in html
    assert "geen senior ervaringsdeskundige" in html
    client.post(_url(world), {"naam": "Sara", "rol": "senior_ed", "is_ervaringsdeskundige": "on"})
    eva = CoalitieLid.objects.get(naam="Eva")
    assert client.post(_url(world) + f"{eva.pk}/verwijderen/").status_code == 302
    html = client.get(_url(world)).content.decode()
    assert "<td>Eva</td>" not in html and "<td>Sara</td>" in html
    assert "geen senior ervaringsdeskundige" not in html


def test_a_teamlid_sees_the_coalition_without_forms(world):
    CoalitieLid.objects.create(traject=world.traject, naam="Eva", rol="projectleider")
    html = world.client("teamlid").get(_url(world)).content.decode()
    assert "Eva" in html and "Iemand toevoegen" not in html and "verwijderen" not in html


@pytest.mark.parametrize(
    ("data", "melding"),
    [
        ({"naam": "", "rol": "ambassadeur"}, "Vul een naam in."),
        ({"naam": "Eva", "rol": "baas"}, "Kies een rol uit de lijst."),
    ],
)
def test_bad_input_is_refused(world, data, melding):
    response = world.client("begeleider").post(_url(world), data)
    assert response.status_code == 400
    assert melding in response.content.decode()
    assert not CoalitieLid.objects.exists()


def test_a_member_of_another_trajectory_cannot_be_removed(world):
    lid = CoalitieLid.objects.create(traject=world.other_traject, naam="Eva", rol="projectleider")
    assert world.client("begeleider").post(_url(world) + f"{lid.pk}/verwijderen/").status_code == 404
    assert CoalitieLid.objects.filter(pk=lid.pk).exists()
