"""Remove audit entries older than the retention period (storage limitation, GDPR art. 5(1)(e)).

Five years by default, the term Dutch rules for access logs in care use (NEN 7513 itself leaves
the term to the organisation). Run it from cron; `--droog` only counts.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ervaringsdeskundigen.models import AuditRegel


class Command(BaseCommand):
    help = "Wist auditregels die ouder zijn dan de bewaartermijn (standaard 5 jaar)."

    def add_arguments(self, parser):
        parser.add_argument("--jaren", type=int, default=5, help="Bewaartermijn in jaren (minstens 1).")
        parser.add_argument("--droog", action="store_true", help="Alleen tellen, niets wissen.")

    def handle(self, *args, jaren, droog, **options):
        if jaren < 1:
            raise CommandError("De bewaartermijn is minstens 1 jaar.")
        grens = timezone.now() - timedelta(days=365 * jaren)
        oud = AuditRegel.objects.filter(tijd__lt=grens)
        if droog:
            self.stdout.write(f"{oud.count()} auditregels ouder dan {jaren} jaar (niets gewist).")
            return
        aantal, _ = oud.delete()
        self.stdout.write(self.style.SUCCESS(f"{aantal} auditregels ouder dan {jaren} jaar gewist."))
