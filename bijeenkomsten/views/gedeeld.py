"""What several session pages share."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .. import live

# Kwadraet's 8 interaction rules for co-creation, kept at hand on the presenter view and the print.
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


def gesloten(request, b):
    return render(request, "bijeenkomsten/afgesloten.html", {"bijeenkomst": b}, status=410)


def poll_url(b, user, scherm):
    token = live.make_token(b.pk, user.pk, scherm)
    return reverse("bijeenkomsten:live", args=[b.pk]) + f"?t={token}"
