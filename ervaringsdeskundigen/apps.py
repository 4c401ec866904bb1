from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ErvaringsdeskundigenConfig(AppConfig):
    name = "ervaringsdeskundigen"
    verbose_name = _("Ervaringsdeskundigen")

    def ready(self):
        from trajecten.registries import (
            PlanSection,
            ProgressSource,
            TrajectExport,
            TrajectLink,
            register_demo,
            register_plan_section,
            register_progress,
            register_signal_rule,
            register_traject_export,
            register_traject_link,
        )

        from . import personal_data, rules

        personal_data.register()
        for rule in rules.SIGNAL_RULES:
            register_signal_rule(rule)
        register_progress(
            ProgressSource(
                key="ed-plekken", label=_("ED-plekken ingevuld"), order=40, compute=rules.voortgang
            )
        )
        register_plan_section(
            PlanSection(
                key="ed-plekken",
                title=_("Ervaringsdeskundigen: plaatsing en ondersteuning"),
                order=40,
                context=rules.plan_context,
                template="ervaringsdeskundigen/plan_sectie.html",
            )
        )
        register_traject_export(
            TrajectExport(key="ed-plekken", label=_("ED-plekken"), order=40, rows=rules.export_rows)
        )
        register_traject_link(
            TrajectLink(
                key="ervaringsdeskundigen",
                label=_("Ervaringsdeskundigen"),
                url_name="ervaringsdeskundigen:plekken",
                order=40,
                description=_(
                    "Plekken voor ervaringsdeskundigen: rollen, plaatsing, ondersteuning en werving."
                ),
            )
        )
        register_demo(rules.demo)
