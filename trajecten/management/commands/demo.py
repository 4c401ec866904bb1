"""Create demo data: two organisations, their teams and the demo users."""

from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from trajecten.models import Lidmaatschap, Organisatie, Perspectief, Rol, Sector, Team, Traject
from trajecten.registries import demo_hooks

PASSWORD = "demo"  # noqa: S105  demo only; the command refuses to run without DEBUG


class Command(BaseCommand):
    help = "Maakt demogegevens aan (alleen met DJANGO_DEBUG aan). Twee keer draaien verandert niets."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("De demo draait alleen als DJANGO_DEBUG aan staat, nooit in productie.")
        with transaction.atomic():
            trajecten = self._create()
            for extra in demo_hooks():
                for traject in trajecten:
                    extra(traject)
        self.stdout.write(self.style.SUCCESS("Demogegevens staan klaar. Log in met (wachtwoord: demo):"))
        for name, what in [
            ("begeleider", "begeleider van beide teams van Zorggroep De Brug"),
            ("teamlid", "teamlid van team Herstel Noord"),
            ("manager", "leidinggevende van Zorggroep De Brug"),
            ("buitenstaander", "begeleider bij een andere organisatie (Gemeente Westdorp)"),
        ]:
            self.stdout.write(f"  {name:15} {what}")

    def _user(self, username, first_name, last_name=""):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first_name, "last_name": last_name}
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
        return user

    def _create(self):
        begeleider = self._user("begeleider", "Bea", "de Vries")
        teamlid = self._user("teamlid", "Tom", "Jansen")
        manager = self._user("manager", "Mira", "Bakker")
        buiten = self._user("buitenstaander", "Bas", "Peters")

        org, _ = Organisatie.objects.get_or_create(naam="Zorggroep De Brug")
        org.leidinggevenden.add(manager)
        noord, _ = Team.objects.get_or_create(
            organisatie=org, naam="Herstel Noord", defaults={"sector": Sector.GGZ}
        )
        zuid, _ = Team.objects.get_or_create(
            organisatie=org, naam="Jongeren Zuid", defaults={"sector": Sector.JEUGDHULP}
        )
        for team in (noord, zuid):
            Lidmaatschap.objects.get_or_create(
                user=begeleider,
                team=team,
                defaults={"rol": Rol.BEGELEIDER, "perspectief": Perspectief.PROFESSIONAL},
            )
        Lidmaatschap.objects.get_or_create(
            user=teamlid,
            team=noord,
            defaults={"rol": Rol.TEAMLID, "perspectief": Perspectief.ERVARINGSDESKUNDIGE},
        )

        other, _ = Organisatie.objects.get_or_create(naam="Gemeente Westdorp")
        west, _ = Team.objects.get_or_create(
            organisatie=other, naam="Schuldhulp West", defaults={"sector": Sector.ARMOEDE}
        )
        Lidmaatschap.objects.get_or_create(
            user=buiten,
            team=west,
            defaults={"rol": Rol.BEGELEIDER, "perspectief": Perspectief.PROFESSIONAL},
        )

        trajecten = []
        for team, titel in [
            (noord, "Ervaringskennis inbedden in Herstel Noord"),
            (zuid, "Jongeren met ervaring aan tafel"),
            (west, "Ervaringsdeskundigen in de schuldhulp"),
        ]:
            traject, created = Traject.objects.get_or_create(
                team=team,
                titel=titel,
                defaults={"startdatum": date(2026, 9, 1), "status": Traject.Status.ACTIEF},
            )
            if created:
                traject.begeleiders.add(buiten if team == west else begeleider)
            trajecten.append(traject)
        return trajecten
