import re

import pytest

from oefeningen import services
from oefeningen.models import Bijdrage, GedeeldeTekst, OefeningStatus, Stem
from tests.oefeningen.conftest import add_members
from trajecten.models import Perspectief

HX = {"HX-Request": "true"}


def _url(world, oefening, rest=""):
    return f"/trajecten/{world.traject.pk}/oefeningen/{oefening.slug}/{rest}"


def test_adding_a_card_works_as_plain_post_and_with_htmx(world, oef):
    kaarten = oef("kaarten")
    client = world.client("teamlid")
    response = client.post(_url(world, kaarten, "bijdragen/"), {"tekst": "Zonder JavaScript"})
    assert response.status_code == 302 and response["Location"].endswith("#werkblad")
    response = client.post(_url(world, kaarten, "bijdragen/"), {"tekst": "Met htmx"}, headers=HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('\n<div id="werkblad"') or '<div id="werkblad"' in html[:200]
    assert "Zonder JavaScript" in html and "Met htmx" in html
    assert "<html" not in html  # only the partial
    assert 'id="meldingen" hx-swap-oob="innerHTML"' in html and "Je bijdrage is toegevoegd." in html
    assert "data-focus-after-swap" in html
    assert "HX-Request" in response["Vary"]
    assert Bijdrage.objects.filter(auteur=world.bob).count() == 2


def test_the_page_and_the_partial_vary_on_hx_request(world, oef):
    kaarten = oef("kaarten")
    client = world.client("teamlid")
    full = client.get(_url(world, kaarten))
    partial = client.get(_url(world, kaarten), headers=HX)
    assert "HX-Request" in full["Vary"] and "HX-Request" in partial["Vary"]
    assert b"<html" in full.content and b"<html" not in partial.content


@pytest.mark.parametrize("htmx", [False, True])
@pytest.mark.parametrize(
    ("tekst", "melding"),
    [("", "Vul hier iets in"), ("y" * 501, "hoogstens 500 tekens. Nu zijn het er 501")],
)
def test_bad_input_gets_a_dutch_message_keeps_the_text_and_stores_nothing(world, oef, tekst, melding, htmx):
    kaarten = oef("kaarten")
    response = world.client("teamlid").post(
        _url(world, kaarten, "bijdragen/"), {"tekst": tekst}, headers=HX if htmx else {}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert melding in html
    assert 'aria-describedby="' in html and "is-invalid" in html
    if tekst:
        assert tekst in html  # what the person typed is kept
    assert not Bijdrage.objects.exists()


def test_typed_html_is_shown_escaped(world, oef):
    kaarten = oef("kaarten")
    client = world.client("teamlid")
    client.post(_url(world, kaarten, "bijdragen/"), {"tekst": "<script>alert('x')</script><b>vet</b>"})
    html = client.get(_url(world, kaarten)).content.decode()
    assert "<script>alert" not in html and "<b>vet</b>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&lt;b&gt;vet&lt;/b&gt;" in html


def test_a_vote_for_a_card_of_another_team_is_refused(world, oef):
    kaarten = oef("kaarten")
    other = Bijdrage.objects.create(traject=world.other_traject, oefening=kaarten, tekst="Ander team")
    client = world.client("teamlid")
    response = client.post(_url(world, kaarten, f"bijdragen/{other.pk}/stem/"))
    assert response.status_code == 404
    response = client.post(
        f"/trajecten/{world.other_traject.pk}/oefeningen/{kaarten.slug}/bijdragen/{other.pk}/stem/"
    )
    assert response.status_code == 404
    assert not Stem.objects.exists()


def test_too_many_votes_get_a_message_and_are_not_stored(world, oef):
    kaarten = oef("kaarten", instellingen={"kaartlabel": "Kaart", "stemmen_per_persoon": 1})
    a, b = (Bijdrage.objects.create(traject=world.traject, oefening=kaarten, tekst=t) for t in "ab")
    client = world.client("teamlid")
    response = client.post(_url(world, kaarten, f"bijdragen/{a.pk}/stem/"), headers=HX)
    assert response.status_code == 200 and "1 stem" in response.content.decode()
    response = client.post(_url(world, kaarten, f"bijdragen/{b.pk}/stem/"), headers=HX)
    assert response.status_code == 409
    assert "Je hebt al je 1 stemmen gebruikt" in response.content.decode()
    assert list(Stem.objects.values_list("bijdrage_id", flat=True)) == [a.pk]
    response = client.post(_url(world, kaarten, f"bijdragen/{a.pk}/stem-weg/"))
    assert response.status_code == 302 and not Stem.objects.exists()


def test_members_edit_their_own_cards_and_the_begeleider_moderates_all(world, oef, dora):
    kaarten = oef("kaarten")
    card = services.bijdrage_toevoegen(
        traject=world.traject, oefening=kaarten, auteur=world.bob, data={"tekst": "Oud"}
    )
    dora_client = world.client("teamlid")
    dora_client.force_login(dora)
    assert dora_client.get(_url(world, kaarten, f"bijdragen/{card.pk}/bewerken/")).status_code == 403
    assert dora_client.post(_url(world, kaarten, f"bijdragen/{card.pk}/verwijderen/")).status_code == 403
    bob = world.client("teamlid")
    response = bob.post(_url(world, kaarten, f"bijdragen/{card.pk}/bewerken/"), {"tekst": ""})
    assert response.status_code == 400 and "Vul hier iets in" in response.content.decode()
    assert (
        bob.post(_url(world, kaarten, f"bijdragen/{card.pk}/bewerken/"), {"tekst": "Nieuw"}).status_code
        == 302
    )
    card.refresh_from_db()
    assert card.tekst == "Nieuw"
    page = dora_client.get(_url(world, kaarten)).content.decode()
    assert f"bijdragen/{card.pk}/bewerken/" not in page
    assert (
        f"bijdragen/{card.pk}/bewerken/"
        in world.client("begeleider").get(_url(world, kaarten)).content.decode()
    )
    assert (
        world.client("begeleider").post(_url(world, kaarten, f"bijdragen/{card.pk}/verwijderen/")).status_code
        == 302
    )
    assert not Bijdrage.objects.exists()


def test_anonymous_and_paper_contributions(world, oef):
    zorgen = oef("kaarten", slug="zorgen", anoniem_toegestaan=True)
    world.client("teamlid").post(
        _url(world, zorgen, "bijdragen/"), {"tekst": "Ik durf het niet te zeggen", "anoniem": "on"}
    )
    world.client("begeleider").post(
        _url(world, zorgen, "bijdragen/"), {"tekst": "Van de flap", "namens_groep": "on"}
    )
    anoniem, papier = Bijdrage.objects.order_by("pk")
    assert anoniem.auteur_id is None and not anoniem.namens_groep
    assert papier.auteur_id is None and papier.namens_groep
    html = world.client("teamlid").get(_url(world, zorgen)).content.decode()
    assert (
        "Anoniem" in html and "Op papier, namens de groep" in html and "Bob" not in html.split("kop-team")[1]
    )
    # A teamlid cannot claim to write for the group; anonymity needs the exercise's consent.
    form = world.client("teamlid").get(_url(world, zorgen)).content.decode()
    assert 'name="namens_groep"' not in form
    gesloten = oef("kaarten")
    response = world.client("teamlid").post(
        _url(world, gesloten, "bijdragen/"), {"tekst": "x", "anoniem": "on"}
    )
    assert response.status_code == 302
    assert Bijdrage.objects.get(oefening=gesloten).auteur == world.bob  # the field is not offered: ignored


def test_private_until_reveal(world, oef, dora):
    kaarten = oef("kaarten")
    services.bijdrage_toevoegen(
        traject=world.traject, oefening=kaarten, auteur=dora, data={"tekst": "Van Dora"}
    )
    services.bijdrage_toevoegen(
        traject=world.traject, oefening=kaarten, auteur=world.bob, data={"tekst": "Van Bob"}
    )
    begeleider = world.client("begeleider")
    assert begeleider.post(_url(world, kaarten, "zichtbaarheid/"), {"verborgen": "1"}).status_code == 302
    bob_page = world.client("teamlid").get(_url(world, kaarten)).content.decode()
    assert "Van Bob" in bob_page and "Van Dora" not in bob_page and "nog verborgen" in bob_page
    assert "Van Dora" in begeleider.get(_url(world, kaarten)).content.decode()
    begeleider.post(_url(world, kaarten, "zichtbaarheid/"), {"verborgen": "0"})
    assert "Van Dora" in world.client("teamlid").get(_url(world, kaarten)).content.decode()


def test_perspectives_are_compared_only_for_groups_of_three(world, oef):
    schaal = oef("schaal")
    eds = [world.bob, *add_members(world, 2, Perspectief.ERVARINGSDESKUNDIGE)]
    profs = add_members(world, 2, Perspectief.PROFESSIONAL)
    for user, waarde in [*((u, 5) for u in eds), *((u, 2) for u in profs)]:
        services.bijdrage_toevoegen(
            traject=world.traject, oefening=schaal, auteur=user, data={"item": "ervaring", "waarde": waarde}
        )
    html = world.client("begeleider").get(_url(world, schaal)).content.decode()
    ed_row = html.split('<th scope="row">Ervaringsdeskundige</th>')[1].split("</tr>")[0]
    assert '<td data-label="5">3</td>' in ed_row
    prof_row = html.split('<th scope="row">Professional</th>')[1].split("</tr>")[0]
    assert "Minder dan 3 mensen" in prof_row and "<td data-label" not in prof_row
    assert "gemiddeld 3,8" in html or "gemiddeld 3.8" in html


def test_checklist_and_schaal_forms_save_a_whole_answer(world, oef):
    checklist, schaal = oef("checklist"), oef("schaal")
    client = world.client("teamlid")
    assert client.post(_url(world, checklist, "bijdragen/"), {"items": ["ed", "client"]}).status_code == 302
    assert client.post(_url(world, checklist, "bijdragen/"), {"items": ["ed"]}).status_code == 302
    assert list(Bijdrage.objects.filter(oefening=checklist).values_list("item", flat=True)) == ["ed"]
    response = client.post(_url(world, schaal, "bijdragen/"), {})
    assert response.status_code == 400 and "Je hebt nog niets ingevuld" in response.content.decode()
    assert client.post(_url(world, schaal, "bijdragen/"), {"item_ervaring": "4"}).status_code == 302
    page = client.get(_url(world, schaal)).content.decode()
    tag = re.search(r'<input[^>]*id="id_item_ervaring_4"[^>]*>', page).group(0)
    assert "checked" in tag  # the form shows the person's saved answer


def test_a_stale_text_save_is_refused_with_both_versions(world, oef, dora):
    tekst = oef("tekst")
    url = _url(world, tekst, "tekst/")
    assert world.client("begeleider").post(url, {"tekst": "Visie van Alice", "versie": 0}).status_code == 302
    response = world.client("teamlid").post(url, {"tekst": "Visie van Bob", "versie": 0}, headers=HX)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Visie van Alice" in html and "Visie van Bob" in html and "Alice heeft de tekst intussen" in html
    assert 'name="versie" value="1"' in html
    assert GedeeldeTekst.objects.get().tekst == "Visie van Alice"
    response = world.client("teamlid").post(url, {"tekst": "x" * 20001, "versie": 1})
    assert response.status_code == 400 and "hoogstens 20000" in response.content.decode()
    assert world.client("teamlid").post(url, {"tekst": "Samen", "versie": 1}).status_code == 302
    assert GedeeldeTekst.objects.get().versie == 2


def test_a_finished_exercise_takes_no_input_until_reopened(world, oef):
    kaarten = oef("kaarten")
    begeleider = world.client("begeleider")
    assert begeleider.post(_url(world, kaarten, "status/"), {"status": "afgerond"}).status_code == 302
    response = world.client("teamlid").post(_url(world, kaarten, "bijdragen/"), {"tekst": "Te laat"})
    assert response.status_code == 409 and "afgerond" in response.content.decode()
    assert begeleider.post(_url(world, kaarten, "status/"), {"status": "vaag"}).status_code == 400
    begeleider.post(_url(world, kaarten, "status/"), {"status": "bezig"})
    assert (
        world.client("teamlid").post(_url(world, kaarten, "bijdragen/"), {"tekst": "Nu wel"}).status_code
        == 302
    )
    assert list(Bijdrage.objects.values_list("tekst", flat=True)) == ["Nu wel"]


def test_grouping_cards_into_clusters(world, oef):
    kaarten = oef("kaarten")
    card = services.bijdrage_toevoegen(
        traject=world.traject, oefening=kaarten, auteur=world.bob, data={"tekst": "A"}
    )
    begeleider = world.client("begeleider")
    assert begeleider.post(_url(world, kaarten, "groepen/"), {"naam": ""}).status_code == 400
    assert begeleider.post(_url(world, kaarten, "groepen/"), {"naam": "Samenwerking"}).status_code == 302
    cluster = kaarten.clusters.get()
    assert (
        begeleider.post(
            _url(world, kaarten, f"bijdragen/{card.pk}/groep/"), {"cluster": cluster.pk}
        ).status_code
        == 302
    )
    card.refresh_from_db()
    assert card.cluster == cluster
    html = world.client("teamlid").get(_url(world, kaarten)).content.decode()
    assert "<h3" in html and "Samenwerking" in html


def test_the_leidinggevende_reads_but_does_not_write(world, oef):
    kaarten = oef("kaarten")
    html = world.client("leidinggevende").get(_url(world, kaarten)).content.decode()
    assert "Als leidinggevende kijk je mee" in html and 'name="tekst"' not in html


def test_progress_shows_on_the_overview_and_the_trajectory_page(world, oef):
    kaarten = oef("kaarten")
    oef("tekst")
    services.status_zetten(traject=world.traject, oefening=kaarten, status=OefeningStatus.Status.AFGEROND)
    overzicht = world.client("teamlid").get(f"/trajecten/{world.traject.pk}/oefeningen/").content.decode()
    assert "1 van 2 oefeningen afgerond" in overzicht and "Afgerond" in overzicht
    traject = world.client("teamlid").get(f"/trajecten/{world.traject.pk}/").content.decode()
    assert "Oefeningen afgerond</span>: 1 van 2 klaar" in traject
    assert "Hoofdstuk 3: Context</span>: 1 van 2 klaar" in traject
    assert f"/trajecten/{world.traject.pk}/oefeningen/" in traject


def test_checklist_perspectives_hide_groups_under_three(world, oef):
    checklist = oef("checklist")
    eds = [world.bob, *add_members(world, 2, Perspectief.ERVARINGSDESKUNDIGE)]
    profs = add_members(world, 1, Perspectief.PROFESSIONAL)
    for user in [*eds, *profs]:
        services.antwoorden_opslaan(
            traject=world.traject, oefening=checklist, auteur=user, antwoorden=[{"item": "ed"}]
        )
    html = world.client("begeleider").get(_url(world, checklist)).content.decode()
    assert "Ervaringsdeskundige: 3 van 3" in html
    assert "Professional: 1 van 1" not in html
    assert "minder dan 3 mensen (zodat niemand herkenbaar is): Professional." in html


def test_objects_of_another_trajectory_are_out_of_reach(world, oef):
    kaarten = oef("kaarten")
    mine = services.bijdrage_toevoegen(
        traject=world.traject, oefening=kaarten, auteur=world.bob, data={"tekst": "A"}
    )
    theirs = services.bijdrage_toevoegen(
        traject=world.other_traject, oefening=kaarten, auteur=world.charlie, data={"tekst": "B"}
    )
    their_cluster = services.cluster_maken(
        traject=world.other_traject, oefening=kaarten, naam="<b>Hun groep</b>"
    )
    begeleider = world.client("begeleider")
    response = begeleider.post(
        _url(world, kaarten, f"bijdragen/{mine.pk}/groep/"), {"cluster": their_cluster.pk}
    )
    assert response.status_code == 400
    mine.refresh_from_db()
    assert mine.cluster_id is None
    for rest in ("bewerken/", "verwijderen/", "stem/", "groep/"):
        assert (
            begeleider.post(_url(world, kaarten, f"bijdragen/{theirs.pk}/{rest}"), {"tekst": "x"}).status_code
            == 404
        )
    theirs.refresh_from_db()
    assert theirs.tekst == "B"
    charlie = world.client("buitenstaander")
    page = charlie.get(f"/trajecten/{world.other_traject.pk}/oefeningen/{kaarten.slug}/").content.decode()
    assert "&lt;b&gt;Hun groep&lt;/b&gt;" in page and "<b>Hun groep</b>" not in page


def test_the_first_card_turns_the_status_badge_to_bezig_in_place(world, oef):
    kaarten = oef("kaarten")
    client = world.client("teamlid")
    assert (
        'id="oefening-status" class="badge status-niet_gestart"'
        in client.get(_url(world, kaarten)).content.decode()
    )
    html = client.post(
        _url(world, kaarten, "bijdragen/"), {"tekst": "Eerste kaart"}, headers=HX
    ).content.decode()
    # The badge lives outside the swapped part, so it comes out of band.
    assert 'id="oefening-status" class="badge status-bezig" hx-swap-oob="true">Bezig<' in html
