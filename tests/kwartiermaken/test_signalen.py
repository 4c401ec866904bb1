"""One test per signal rule: it fires on the data the handreiking warns about, and only then."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kwartiermaken import rules, selectors
from kwartiermaken.models import ScanAntwoord, ScanRonde, ScanVraag
from tests.kwartiermaken.factories import besluit, coalitie, fase_2_start, voortgang
from trajecten.registries import signal_rules, signals_for

pytestmark = pytest.mark.usefixtures("inhoud")


def _leden(world):
    return selectors.coalitie(world.traject)


def _codes(signals):
    return [s.code for s in signals]


def test_every_rule_is_registered():
    # hub.py registers `signalen`, which runs every rule with the coalition read once.
    assert rules.signalen in signal_rules()


def _fase_2_zonder_go(traject):
    return rules.fase_2_zonder_go(traject, selectors.besluit_voor(traject))


def test_fase_2_without_go(world):
    assert _fase_2_zonder_go(world.traject) == []
    fase_2_start(world.traject)
    [signal] = _fase_2_zonder_go(world.traject)
    assert signal.code == "kwartiermaken.fase_2_zonder_go"
    assert signal.reason == "Fase 2 is gestart zonder go-besluit. Neem alsnog een go/no-go-besluit."
    assert signal.source.startswith("Handreiking Kwartiermaken")
    besluit(world.traject, "no_go")
    [signal] = _fase_2_zonder_go(world.traject)
    assert signal.reason.startswith("Fase 2 is gestart, maar het besluit is no-go.")
    besluit(world.traject, "go", datum="2026-10-02")
    assert _fase_2_zonder_go(world.traject) == []
    besluit(world.traject, "go_voorwaarden", datum="2026-10-03")
    assert _fase_2_zonder_go(world.traject) == []  # a go under conditions is a go


def test_no_senior_ed_adviser_in_the_coalition(world):
    assert rules.geen_senior_ed(_leden(world)) == []  # no coalition yet: another rule's business
    coalitie(world.traject, ("Piet", "projectleider", False))
    assert _codes(rules.geen_senior_ed(_leden(world))) == ["kwartiermaken.geen_senior_ed"]
    coalitie(world.traject, ("Sara", "senior_ed", True))
    assert rules.geen_senior_ed(_leden(world)) == []


@pytest.mark.parametrize("rol", ["projectleider", "kwartiermaker"])
def test_an_ed_as_project_lead_or_kwartiermaker(world, rol):
    coalitie(world.traject, ("Piet", rol, False), ("Sara", "ambassadeur", True))
    assert rules.ed_als_projectleider(_leden(world)) == []
    coalitie(world.traject, ("Ed", rol, True))
    [signal] = rules.ed_als_projectleider(_leden(world))
    assert signal.code == "kwartiermaken.ed_als_projectleider" and "do's en don'ts" in signal.source


def test_no_management_in_the_coalition(world):
    coalitie(world.traject, ("Sara", "senior_ed", True))
    assert _codes(rules.geen_management(_leden(world))) == ["kwartiermaken.geen_management"]
    coalitie(world.traject, ("Mira", "management", False))
    assert rules.geen_management(_leden(world)) == []


def test_fase_2_without_a_coalition(world):
    assert rules.geen_coalitie_in_fase_2(world.traject, _leden(world)) == []
    fase_2_start(world.traject, zonder_go=False)
    assert _codes(rules.geen_coalitie_in_fase_2(world.traject, _leden(world))) == [
        "kwartiermaken.geen_coalitie"
    ]
    coalitie(world.traject, ("Piet", "projectleider", False))
    assert rules.geen_coalitie_in_fase_2(world.traject, _leden(world)) == []


def test_scan_answered_but_no_decision(world):
    assert rules.scan_zonder_besluit(world.traject, None) == []
    ronde = ScanRonde.objects.create(traject=world.traject, nummer=1)
    ScanAntwoord.objects.create(ronde=ronde, vraag=ScanVraag.objects.first(), user=world.bob, antwoord="ja")
    [signal] = rules.scan_zonder_besluit(world.traject, None)
    assert signal.level == "info"
    besluit(world.traject, "no_go")
    assert rules.scan_zonder_besluit(world.traject, selectors.besluit_voor(world.traject)) == []


def test_steps_past_their_target_date(world):
    gisteren = timezone.localdate() - timedelta(days=1)
    voortgang(world.traject, "fase-1-visie", "klaar", streefdatum=gisteren)
    voortgang(world.traject, "fase-1-plan", "open", streefdatum=timezone.localdate())
    assert rules.stappen_te_laat(world.traject) == []
    voortgang(world.traject, "fase-1-coalitie", "bezig", streefdatum=gisteren)
    [signal] = rules.stappen_te_laat(world.traject)
    assert signal.reason.startswith("1 stap")


def test_signals_show_on_the_trajectory_page_with_reason_and_source(world):
    fase_2_start(world.traject)
    coalitie(world.traject, ("Ed", "projectleider", True))
    html = world.client("begeleider").get(f"/trajecten/{world.traject.pk}/").content.decode()
    assert "Fase 2 is gestart zonder go-besluit" in html
    assert "Een ervaringsdeskundige is projectleider" in html
    assert "Handreiking Kwartiermaken, fase 1: do&#x27;s en don&#x27;ts" in html
    assert {"kwartiermaken.fase_2_zonder_go", "kwartiermaken.ed_als_projectleider"} <= set(
        _codes(signals_for(world.traject))
    )
