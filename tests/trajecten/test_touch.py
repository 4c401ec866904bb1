"""The trajectory's "last activity" is written at most once a minute."""

from datetime import timedelta
from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from trajecten.models import Traject


def _writes(ctx):
    return [q["sql"] for q in ctx.captured_queries if q["sql"].upper().startswith("UPDATE")]


def _at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def test_two_touches_within_a_minute_write_once(world):
    start = timezone.now()
    Traject.objects.filter(pk=world.traject.pk).update(laatst_actief=start - timedelta(days=2))
    first, second = Traject.objects.get(pk=world.traject.pk), Traject.objects.get(pk=world.traject.pk)
    with _at(start), CaptureQueriesContext(connection) as ctx:
        first.touch()
        first.touch()  # the same request again: no query at all
    assert len(ctx.captured_queries) == 1
    with _at(start + timedelta(seconds=30)), CaptureQueriesContext(connection) as ctx:
        second.touch()  # a request that loaded the old stamp: one UPDATE that changes nothing
        Traject.objects.get(pk=world.traject.pk).touch()  # a fresh load: no write
    assert len(_writes(ctx)) == 1
    assert Traject.objects.get(pk=world.traject.pk).laatst_actief == start


def test_a_touch_after_a_minute_writes_again(world):
    start = timezone.now()
    traject = Traject.objects.get(pk=world.traject.pk)
    Traject.objects.filter(pk=traject.pk).update(laatst_actief=start - timedelta(days=2))
    traject.laatst_actief = start - timedelta(days=2)
    with _at(start):
        traject.touch()
    later = start + timedelta(seconds=61)
    with _at(later), CaptureQueriesContext(connection) as ctx:
        traject.touch()
    assert len(_writes(ctx)) == 1
    assert Traject.objects.get(pk=traject.pk).laatst_actief == later


def test_a_deferred_stamp_is_not_loaded_to_decide(world):
    Traject.objects.filter(pk=world.traject.pk).update(laatst_actief=timezone.now() - timedelta(hours=1))
    traject = Traject.objects.only("id").get(pk=world.traject.pk)
    with CaptureQueriesContext(connection) as ctx:
        traject.touch()
    assert [q["sql"].split()[0] for q in ctx.captured_queries] == ["UPDATE"]
    assert Traject.objects.get(pk=world.traject.pk).laatst_actief > timezone.now() - timedelta(minutes=1)
