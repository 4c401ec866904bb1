"""Each signal rule: when it fires, when it stays quiet, and that it gives a reason and a source."""

from ervaringsdeskundigen import rules
from tests.ervaringsdeskundigen.factories import PlekFactory, open_plek
from tests.factories import LidmaatschapFactory, UserFactory
from trajecten.registries import signal_rules, signals_for


def _codes(rule, traject):
    signals = list(rule(traject))
    for s in signals:
        assert s.reason and s.source.startswith("Movisie")
    return [s.code for s in signals]


def _second_ed(world, **kwargs):
    user = UserFactory()
    LidmaatschapFactory(user=user, team=world.team)
    return PlekFactory(traject=world.traject, ervaringsdeskundige=user, **kwargs)


def test_rules_are_registered_and_reach_the_trajectory_page(world):
    assert set(rules.SIGNAL_RULES) <= set(signal_rules())
    PlekFactory(traject=world.traject, ervaringsdeskundige=world.bob)
    assert "ed_minder_dan_twee" in [s.code for s in signals_for(world.traject)]
    page = world.client("teamlid").get(f"/trajecten/{world.traject.pk}/").text
    assert "minder dan twee ervaringsdeskundigen" in page


def test_fewer_than_two_eds(world):
    assert _codes(rules.signaal_minder_dan_twee, world.traject) == []  # nothing planned yet: quiet
    PlekFactory(traject=world.traject, ervaringsdeskundige=world.bob)
    open_plek(world.traject)
    assert _codes(rules.signaal_minder_dan_twee, world.traject) == ["ed_minder_dan_twee"]
    _second_ed(world)
    assert _codes(rules.signaal_minder_dan_twee, world.traject) == []


def test_no_line_manager(world):
    PlekFactory(traject=world.traject, ervaringsdeskundige=world.bob)
    assert _codes(rules.signaal_geen_leidinggevende, world.traject) == []
    PlekFactory(traject=world.traject, titel="Zonder baas", leidinggevende_naam="")
    signals = list(rules.signaal_geen_leidinggevende(world.traject))
    assert [s.code for s in signals] == ["ed_geen_leidinggevende"] and "Zonder baas" in signals[0].reason


def test_no_buddy_intervisie_or_supervisie(world):
    plek = PlekFactory(traject=world.traject, ervaringsdeskundige=world.bob, maatje="", beroepsvereniging="X")
    assert _codes(rules.signaal_geen_ondersteuning, world.traject) == ["ed_geen_ondersteuning"]
    plek.supervisie = "Sam Supervisor"
    plek.save()
    assert _codes(rules.signaal_geen_ondersteuning, world.traject) == []


def test_voluntary_without_path_to_paid_work(world):
    plek = PlekFactory(traject=world.traject, statuut="vrijwillig", pad_naar_betaald="")
    assert _codes(rules.signaal_vrijwillig_zonder_pad, world.traject) == ["ed_vrijwillig_zonder_pad"]
    plek.pad_naar_betaald = "Na een jaar betaald"
    plek.save()
    assert _codes(rules.signaal_vrijwillig_zonder_pad, world.traject) == []
    PlekFactory(traject=world.traject, statuut="betaald", pad_naar_betaald="")
    assert _codes(rules.signaal_vrijwillig_zonder_pad, world.traject) == []


def test_ed_as_project_lead_of_their_own_job(world):
    PlekFactory(traject=world.traject)
    assert _codes(rules.signaal_projectleider, world.traject) == []
    PlekFactory(traject=world.traject, projectleider_eigen_functie=True)
    assert _codes(rules.signaal_projectleider, world.traject) == ["ed_projectleider"]


def test_rules_look_only_at_their_own_trajectory(world):
    PlekFactory(traject=world.other_traject, leidinggevende_naam="", projectleider_eigen_functie=True)
    assert [s for rule in rules.SIGNAL_RULES for s in rule(world.traject)] == []
