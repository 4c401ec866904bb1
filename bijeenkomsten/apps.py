from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BijeenkomstenConfig(AppConfig):
    name = "bijeenkomsten"
    verbose_name = _("Bijeenkomsten")

    def ready(self):
        # Register this app's plan sections, progress, signals, personal data,
        # trajectory links and demo data with trajecten.registries here.
        pass
