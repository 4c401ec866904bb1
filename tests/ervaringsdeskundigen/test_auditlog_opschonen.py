from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from ervaringsdeskundigen.models import AuditRegel
from ervaringsdeskundigen.privacy import log


def test_it_removes_only_entries_older_than_the_retention_period(world):
    for _ in range(3):
        log(actor=world.bob, betrokkene=world.bob, actie="bekijken", namens="x", onderdeel="ervaringsthema")
    oud = AuditRegel.objects.order_by("pk").first()
    AuditRegel.objects.filter(pk=oud.pk).update(tijd=timezone.now() - timedelta(days=365 * 5 + 2))
    out = StringIO()
    call_command("auditlog_opschonen", "--droog", stdout=out)
    assert out.getvalue().startswith("1 auditregels") and AuditRegel.objects.count() == 3
    call_command("auditlog_opschonen", stdout=StringIO())
    assert AuditRegel.objects.count() == 2 and not AuditRegel.objects.filter(pk=oud.pk).exists()
    with pytest.raises(CommandError):
        call_command("auditlog_opschonen", "--jaren", "0")


def test_a_change_outside_the_app_breaks_the_seal_but_erasure_does_not(ed):
    from ervaringsdeskundigen.services import account_wissen

    ed.client("teamlid").get("/mijn-gegevens/download/")
    call_command("auditlog_controleren", stdout=StringIO())
    account_wissen(user=ed.bob)  # clears the foreign keys, keeps the sealed content
    call_command("auditlog_controleren", stdout=StringIO())
    regel = AuditRegel.objects.order_by("pk").first()
    AuditRegel.objects.filter(pk=regel.pk).update(actie="bekijken", onderdeel="niets")
    with pytest.raises(CommandError, match=str(regel.pk)):
        call_command("auditlog_controleren", stdout=StringIO())
