"""Kwadraet's 8 interaction rules for co-creation, kept at hand on the presenter view."""

from django.utils.translation import gettext_lazy as _

INTERACTIEREGELS = [
    _("Zet je geest open"),
    _("Denk positief en aan de toekomst"),
    _("Kijk naar het geheel"),
    _("Stel je oordeel uit"),
    _("Vraag door"),
    _("Bouw verder op elkaars ideeën"),
    _("Waardeer andere standpunten"),
    _("Spreek ook vanuit je hart"),
]
