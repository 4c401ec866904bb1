from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OefeningenConfig(AppConfig):
    name = "oefeningen"
    verbose_name = _("Oefeningen")

    def ready(self):
        from . import hub

        hub.register()
