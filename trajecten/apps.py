from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrajectenConfig(AppConfig):
    name = "trajecten"
    verbose_name = _("Teams en trajecten")

    def ready(self):
        from django.db.models import fields
        from django.utils.module_loading import autodiscover_modules

        from . import herstel, taal  # noqa: F401  connect their login receivers

        # Every app's hub.py registers what it gives the hub (links, progress, signals,
        # personal data, exports, plan sections, demo data) when it is imported here.
        autodiscover_modules("hub")

        # The empty choice of every select ("- Select an option -", untranslated in Django's
        # Dutch); Django reads this name each time it builds a blank choice.
        fields.BLANK_CHOICE_LABEL = _("Kies…")
