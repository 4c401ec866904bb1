"""What plan registers with the hub: personal data, link, exports, demo data."""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model

from plan.hub import demo
from plan.models import Actie, Besluit, Herziening, PlanVersie
from tests.plan.conftest import vul_plan
from trajecten.models import Traject
from trajecten.registries import personal_data_entries, plan_sections, traject_exports, traject_links


def test_every_plan_model_pointing_to_a_person_is_registered_and_erased(world):
    vul_plan(world.traject, world.bob, acties=2)
    actie = Actie.objects.first()
    Herziening.objects.create(traject=world.traject, actie=actie, wat_gebeurde="ok", door=world.bob)
    PlanVersie.objects.create(traject=world.traject, nummer=1, pdf=b"x", gemaakt_door=world.bob)
    User = get_user_model()
    ours = {e.model: e for e in personal_data_entries() if e.model._meta.app_label == "plan"}
    pointing = {
        m
        for m in (Besluit, Actie, Herziening, PlanVersie)
        if any(getattr(f, "related_model", None) is User for f in m._meta.get_fields())
    }
    assert set(ours) == pointing
    assert any(row["rol"] == "eigenaar" for row in ours[Besluit].export(world.bob))
    for entry in ours.values():
        assert entry.export(world.bob)
        entry.erase(world.bob)
        assert entry.export(world.bob) == []
    assert Besluit.objects.count() == 7  # the plan stays; only the person is taken off it


def test_the_trajectory_page_links_to_the_plan(world):
    assert "plan" in {link.key for link in traject_links("teamlid")}
    page = world.client("teamlid").get(f"/trajecten/{world.traject.pk}/").content.decode()
    assert f"/trajecten/{world.traject.pk}/plan/" in page


def test_exports_are_registered():
    keys = {e.key for e in traject_exports()}
    assert {"plan-besluiten", "plan-acties", "plan-risicos", "plan-herzieningen"} <= keys


def test_demo_fills_the_first_demo_plan_once(world):
    traject = Traject.objects.create(
        team=world.team, titel="Ervaringskennis inbedden in Herstel Noord", startdatum="2026-09-01"
    )
    traject.begeleiders.add(world.alice)
    demo(traject)
    demo(traject)
    assert Besluit.objects.filter(traject=traject).count() == 6
    assert Actie.objects.filter(traject=traject).count() == 4
    demo(world.traject)  # other demo trajectories stay empty
    assert not Besluit.objects.filter(traject=world.traject).exists()


def test_the_readme_lists_the_section_orders_in_use():
    readme = (Path(settings.BASE_DIR) / "plan" / "README.md").read_text()
    listed = re.search(r"registry\): (.*?)\. Equal orders", readme, re.S).group(1)
    in_use = ", ".join(f"{s.key} {s.order}" for s in plan_sections())
    assert " ".join(listed.split()) == in_use
