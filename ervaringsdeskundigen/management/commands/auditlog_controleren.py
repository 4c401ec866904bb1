"""Check every audit entry's seal: lists entries changed in the database without the key."""

from django.core.management.base import BaseCommand, CommandError

from ervaringsdeskundigen.models import AuditRegel


class Command(BaseCommand):
    help = "Controleert het zegel van elke auditregel en noemt regels die buiten de app om zijn veranderd."

    def handle(self, *args, **options):
        fout = [r.pk for r in AuditRegel.objects.order_by("pk").iterator() if not r.zegel_klopt()]
        if fout:
            raise CommandError(f"{len(fout)} auditregels kloppen niet met hun zegel: {fout[:50]}")
        self.stdout.write(self.style.SUCCESS(f"Alle {AuditRegel.objects.count()} auditregels kloppen."))
