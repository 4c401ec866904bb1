from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OefeningenConfig(AppConfig):
    # What the app gives the hub is registered in hub.py, which trajecten imports itself.
    name = "oefeningen"
    verbose_name = _("Oefeningen")
