from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ErvaringsdeskundigenConfig(AppConfig):
    name = "ervaringsdeskundigen"
    verbose_name = _("Ervaringsdeskundigen")
