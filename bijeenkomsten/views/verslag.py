"""The report of a session: written by the begeleider or the verslaggever, read by the team."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from trajecten.models import Rol

from .. import oefeningen_bridge, selectors, services
from ..access import bijeenkomst_for
from ..forms import VerslagForm


@login_required
@require_http_methods(["GET", "POST"])
def verslag(request, pk):
    b = selectors.met_personen(bijeenkomst_for(request, pk))
    mag_schrijven = b.rol == Rol.BEGELEIDER or (b.verslaggever_id == request.user.pk)
    form = VerslagForm(request.POST or None, instance=b) if mag_schrijven else None
    if request.method == "POST":
        if not mag_schrijven:
            raise PermissionDenied
        if form.is_valid():
            services.verslag_opslaan(bijeenkomst=b, **form.cleaned_data)
            messages.success(request, _("Het verslag is opgeslagen."))
            return redirect("bijeenkomsten:verslag", pk=b.pk)
    blokken = selectors.verslag_blokken(b)
    for blok in blokken:
        blok.oefening_url = (
            oefeningen_bridge.oefening_url(b.traject, blok.oefening_slug) if blok.oefening_slug else None
        )
    return render(
        request,
        "bijeenkomsten/verslag.html",
        {
            "bijeenkomst": b,
            "traject": b.traject,
            "blokken": blokken,
            "form": form,
            "deelnemers": selectors.aantal_deelnemers(b),
        },
        status=400 if request.method == "POST" else 200,
    )
