"""What several session pages share."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .. import live

# Kwadraet's 8 interaction rules for co-creation, kept at hand on the presenter view and the print.
INTERACTIEREGELS = [
    _("Zet je geest open"),
    _("Denk positief en in de toekomst"),
    _("Heb oog voor het geheel"),
    _("Stel je oordeel uit"),
    pgettext_lazy("interactieregel", "Vraag"),
    _("Bouw verder op elkaars ideeën"),
    _("Waardeer andere standpunten"),
    _("Spreek ook vanuit het hart"),
]


def gesloten(request, b):
    return render(request, "bijeenkomsten/afgesloten.html", {"bijeenkomst": b}, status=410)


def poll_url(b, user, scherm):
    token = live.make_token(b.pk, user.pk, scherm)
    return reverse("bijeenkomsten:live", args=[b.pk]) + f"?t={token}"
