"""What this app registers with the hub: link, exports, plan section, progress, demo."""

from django.template.loader import render_to_string

from bijeenkomsten import hub, services
from bijeenkomsten.models import Bijeenkomst
from trajecten.registries import plan_sections, progress_for, traject_exports, traject_links

from .factories import maak_bijeenkomst


def test_the_trajectory_page_links_to_the_sessions(world):
    assert "bijeenkomsten:lijst" in [link.url_name for link in traject_links("teamlid")]
    html = world.client("teamlid").get(f"/trajecten/{world.traject.pk}/").content.decode()
    assert f"/trajecten/{world.traject.pk}/bijeenkomsten/" in html


def test_exports_hold_sessions_reports_and_cards(world, sessie):
    services.inbreng_toevoegen(blok=sessie.huidig_blok, tekst="Voor de export", auteur=world.bob)
    services.sluiten(bijeenkomst=sessie, besluiten="Een pilot", wat_ging_goed="Tempo")
    exports = {e.key: e for e in traject_exports()}
    sessies = exports["bijeenkomsten"].rows(world.traject)
    assert (
        sessies[0]["besluiten"] == "Een pilot"
        and sessies[0]["antwoorden"] == 1
        and sessies[0]["blokken"] == 3
    )
    kaarten = exports["bijeenkomsten_inbreng"].rows(world.traject)
    assert kaarten == [kaarten[0]] and kaarten[0]["tekst"] == "Voor de export" and kaarten[0]["naam"] == "Bob"
    assert not exports["bijeenkomsten"].rows(world.other_traject)


def test_the_plan_section_shows_closed_sessions_only(world, sessie):
    maak_bijeenkomst(world.traject, begeleider=world.alice, titel="Nog gepland")
    services.sluiten(bijeenkomst=sessie, wat_houden_we="Samen beginnen")
    section = next(s for s in plan_sections() if s.key == "verslagen")
    html = render_to_string(section.template, {**section.context(world.traject), "interactief": True})
    assert "Samen beginnen" in html and "Sessie één" in html and "Nog gepland" not in html
    assert f"/bijeenkomsten/{sessie.pk}/verslag/" in html


def test_progress_counts_held_sessions(world, sessie):
    maak_bijeenkomst(world.traject, begeleider=world.alice, titel="Later")
    services.sluiten(bijeenkomst=sessie)
    p = progress_for([world.traject, world.other_traject])
    assert (p[world.traject.pk]["bijeenkomsten"].done, p[world.traject.pk]["bijeenkomsten"].total) == (1, 2)
    assert p[world.other_traject.pk]["bijeenkomsten"].total == 0


def test_the_demo_plans_one_session_with_blocks_once(world):
    hub.demo(world.traject)
    hub.demo(world.traject)
    b = Bijeenkomst.objects.get(traject=world.traject)
    assert b.blokken.count() == 4 and b.begeleider == world.alice
    assert world.client("begeleider").get(f"/bijeenkomsten/{b.pk}/presentatie/").status_code == 200
