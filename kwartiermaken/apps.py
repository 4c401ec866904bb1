from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KwartiermakenConfig(AppConfig):
    name = "kwartiermaken"
    verbose_name = _("Kwartiermaken")
