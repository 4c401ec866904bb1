from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KwartiermakenConfig(AppConfig):
    name = "kwartiermaken"
    verbose_name = _("Kwartiermaken")

    def ready(self):
        # Register this app's plan sections, progress, signals, personal data,
        # trajectory links and demo data with trajecten.registries here.
        pass
