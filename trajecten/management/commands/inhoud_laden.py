"""Load the method content (chapters, exercises, phases, steps...) from fixtures/.

Every fixture uses natural keys (slugs), so running this again updates rows in
place and never touches a team's answers. Files load in name order.
"""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Laadt de inhoud van de methode (hoofdstukken, oefeningen, fasen) uit fixtures/."

    def handle(self, *args, **options):
        files = sorted(Path(settings.BASE_DIR, "fixtures").glob("*.json"))
        if not files:
            self.stdout.write("Geen inhoud gevonden in fixtures/.")
            return
        call_command("loaddata", *[str(f) for f in files], verbosity=0)
        self.stdout.write(f"Inhoud geladen uit {len(files)} bestand(en).")
