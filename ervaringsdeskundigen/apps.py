from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ErvaringsdeskundigenConfig(AppConfig):
    name = "ervaringsdeskundigen"
    verbose_name = _("Ervaringsdeskundigen")

    def ready(self):
        # Register this app's plan sections, progress, signals, personal data,
        # trajectory links and demo data with trajecten.registries here.
        pass
