"""Sensitive fields: consent before storage, visible only to the ED and to people the ED allows,
never in lists, exports, the plan or signals; every view and change audited."""

import pytest
from django.template.loader import render_to_string

from ervaringsdeskundigen.models import AuditRegel, Ervaringsprofiel, Inzagerecht, Toestemming
from ervaringsdeskundigen.rules import SIGNAL_RULES
from ervaringsdeskundigen.selectors import export_rows, plan_context
from ervaringsdeskundigen.services import inzage_geven
from tests.ervaringsdeskundigen.conftest import THEMA, VERHAAL, client_for
from tests.factories import PASSWORD
from trajecten.services import persoonsgegevens_export


def _plek_url(w):
    return f"/trajecten/{w.traject.pk}/ervaringsdeskundigen/{w.plek.pk}/"


def test_the_ed_sees_their_own_sensitive_fields_and_the_view_is_logged(ed):
    response = ed.client("teamlid").get(_plek_url(ed))
    assert response.status_code == 200
    assert THEMA in response.text and VERHAAL.split(":")[0] in response.text
    entry = AuditRegel.objects.filter(actie="bekijken").get()
    assert (entry.actor, entry.betrokkene, entry.namens) == (ed.bob, ed.bob, "eigen gegevens")
    assert "ervaringsthema" in entry.onderdeel and THEMA not in entry.onderdeel


@pytest.mark.parametrize("who", ["dave", "alice", "mira"])
def test_members_begeleider_and_manager_without_grant_see_no_sensitive_field(ed, who):
    client = client_for(ed, getattr(ed, who))
    for url in (
        _plek_url(ed),
        f"/trajecten/{ed.traject.pk}/ervaringsdeskundigen/",
        f"/trajecten/{ed.traject.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert THEMA not in response.text and "GEHEIM" not in response.text, url
    # The place itself (name, placement, support) is visible to them.
    assert "ED herstel" in client.get(_plek_url(ed)).text
    assert not AuditRegel.objects.filter(actie="bekijken").exists()


def test_another_team_cannot_reach_the_place(ed):
    client = ed.client("buitenstaander")
    assert client.get(_plek_url(ed)).status_code == 404
    # Nor through its own trajectory's URL with our place's id.
    other = f"/trajecten/{ed.other_traject.pk}/ervaringsdeskundigen/{ed.plek.pk}/"
    assert client.get(other).status_code == 404


def test_a_grant_lets_one_person_see_and_is_audited_on_their_behalf(ed):
    inzage_geven(eigenaar=ed.bob, ontvanger=ed.alice)
    response = ed.client("begeleider").get(_plek_url(ed))
    assert THEMA in response.text
    entry = AuditRegel.objects.get(actie="bekijken")
    assert entry.actor == ed.alice and entry.betrokkene == ed.bob
    assert "Begeleider" in entry.namens and ed.team.naam in entry.namens
    # Others still see nothing.
    assert THEMA not in client_for(ed, ed.dave).get(_plek_url(ed)).text
    assert THEMA not in ed.client("leidinggevende").get(_plek_url(ed)).text


def test_revoking_a_grant_through_the_page_hides_the_fields_again(ed):
    recht = inzage_geven(eigenaar=ed.bob, ontvanger=ed.alice)
    response = ed.client("teamlid").post(f"/mijn-gegevens/inzage/{recht.pk}/intrekken/")
    assert response.status_code == 302
    assert not Inzagerecht.objects.exists()
    assert THEMA not in ed.client("begeleider").get(_plek_url(ed)).text


def test_granting_through_the_page_offers_only_colleagues(ed):
    client = ed.client("teamlid")
    page = client.get("/mijn-gegevens/").text
    assert "Alice" in page and "Charlie" not in page
    response = client.post("/mijn-gegevens/inzage/", {"ontvanger": ed.charlie.pk})
    assert response.status_code == 400
    assert "Kies iemand met wie je in een team zit." in response.text
    assert not Inzagerecht.objects.exists()
    assert client.post("/mijn-gegevens/inzage/", {"ontvanger": ed.alice.pk}).status_code == 302
    assert Inzagerecht.objects.filter(eigenaar=ed.bob, ontvanger=ed.alice).exists()


def test_no_sensitive_field_in_export_plan_or_signals(ed):
    inzage_geven(eigenaar=ed.bob, ontvanger=ed.alice)  # even with a grant: these are for everyone
    rows = export_rows(ed.traject)
    assert rows and rows[0]["ervaringsdeskundige"] == "Bob"
    assert "GEHEIM" not in repr(rows)
    html = render_to_string("ervaringsdeskundigen/plan_sectie.html", plan_context(ed.traject))
    assert "ED herstel" in html and "GEHEIM" not in html
    signals = [s for rule in SIGNAL_RULES for s in rule(ed.traject)]
    assert "GEHEIM" not in repr(signals)
    # Someone else's personal-data export does not carry bob's profile either.
    assert "GEHEIM" not in repr(persoonsgegevens_export(ed.alice))


def test_sensitive_field_without_consent_is_refused_and_nothing_stored(world):
    client = world.client("teamlid")
    response = client.post(
        "/mijn-gegevens/ervaringsprofiel/", {"ervaringsthema": "Armoede <b>", "ervaringsverhaal": ""}
    )
    assert response.status_code == 400
    assert "We bewaren dit alleen als je toestemming geeft." in response.text
    assert 'value="Armoede &lt;b&gt;"' in response.text  # typed text kept, escaped
    assert not Ervaringsprofiel.objects.exists() and not Toestemming.objects.exists()
    assert not AuditRegel.objects.exists()


def test_consent_is_recorded_with_text_and_date_then_withdrawn(world):
    client = world.client("teamlid")
    response = client.post(
        "/mijn-gegevens/ervaringsprofiel/",
        {"ervaringsthema": "Armoede", "ervaringsverhaal": "", "toestemming": "on"},
    )
    assert response.status_code == 302
    toestemming = Toestemming.objects.get(user=world.bob)
    assert toestemming.tekst.startswith("Ik geef toestemming om mijn ervaringsthema")
    assert toestemming.gegeven_op is not None and toestemming.ingetrokken_op is None
    assert Ervaringsprofiel.objects.get(user=world.bob).ervaringsthema == "Armoede"
    acties = list(AuditRegel.objects.order_by("pk").values_list("actie", "onderdeel"))
    assert acties[0][1].startswith("toestemming gegeven")
    assert acties[1] == ("wijzigen", "ervaringsthema")

    # With consent on file, the page shows the agreed text instead of asking again.
    page = client.get("/mijn-gegevens/ervaringsprofiel/").text
    assert "Je gaf toestemming op" in page and "Armoede" in page

    # Withdrawing erases the profile for good: it asks for the password, and a wrong one erases nothing.
    for wrong in ("fout", ""):
        response = client.post("/mijn-gegevens/toestemming-intrekken/", {"wachtwoord": wrong})
        assert response.status_code == 400
        assert Ervaringsprofiel.objects.exists()
    assert (
        "Dit wachtwoord klopt niet."
        in client.post("/mijn-gegevens/toestemming-intrekken/", {"wachtwoord": "fout"}).content.decode()
    )
    toestemming.refresh_from_db()
    assert toestemming.ingetrokken_op is None
    response = client.post("/mijn-gegevens/toestemming-intrekken/", {"wachtwoord": PASSWORD})
    assert response.status_code == 302
    assert not Ervaringsprofiel.objects.exists()
    toestemming.refresh_from_db()
    assert toestemming.ingetrokken_op is not None
    assert AuditRegel.objects.filter(actie="wissen", betrokkene=world.bob).exists()


def test_the_ed_reads_who_looked_in_their_log_and_nobody_else_does(ed):
    inzage_geven(eigenaar=ed.bob, ontvanger=ed.alice)
    ed.client("begeleider").get(_plek_url(ed))
    log = ed.client("teamlid").get("/mijn-gegevens/logboek/").text
    assert "Alice" in log and "bekeken" in log and "Begeleider, Team Alfa" in log
    # alice's own log holds nothing about bob.
    assert "Begeleider, Team Alfa" not in ed.client("begeleider").get("/mijn-gegevens/logboek/").text


@pytest.mark.parametrize("actor", ["begeleider", "leidinggevende", "teamlid"])
def test_the_plan_page_and_trajectory_export_never_carry_sensitive_fields(ed, actor):
    # Even the ED's own view of the plan is for the whole team: no sensitive field there.
    client = ed.client(actor)
    plan = client.get(f"/trajecten/{ed.traject.pk}/plan/")
    assert plan.status_code == 200
    assert "ED herstel" in plan.text and "GEHEIM" not in plan.text
    if actor != "teamlid":  # the trajectory exports are for begeleider and leidinggevende
        for name in ("export.json", "export-csv.zip"):
            export = client.get(f"/trajecten/{ed.traject.pk}/{name}")
            assert export.status_code == 200, name
            body = b"".join(export.streaming_content) if export.streaming else export.content
            if name.endswith(".zip"):
                import io
                import zipfile

                with zipfile.ZipFile(io.BytesIO(body)) as archive:
                    body = b"".join(archive.read(n) for n in archive.namelist())
            assert b"ED herstel" in body and b"GEHEIM" not in body, name
    assert not AuditRegel.objects.filter(actie="bekijken").exists()


def test_the_log_names_the_colleague_who_got_inzage_but_stores_only_a_pseudonym(ed):
    client = ed.client("teamlid")
    client.post("/mijn-gegevens/inzage/", {"ontvanger": ed.alice.pk})
    entry = AuditRegel.objects.get(onderdeel__startswith="inzage gegeven")
    assert "Alice" not in entry.onderdeel and "p-" in entry.onderdeel
    assert "inzage gegeven aan Alice" in client.get("/mijn-gegevens/logboek/").text


def test_the_plan_pdf_shows_placements_without_sensitive_fields(ed):
    import io

    from pypdf import PdfReader

    inzage_geven(eigenaar=ed.bob, ontvanger=ed.alice)
    response = ed.client("begeleider").post(f"/trajecten/{ed.traject.pk}/plan/pdf/")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    assert "ED herstel" in text and "Mo Maatje" in text
    assert "GEHEIM" not in text and "psychose" not in text


def test_a_new_consent_text_asks_again_before_a_change(ed):
    Toestemming.objects.filter(user=ed.bob).update(versie="2025-0", tekst="Oude tekst")
    client = ed.client("teamlid")
    page = client.get("/mijn-gegevens/ervaringsprofiel/").text
    assert "De tekst van de toestemming is veranderd." in page and THEMA in page
    refused = client.post(
        "/mijn-gegevens/ervaringsprofiel/", {"ervaringsthema": "Nieuw", "ervaringsverhaal": ""}
    )
    assert refused.status_code == 400
    assert Ervaringsprofiel.objects.get(user=ed.bob).ervaringsthema == THEMA
    ok = client.post(
        "/mijn-gegevens/ervaringsprofiel/",
        {"ervaringsthema": "Nieuw", "ervaringsverhaal": "", "toestemming": "on"},
    )
    assert ok.status_code == 302
    oud, nieuw = Toestemming.objects.filter(user=ed.bob).order_by("pk")
    assert oud.ingetrokken_op is not None and nieuw.ingetrokken_op is None and nieuw.versie != "2025-0"
    profiel = Ervaringsprofiel.objects.get(user=ed.bob)
    assert profiel.ervaringsthema == "Nieuw" and profiel.toestemming == nieuw
