import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from kwartiermaken.models import Besluit, FaseStart, ScanAntwoord, ScanRonde
from tests.kwartiermaken.factories import besluit, besluit_data

pytestmark = pytest.mark.usefixtures("inhoud")


def _url(world, rest=""):
    return f"/trajecten/{world.traject.pk}/kwartiermaken/{rest}"


def _spreiding(html):
    return html.split('id="spreiding"')[1]


def _cellen(html, vraag):
    """The cells (tags stripped) of the spread table's row for a question."""
    rij = next(r for r in _spreiding(html).split("<tr>") if vraag in r)
    cellen = re.findall(r"<td>(.*?)</td>", rij, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in cellen]


def test_each_member_answers_and_the_team_sees_the_spread(world):
    world.client("teamlid").post(
        _url(world, "scan/"), {"antwoord_geld": "nee", "toelichting_geld": "Geen budget"}
    )
    world.client("begeleider").post(_url(world, "scan/"), {"antwoord_geld": "ja"})
    world.client("leidinggevende").post(_url(world, "scan/"), {"antwoord_geld": "nee"})
    assert ScanAntwoord.objects.filter(vraag__slug="geld").count() == 3
    html = world.client("teamlid").get(_url(world, "scan/")).content.decode()
    assert _cellen(html, "Is er genoeg geld?") == ["Ja: 1", "Deels: 0", "Nee: 2", "Weet ik niet: 0"]
    assert "Geen budget" in _spreiding(html).split("Is er genoeg geld?")[1]
    assert "bob" not in _spreiding(html).lower()  # notes appear without names
    assert "3 personen hebben deze ronde ingevuld (2 teamleden)." in html  # the leidinggevende answered too


def test_answering_again_replaces_own_answer_and_empty_removes_it(world):
    client = world.client("teamlid")
    client.post(_url(world, "scan/"), {"antwoord_geld": "nee", "antwoord_kennis": "ja"})
    client.post(_url(world, "scan/"), {"antwoord_geld": "deels"})
    assert dict(ScanAntwoord.objects.values_list("vraag__slug", "antwoord")) == {"geld": "deels"}
    form = client.get(_url(world, "scan/")).content.decode()
    assert 'value="deels" class="form-check-input" id="id_antwoord_geld_1" checked' in form


def test_an_answer_not_in_the_list_is_refused_and_nothing_stored(world):
    response = world.client("teamlid").post(
        _url(world, "scan/"),
        {"antwoord_geld": "misschien", "antwoord_kennis": "ja", "toelichting_kennis": "<i>x"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies ja, deels, nee of weet ik niet." in html
    assert 'aria-describedby="hulp-geld fout-geld"' in html
    assert "&lt;i&gt;x" in html
    assert not ScanAntwoord.objects.exists()


def test_a_note_without_an_answer_is_refused(world):
    response = world.client("teamlid").post(_url(world, "scan/"), {"toelichting_steun": "weet niet"})
    assert response.status_code == 400
    assert "Kies ook een antwoord" in response.content.decode()


def test_rounds_are_compared_and_show_how_answers_moved(world):
    bob, alice, mira = world.client("teamlid"), world.client("begeleider"), world.client("leidinggevende")
    bob.post(_url(world, "scan/"), {"antwoord_steun": "nee"})
    alice.post(_url(world, "scan/"), {"antwoord_steun": "ja"})
    mira.post(_url(world, "scan/"), {"antwoord_steun": "ja"})
    assert alice.post(_url(world, "scan/nieuwe-ronde/")).status_code == 302
    assert list(ScanRonde.objects.values_list("nummer", flat=True)) == [1, 2]
    bob.post(_url(world, "scan/"), {"antwoord_steun": "ja"})
    alice.post(_url(world, "scan/"), {"antwoord_steun": "ja"})
    mira.post(_url(world, "scan/"), {"antwoord_steun": "ja"})
    html = bob.get(_url(world, "scan/")).content.decode()
    assert _cellen(html, "Steunen medewerkers") == [
        "Ja: 3 (was 2)",
        "Deels: 0 (was 0)",
        "Nee: 0 (was 1)",
        "Weet ik niet: 0 (was 0)",
        "Verschoven: 1 beter, 0 minder goed, 2 gelijk",
    ]
    # round 1 is kept as it was
    assert ScanAntwoord.objects.filter(ronde__nummer=1, antwoord="nee").count() == 1


def test_leidinggevende_records_a_go_with_reasons_date_and_name(world):
    response = world.client("leidinggevende").post(_url(world, "besluit/"), besluit_data("go"))
    assert response.status_code == 302
    b = Besluit.objects.get()
    assert (b.keuze, b.datum, b.genomen_door, b.naam) == ("go", date(2026, 10, 1), world.mira, "Mira")
    page = world.client("teamlid").get(_url(world)).content.decode()
    assert "Go: jullie gaan door met fase 1." in page
    assert "Go: we gaan door" in page and "Steun en geld voor een pilot." in page and "Mira" in page


@pytest.mark.parametrize(
    ("data", "melding"),
    [
        ({"keuze": "go", "redenen": "   ", "datum": "2026-10-01"}, "Schrijf op waarom je dit besluit neemt."),
        ({"keuze": "go", "redenen": "Goed", "datum": "2026-13-01"}, "Vul een bestaande datum in"),
        (
            {"keuze": "misschien", "redenen": "Goed", "datum": "2026-10-01"},
            "Kies go, go onder voorwaarden of no-go.",
        ),
    ],
)
def test_a_decision_with_bad_input_is_refused(world, data, melding):
    response = world.client("leidinggevende").post(_url(world, "besluit/"), besluit_data(**data))
    assert response.status_code == 400
    assert melding in response.content.decode()
    assert not Besluit.objects.exists()


def test_a_decision_in_the_future_is_refused(world):
    morgen = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = world.client("leidinggevende").post(
        _url(world, "besluit/"), besluit_data("go", redenen="x", datum=morgen)
    )
    assert response.status_code == 400
    assert not Besluit.objects.exists()


def test_fase_2_before_a_go_needs_the_warning_confirmed_and_records_it(world):
    client = world.client("begeleider")
    page = client.get(_url(world, "fase-2-starten/")).content.decode()
    assert "er is nog geen go-besluit" in page
    response = client.post(_url(world, "fase-2-starten/"), {})
    assert response.status_code == 400
    assert "Vink aan dat je de waarschuwing hebt gelezen." in response.content.decode()
    assert not FaseStart.objects.exists()
    assert client.post(_url(world, "fase-2-starten/"), {"bevestigd": "on"}).status_code == 302
    start = FaseStart.objects.get()
    assert start.zonder_go and "geen go-besluit" in start.waarschuwing and start.gestart_door == world.alice


def test_after_a_no_go_the_warning_still_applies(world):
    besluit(world.traject, "no_go")
    assert world.client("begeleider").post(_url(world, "fase-2-starten/"), {}).status_code == 400


def test_fase_2_after_a_go_starts_without_warning(world):
    besluit(world.traject, "go")
    client = world.client("leidinggevende")
    assert "Let op" not in client.get(_url(world, "fase-2-starten/")).content.decode()
    assert client.post(_url(world, "fase-2-starten/"), {}).status_code == 302
    start = FaseStart.objects.get()
    assert not start.zonder_go and start.waarschuwing == ""
    # starting twice changes nothing
    assert client.post(_url(world, "fase-2-starten/"), {}).status_code == 302
    assert FaseStart.objects.count() == 1


def test_scan_page_queries_do_not_grow_with_members_or_rounds(world, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import LidmaatschapFactory

    client = world.client("teamlid")
    client.post(_url(world, "scan/"), {"antwoord_geld": "nee"})
    world.client("begeleider").post(_url(world, "scan/nieuwe-ronde/"))
    client.post(_url(world, "scan/"), {"antwoord_geld": "ja"})
    client.get(_url(world, "scan/"))
    with CaptureQueriesContext(connection) as klein:
        client.get(_url(world, "scan/"))
    n = len(klein)  # read now: every request resets Django's query log
    for _i in range(8):
        lid = LidmaatschapFactory(team=world.team)
        c = world.client("teamlid")
        c.force_login(lid.user)
        c.post(_url(world, "scan/"), {f"antwoord_{s}": "deels" for s in ["geld", "kennis", "steun"]})
    with django_assert_num_queries(n):
        client.get(_url(world, "scan/"))
