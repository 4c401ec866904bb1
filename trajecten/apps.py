from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrajectenConfig(AppConfig):
    name = "trajecten"
    verbose_name = _("Teams en trajecten")

    def ready(self):
        from . import personal_data  # noqa: F401  registers this app's exporters
