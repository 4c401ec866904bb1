import datetime

import pytest
from django.core.exceptions import ValidationError

from oefeningen import selectors, services
from oefeningen.models import Bijdrage, GedeeldeTekst, OefeningStatus, Stem
from tests.oefeningen.factories import OefeningFactory
from trajecten.services import persoon_wissen, persoonsgegevens_export


def _kaart(world, oefening, auteur=None, tekst="Sterk team", **kwargs):
    return services.bijdrage_toevoegen(
        traject=world.traject, oefening=oefening, auteur=auteur or world.bob, data={"tekst": tekst}, **kwargs
    )


def test_it_adds_a_card_and_marks_the_exercise_started(world, oef):
    kaarten = oef("kaarten")
    bijdrage = _kaart(world, kaarten, tekst="  We luisteren goed  ")
    assert bijdrage.tekst == "We luisteren goed"
    assert bijdrage.auteur == world.bob
    assert selectors.status_van(world.traject, kaarten).status == OefeningStatus.Status.BEZIG


@pytest.mark.parametrize(
    ("tekst", "fout"),
    [("", "leeg"), ("   \n ", "leeg"), ("x" * 501, "hoogstens 500"), ("a\x00b", "teken")],
)
def test_it_refuses_bad_cards_and_stores_nothing(world, oef, tekst, fout):
    with pytest.raises(ValidationError) as error:
        _kaart(world, oef("kaarten"), tekst=tekst)
    assert fout in " ".join(error.value.message_dict["tekst"])
    assert not Bijdrage.objects.exists()
    assert not OefeningStatus.objects.exists()


def test_a_card_of_exactly_500_characters_is_fine(world, oef):
    assert len(_kaart(world, oef("kaarten"), tekst="x" * 500).tekst) == 500


def test_html_is_stored_as_plain_text(world, oef):
    bijdrage = _kaart(world, oef("kaarten"), tekst="<script>alert(1)</script>")
    assert Bijdrage.objects.get(pk=bijdrage.pk).tekst == "<script>alert(1)</script>"


def test_anonymous_input_stores_no_author_and_only_where_allowed(world, oef):
    open_oef = oef("kaarten", slug="zorgen", anoniem_toegestaan=True)
    bijdrage = _kaart(world, open_oef, anoniem=True)
    assert bijdrage.auteur_id is None and bijdrage.is_anoniem
    with pytest.raises(ValidationError) as error:
        _kaart(world, oef("kaarten"), anoniem=True)
    assert "anoniem" in error.value.message_dict
    assert Bijdrage.objects.count() == 1


def test_paper_contributions_are_marked_and_have_no_author(world, oef):
    bijdrage = _kaart(world, oef("kaarten"), auteur=world.alice, namens_groep=True)
    assert bijdrage.namens_groep and bijdrage.auteur_id is None and not bijdrage.is_anoniem


def test_a_schaal_answer_replaces_the_persons_earlier_rating(world, oef):
    schaal = oef("schaal")
    for waarde in (2, 4):
        services.bijdrage_toevoegen(
            traject=world.traject,
            oefening=schaal,
            auteur=world.bob,
            data={"item": "ervaring", "waarde": waarde},
        )
    assert list(Bijdrage.objects.values_list("item", "waarde")) == [("ervaring", 4)]
    with pytest.raises(ValidationError):
        services.bijdrage_toevoegen(
            traject=world.traject, oefening=schaal, auteur=world.bob, data={"item": "ervaring", "waarde": 6}
        )
    with pytest.raises(ValidationError):
        services.bijdrage_toevoegen(
            traject=world.traject, oefening=schaal, auteur=world.bob, data={"item": "onbekend", "waarde": 3}
        )


def test_antwoorden_opslaan_replaces_a_whole_answer(world, oef):
    checklist = oef("checklist")
    services.antwoorden_opslaan(
        traject=world.traject,
        oefening=checklist,
        auteur=world.bob,
        antwoorden=[{"item": "ed"}, {"item": "client"}],
    )
    services.antwoorden_opslaan(
        traject=world.traject, oefening=checklist, auteur=world.bob, antwoorden=[{"item": "professional"}]
    )
    assert list(Bijdrage.objects.values_list("item", flat=True)) == ["professional"]


def test_a_single_keuze_keeps_one_choice_per_person(world, oef):
    keuze = oef("keuze")
    for optie in ("vrijwillig", "betaald"):
        services.bijdrage_toevoegen(
            traject=world.traject,
            oefening=keuze,
            auteur=world.bob,
            data={"item": optie, "toelichting": "omdat"},
        )
    assert list(Bijdrage.objects.values_list("item", "toelichting")) == [("betaald", "omdat")]


def test_a_choice_outlives_its_option_when_the_content_drops_it(world, oef, settings):
    settings.COCREATIE_GROEP_MINIMUM = 1  # one answer, shown: this test is about the option
    keuze = oef("keuze")
    services.bijdrage_toevoegen(
        traject=world.traject,
        oefening=keuze,
        auteur=world.bob,
        data={"item": "betaald", "toelichting": "geld"},
    )
    keuze.instellingen = {"opties": [o for o in keuze.instellingen["opties"] if o["key"] != "betaald"]}
    keuze.save()

    rijen = keuze.kind.aggregate(keuze, list(Bijdrage.objects.all()), perspectieven={})["rijen"]

    assert [r["aantal"] for r in rijen if r["optie"]["key"] == "betaald"] == []
    assert rijen[-1]["optie"]["label"] == "Een keuze die niet meer in de lijst staat"
    assert [b.toelichting for b in rijen[-1]["bijdragen"]] == ["geld"]


def test_kompas_matrix_and_tijdlijn_validate_their_items(world, oef):
    kompas, matrix, tijdlijn = oef("kompas"), oef("matrix"), oef("tijdlijn")
    t = world.traject
    services.bijdrage_toevoegen(
        traject=t, oefening=kompas, auteur=world.bob, data={"item": "noord", "tekst": "Doel"}
    )
    with pytest.raises(ValidationError) as error:
        services.bijdrage_toevoegen(
            traject=t, oefening=kompas, auteur=world.bob, data={"item": "boven", "tekst": "x"}
        )
    assert "richting" in error.value.message_dict
    cel = services.bijdrage_toevoegen(
        traject=t, oefening=matrix, auteur=world.bob, data={"x": "formeel", "y": "team", "tekst": "Overleg"}
    )
    assert cel.item == "formeel|team"
    with pytest.raises(ValidationError) as error:
        services.bijdrage_toevoegen(
            traject=t, oefening=matrix, auteur=world.bob, data={"x": "a", "tekst": ""}
        )
    assert {"x", "y", "tekst"} <= set(error.value.message_dict)
    event = services.bijdrage_toevoegen(
        traject=t,
        oefening=tijdlijn,
        auteur=world.bob,
        data={"datum": "2019-03-01", "tekst": "Start", "toelichting": ""},
    )
    assert event.datum == datetime.date(2019, 3, 1)
    with pytest.raises(ValidationError) as error:
        services.bijdrage_toevoegen(
            traject=t, oefening=tijdlijn, auteur=world.bob, data={"datum": "gisteren"}
        )
    assert {"datum", "tekst"} <= set(error.value.message_dict)
    assert Bijdrage.objects.count() == 3


def test_votes_respect_the_limit_one_per_card_and_the_own_team(world, oef):
    kaarten = oef("kaarten")  # 3 votes per person
    cards = [_kaart(world, kaarten, tekst=f"k{i}") for i in range(4)]
    for card in cards[:3]:
        services.stem_uitbrengen(traject=world.traject, bijdrage=card, kiezer=world.bob)
    with pytest.raises(ValidationError) as error:
        services.stem_uitbrengen(traject=world.traject, bijdrage=cards[3], kiezer=world.bob)
    assert "al je 3 stemmen" in error.value.messages[0]
    assert services.stem_intrekken(traject=world.traject, bijdrage=cards[0], kiezer=world.bob)
    services.stem_uitbrengen(traject=world.traject, bijdrage=cards[3], kiezer=world.bob)
    with pytest.raises(ValidationError, match="al op deze kaart"):
        services.stem_uitbrengen(traject=world.traject, bijdrage=cards[3], kiezer=world.bob)
    other = services.bijdrage_toevoegen(
        traject=world.other_traject,
        oefening=kaarten,
        auteur=world.charlie,
        data={"tekst": "van een ander team"},
    )
    with pytest.raises(ValidationError, match="eigen team"):
        services.stem_uitbrengen(traject=world.traject, bijdrage=other, kiezer=world.bob)
    assert Stem.objects.filter(kiezer=world.bob).count() == 3


def test_shared_text_refuses_a_stale_save(world, oef):
    tekst = oef("tekst")
    eerste = services.tekst_opslaan(
        traject=world.traject, oefening=tekst, tekst="Versie A", versie=0, door=world.bob
    )
    assert eerste.versie == 1
    with pytest.raises(services.VersieConflict) as conflict:
        services.tekst_opslaan(
            traject=world.traject, oefening=tekst, tekst="Versie B", versie=0, door=world.alice
        )
    assert conflict.value.huidig.tekst == "Versie A" and conflict.value.jouw_tekst == "Versie B"
    tweede = services.tekst_opslaan(
        traject=world.traject, oefening=tekst, tekst="A en B", versie=1, door=world.alice
    )
    assert (tweede.versie, tweede.tekst) == (2, "A en B")
    with pytest.raises(ValidationError, match="hoogstens 20000"):
        services.tekst_opslaan(
            traject=world.traject, oefening=tekst, tekst="x" * 20001, versie=2, door=world.bob
        )
    assert GedeeldeTekst.objects.get().tekst == "A en B"


def test_erasing_a_person_keeps_their_contributions_without_name(world, oef):
    kaarten, tekst = oef("kaarten"), oef("tekst")
    card = _kaart(world, kaarten)
    services.stem_uitbrengen(traject=world.traject, bijdrage=card, kiezer=world.bob)
    services.tekst_opslaan(traject=world.traject, oefening=tekst, tekst="Samen", versie=0, door=world.bob)
    export = persoonsgegevens_export(world.bob)
    assert export["oefeningen.Bijdrage"][0]["tekst"] == "Sterk team"
    assert len(export["oefeningen.Stem"]) == 1
    persoon_wissen(world.bob)
    card.refresh_from_db()
    assert card.auteur_id is None and card.tekst == "Sterk team"
    assert Stem.objects.get().kiezer_id is None
    assert GedeeldeTekst.objects.get().gewijzigd_door_id is None


def test_samenvatting_reports_status_completeness_and_lines(world, oef):
    kompas = oef("kompas")
    summary = selectors.oefening_samenvatting(world.traject, kompas)
    assert (summary.status, summary.is_complete, summary.regels) == ("niet_gestart", False, [])
    for richting in ("noord", "oost", "zuid", "west"):
        services.bijdrage_toevoegen(
            traject=world.traject,
            oefening=kompas,
            auteur=world.bob,
            data={"item": richting, "tekst": f"{richting}!"},
        )
    summary = selectors.oefening_samenvatting(world.traject, kompas)
    assert summary.is_complete and summary.status == "bezig" and summary.aantal_bijdragen == 4
    assert summary.regels[0] == "Noord: onze richting: noord!"


def test_status_can_be_done_and_reopened(world, oef):
    kaarten = oef("kaarten")
    services.status_zetten(traject=world.traject, oefening=kaarten, status="afgerond")
    _kaart(world, kaarten)  # a service call does not reopen a finished exercise
    assert selectors.status_van(world.traject, kaarten).status == "afgerond"
    services.status_zetten(traject=world.traject, oefening=kaarten, status="bezig")
    assert selectors.status_van(world.traject, kaarten).status == "bezig"
    with pytest.raises(ValidationError):
        services.status_zetten(traject=world.traject, oefening=kaarten, status="klaar")


def test_factories_build_valid_exercises_of_every_kind(db):
    from django.core.exceptions import ValidationError

    from oefeningen.soorten import all_kinds

    problems = {}
    for soort in all_kinds():
        try:
            OefeningFactory(soort=soort).full_clean()
        except ValidationError as error:
            problems[soort] = error.messages
    assert problems == {}
    assert len(all_kinds()) == 8


def test_an_exercise_with_answers_cannot_be_deleted_from_the_content(world, oef):
    from django.db.models import ProtectedError

    kaarten = oef("kaarten")
    _kaart(world, kaarten)
    with pytest.raises(ProtectedError):
        kaarten.delete()
    assert Bijdrage.objects.count() == 1
