"""Planning a session: the list, the session page with its agenda, the print and the calendar file."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from trajecten.access import BEGELEIDER, traject_for
from trajecten.models import Rol

from .. import ics, selectors, services
from ..access import bijeenkomst_for
from ..forms import BijeenkomstForm, BlokForm
from ..models import Blok
from .gedeeld import INTERACTIEREGELS


@login_required
@require_GET
def lijst(request, pk):
    traject = traject_for(request, pk)
    return render(
        request,
        "bijeenkomsten/lijst.html",
        {
            "traject": traject,
            "bijeenkomsten": selectors.bijeenkomsten_van(traject),
            "vorige_evaluatie": selectors.vorige_evaluatie(traject),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def nieuw(request, pk):
    traject = traject_for(request, pk, roles=BEGELEIDER)
    form = BijeenkomstForm(
        request.POST or None,
        traject=traject,
        initial={"begeleider": request.user.pk, "datum": timezone.localdate(), "starttijd": "13:30"},
    )
    if request.method == "POST" and form.is_valid():
        bijeenkomst = services.bijeenkomst_plannen(traject=traject, **form.cleaned_data)
        messages.success(request, _("De bijeenkomst is gepland. Zet nu de blokken op de agenda."))
        return redirect(bijeenkomst)
    return render(
        request,
        "bijeenkomsten/form.html",
        {"traject": traject, "form": form, "vorige_evaluatie": selectors.vorige_evaluatie(traject)},
        status=400 if request.method == "POST" else 200,
    )


def _render_planning(request, bijeenkomst, *, blok_form=None, status=200):
    blokken = list(bijeenkomst.blokken.all())
    is_begeleider = bijeenkomst.rol == Rol.BEGELEIDER
    return render(
        request,
        "bijeenkomsten/bijeenkomst.html",
        {
            "bijeenkomst": bijeenkomst,
            "traject": bijeenkomst.traject,
            "blokken": blokken,
            "totale_duur": sum(b.duur_minuten for b in blokken),
            "is_begeleider": is_begeleider,
            "blok_form": blok_form or (BlokForm() if is_begeleider else None),
            "vorige_evaluatie": selectors.vorige_evaluatie(bijeenkomst.traject, voor=bijeenkomst),
        },
        status=status,
    )


@login_required
@require_GET
def bijeenkomst(request, pk):
    return _render_planning(request, selectors.met_personen(bijeenkomst_for(request, pk)))


@login_required
@require_http_methods(["GET", "POST"])
def bewerken(request, pk):
    b = bijeenkomst_for(request, pk, roles=BEGELEIDER)
    form = BijeenkomstForm(request.POST or None, instance=b, traject=b.traject)
    if request.method == "POST" and form.is_valid():
        services.bijeenkomst_wijzigen(bijeenkomst=b, **form.cleaned_data)
        messages.success(request, _("De bijeenkomst is opgeslagen."))
        return redirect(b)
    return render(
        request,
        "bijeenkomsten/form.html",
        {"traject": b.traject, "bijeenkomst": b, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _naar_agenda(b, anker="agenda"):
    return redirect(reverse("bijeenkomsten:bijeenkomst", args=[b.pk]) + f"#{anker}")


@login_required
@require_POST
def blok_nieuw(request, pk):
    b = bijeenkomst_for(request, pk, roles=BEGELEIDER)
    form = BlokForm(request.POST)
    if b.is_gesloten:
        messages.error(request, _("Deze bijeenkomst is afgesloten; de agenda kan niet meer veranderen."))
        return redirect(b)
    if not form.is_valid():
        return _render_planning(request, selectors.met_personen(b), blok_form=form, status=400)
    services.blok_toevoegen(bijeenkomst=b, **form.bewaar_velden())
    messages.success(request, _("Het blok staat op de agenda."))
    return _naar_agenda(b)


@login_required
@require_POST
def blok_verplaatsen(request, pk, blok_pk):
    b = bijeenkomst_for(request, pk, roles=BEGELEIDER)
    blok = get_object_or_404(Blok, pk=blok_pk, bijeenkomst=b)
    richting = request.POST.get("richting")
    if richting not in ("op", "neer"):
        return HttpResponse(_("Kies omhoog of omlaag."), status=400)
    try:
        verplaatst = services.blok_verplaatsen(blok=blok, richting=richting)
    except services.BlokVerdwenen:
        return HttpResponse(_("Dit blok is net van de agenda gehaald. Laad de pagina opnieuw."), status=409)
    if verplaatst:
        messages.success(request, _("“%(titel)s” is verplaatst.") % {"titel": blok.titel})
    return _naar_agenda(b, f"blok-{blok.pk}")


@login_required
@require_POST
def blok_verwijderen(request, pk, blok_pk):
    b = bijeenkomst_for(request, pk, roles=BEGELEIDER)
    blok = get_object_or_404(Blok, pk=blok_pk, bijeenkomst=b)
    if blok.inbreng.exists():
        messages.error(request, _("Dit blok heeft al antwoorden; het blijft staan voor het verslag."))
        return redirect(b)
    services.blok_verwijderen(blok=blok)
    messages.success(request, _("Het blok is van de agenda gehaald."))
    return _naar_agenda(b)


@login_required
@require_GET
def afdrukken(request, pk):
    b = selectors.met_personen(bijeenkomst_for(request, pk))
    blokken = list(b.blokken.all())
    return render(
        request,
        "bijeenkomsten/afdrukken.html",
        {
            "bijeenkomst": b,
            "traject": b.traject,
            "blokken": blokken,
            "totale_duur": sum(x.duur_minuten for x in blokken),
            "regels": INTERACTIEREGELS,
        },
    )


@login_required
@require_GET
def agenda_ics(request, pk):
    b = bijeenkomst_for(request, pk)
    blokken = list(b.blokken.all())
    body = ics.event(
        uid=f"bijeenkomst-{b.pk}@{request.get_host().split(':')[0]}",
        begin=b.begin(),
        einde=b.einde(sum(x.duur_minuten for x in blokken)),
        titel=b.titel,
        plaats=b.plaats,
        beschrijving="\n".join(f"{x.duur_minuten} min – {x.titel}" for x in blokken),
        url=request.build_absolute_uri(b.get_absolute_url()),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="bijeenkomst-{b.pk}.ics"'
    return response
