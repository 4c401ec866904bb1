"""Actions another app keeps in the plan (kwartiermaken: the conditions of a go onder
voorwaarden): made and changed through plan.services, never written by the other app."""

from datetime import date

import pytest

from plan import services
from plan.models import Actie, Herziening


def test_an_app_makes_and_updates_its_action_and_the_plan_keeps_the_status(world):
    actie = services.actie_opslaan(
        traject=world.traject,
        wat="Budget",
        eigenaar=world.alice,
        wanneer=None,
        bron="Go/no-go-besluit – voorwaarde",
    )
    Actie.objects.filter(pk=actie.pk).update(status="bezig")
    actie.refresh_from_db()
    zelfde = services.actie_opslaan(
        traject=world.traject,
        wat="Budget 2027",
        eigenaar=world.bob,
        wanneer=date(2027, 1, 1),
        bron="x",
        actie=actie,
    )
    assert zelfde.pk == actie.pk and Actie.objects.count() == 1
    assert (zelfde.wat, zelfde.eigenaar, zelfde.wanneer, zelfde.status) == (
        "Budget 2027",
        world.bob,
        date(2027, 1, 1),
        "bezig",
    )


def test_an_action_of_another_trajectory_is_not_changed(world):
    vreemd = Actie.objects.create(traject=world.other_traject, wat="Van een ander")
    with pytest.raises(ValueError):
        services.actie_opslaan(
            traject=world.traject, wat="x", eigenaar=None, wanneer=None, bron="", actie=vreemd
        )


@pytest.mark.parametrize(
    ("status", "herzien", "blijft"),
    [("open", False, None), ("open", True, "open"), ("bezig", False, "gestopt"), ("klaar", False, "klaar")],
)
def test_withdrawing_deletes_only_untouched_work(world, status, herzien, blijft):
    actie = Actie.objects.create(traject=world.traject, wat="Budget", status=status)
    if herzien:
        Herziening.objects.create(traject=world.traject, actie=actie, wat_gebeurde="Besproken")
    services.actie_intrekken(actie=actie)
    assert Actie.objects.filter(pk=actie.pk).values_list("status", flat=True).first() == blijft
