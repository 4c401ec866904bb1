from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from cocreatie.exports import csv_tekst
from cocreatie.meldingen import met_melding
from oefeningen.selectors import stap_oefeningen
from trajecten.access import BEGELEIDER, BEGELEIDER_OF_LEIDINGGEVENDE, organisatie_for, traject_for
from trajecten.models import Rol

from . import rules, selectors, services
from .besluitformulier import besluit_formulier
from .forms import (
    CoalitieLidForm,
    FaseStartForm,
    ScanForm,
    StapForm,
    StapStatusForm,
    wacht_op_fase_2,
)
from .models import (
    BRON_MOTIEVEN,
    BRON_RANDVOORWAARDEN,
    Besluit,
    CoalitieLid,
    Fase,
    ScanAntwoord,
    ScanRonde,
    ScanVraag,
    Stap,
    StapStatus,
    StapVoortgang,
)
from .overzicht import overzicht_csv_kop, overzicht_csv_rij, overzicht_rijen
from .selectors import fase_2_start, tracker_context

LEIDINGGEVENDE = frozenset({Rol.LEIDINGGEVENDE})


def _traject_url(traject, anchor=""):
    return reverse("kwartiermaken:traject", args=[traject.pk]) + anchor


def _tracker(request, traject, *, template="kwartiermaken/traject.html", extra=None, status=200):
    context = tracker_context(traject)
    coalitie = selectors.coalitie(traject)
    besluit = selectors.besluit_voor(traject)
    context.update(
        {
            "traject": traject,
            "team": traject.team,
            "besluit": besluit,
            "besluiten": list(Besluit.objects.filter(traject=traject)),
            "fase_2_start": fase_2_start(traject),
            "coalitie": coalitie,
            "signalen": rules.signalen(traject, leden=coalitie, besluit=besluit),
            "mag_bewerken": traject.rol == Rol.BEGELEIDER,
            "snelle_statussen": [(key, label) for key, label in StapStatus.choices if key != StapStatus.NVT],
            **(extra or {}),
        }
    )
    return render(request, template, context, status=status)


@login_required
@require_http_methods(["GET"])
def traject(request, pk):
    return _tracker(request, traject_for(request, pk))


@login_required
@require_POST
def stap_status(request, pk, slug):
    """Quick status change from the tracker; htmx gets the tracker part back, others a redirect."""
    traject = traject_for(request, pk, roles=BEGELEIDER)
    stap = get_object_or_404(Stap.objects.select_related("fase"), slug=slug)
    bestaand = (
        StapVoortgang.objects.filter(traject=traject, stap=stap).values_list("reden", flat=True).first()
    )
    form = StapStatusForm(
        request.POST,
        stap=stap,
        bestaande_reden=bestaand or "",
        fase_2_gestart=fase_2_start(traject) is not None,
    )
    if form.is_valid():
        v = services.stap_status_zetten(traject=traject, stap=stap, **form.cleaned_data)
        melding = _("“%(stap)s” is nu: %(status)s.") % {
            "stap": stap.titel_vertaald,
            "status": v.get_status_display(),
        }
        fout = False
    else:
        melding = form.errors["status"][0] if "status" in form.errors else _("Dat ging niet goed.")
        fout = True
    if request.htmx:
        return _tracker_deel(request, traject, stap, melding=melding, fout=fout)
    if fout:  # the whole page again, with the message on top and status 400; nothing stored
        messages.error(request, melding)
        return _tracker(request, traject, status=400)
    messages.success(request, melding)
    if request.POST.get("terug") == "stap":  # the suggestion on the step page
        return redirect("kwartiermaken:stap", pk=traject.pk, slug=stap.slug)
    return redirect(_traject_url(traject, f"#stap-{stap.slug}"))


def _tracker_deel(request, traject, stap, *, melding, fout):
    """The tracker part for htmx, with the message swapped in out of band."""
    response = _tracker(
        request,
        traject,
        template="kwartiermaken/traject.html#tracker",
        extra={"melding": melding, "fout": fout, "focus_stap": stap.slug},
        status=400 if fout else 200,
    )
    met_melding(response, request, melding, fout=fout)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_http_methods(["GET", "POST"])
def stap(request, pk, slug):
    """Every member reads the step with its exercises' results; the begeleider edits it."""
    traject = traject_for(request, pk, roles=BEGELEIDER if request.method == "POST" else None)
    stap = get_object_or_404(Stap.objects.select_related("fase"), slug=slug)
    voortgang = StapVoortgang.objects.filter(traject=traject, stap=stap).select_related("eigenaar").first()
    initial = {}
    if voortgang:
        initial = {
            "status": voortgang.status,
            "reden": voortgang.reden,
            "eigenaar": voortgang.eigenaar_id,
            "streefdatum": voortgang.streefdatum,
            "notities": voortgang.notities,
        }
    gestart = fase_2_start(traject) is not None
    form = StapForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        traject=traject,
        stap=stap,
        fase_2_gestart=gestart,
    )
    if request.method == "POST" and form.is_valid():
        services.stap_bijwerken(traject=traject, stap=stap, **form.cleaned_data)
        messages.success(request, _("De stap “%(stap)s” is opgeslagen.") % {"stap": stap.titel_vertaald})
        return redirect(_traject_url(traject, f"#stap-{stap.slug}"))
    return _stap_pagina(request, traject, stap, voortgang, form=form, fase_2_gestart=gestart)


def _stap_pagina(request, traject, stap, voortgang, *, form, fase_2_gestart):
    oefeningen = stap_oefeningen(traject, stap.oefeningen)
    voortgang = voortgang or StapVoortgang(traject=traject, stap=stap)
    mag_bewerken = traject.rol == Rol.BEGELEIDER
    return render(
        request,
        "kwartiermaken/stap.html",
        {
            "traject": traject,
            "team": traject.team,
            "stap": stap,
            "voortgang": voortgang,
            "form": form if mag_bewerken else None,
            "draad": oefeningen,
            # Only a suggestion: the owner or begeleider decides, nothing completes by itself.
            "voorstel_afronden": oefeningen.alle_afgerond
            and not voortgang.is_afgehandeld
            and not wacht_op_fase_2(stap, StapStatus.KLAAR, fase_2_gestart),
            "mag_afronden": mag_bewerken,
        },
        status=400 if request.method == "POST" else 200,
    )


# -- readiness scan -----------------------------------------------------------


def _render_scan(request, traject, form=None, status=200):
    vragen = list(ScanVraag.objects.all())
    rondes = list(ScanRonde.objects.filter(traject=traject).order_by("nummer"))
    huidige = rondes[-1] if rondes else None
    if form is None:
        initial = {}
        if huidige:
            for a in ScanAntwoord.objects.filter(ronde=huidige, user=request.user).select_related("vraag"):
                initial[f"antwoord_{a.vraag.slug}"] = a.antwoord
                initial[f"toelichting_{a.vraag.slug}"] = a.toelichting
        form = ScanForm(initial=initial, vragen=vragen)
    return render(
        request,
        "kwartiermaken/scan.html",
        {
            "traject": traject,
            "team": traject.team,
            "form": form,
            "overzicht": selectors.scan_overzicht(traject, vragen, rondes),
            "aantal_leden": traject.team.lidmaatschappen.count(),
            "rondes": rondes,
            "besluit": selectors.laatste_besluit(traject),
            "mag_ronde_starten": traject.rol == Rol.BEGELEIDER,
            "mag_besluiten": traject.rol == Rol.LEIDINGGEVENDE,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def scan(request, pk):
    traject = traject_for(request, pk)
    if request.method == "GET":
        return _render_scan(request, traject)
    form = ScanForm(request.POST, vragen=ScanVraag.objects.all())
    if not form.is_valid():
        return _render_scan(request, traject, form=form, status=400)
    services.scan_beantwoorden(traject=traject, user=request.user, antwoorden=form.antwoorden())
    messages.success(request, _("Je antwoorden zijn opgeslagen. Dank je wel!"))
    return redirect(reverse("kwartiermaken:scan", args=[traject.pk]) + "#spreiding")


@login_required
@require_POST
def scan_ronde_nieuw(request, pk):
    traject = traject_for(request, pk, roles=BEGELEIDER)
    ronde = services.scan_ronde_starten(traject=traject)
    messages.success(
        request,
        _("Ronde %(n)s van de scan is gestart. Iedereen kan de vragen opnieuw beantwoorden.")
        % {"n": ronde.nummer},
    )
    return redirect("kwartiermaken:scan", pk=traject.pk)


# -- go / no-go and starting fase 2 -------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def besluit(request, pk):
    traject = traject_for(request, pk, roles=LEIDINGGEVENDE)
    besluiten = list(Besluit.objects.filter(traject=traject))
    huidig = besluiten[0] if besluiten else None
    form, formset, voorwaarden = besluit_formulier(request, traject, huidig)
    if voorwaarden is not None:
        services.besluit_vastleggen(
            traject=traject,
            door=request.user,
            velden=form.velden(),
            voorwaarden=voorwaarden,
            bestaand=None if form.cleaned_data.get("nieuw", True) else huidig,
        )
        messages.success(
            request, _("Het besluit is vastgelegd. De stap “Neem een go/no-go-besluit” is klaar.")
        )
        return redirect(_traject_url(traject, "#besluit"))
    context = {"traject": traject, "team": traject.team, "form": form, "voorwaarden": formset}
    context.update(
        {"besluiten": besluiten, "motieven_bron": BRON_MOTIEVEN, "randvoorwaarden_bron": BRON_RANDVOORWAARDEN}
    )
    return render(
        request, "kwartiermaken/besluit.html", context, status=400 if request.method == "POST" else 200
    )


def waarschuwing_zonder_go():
    return _(
        "Er is nog geen go-besluit na de verkenning. De handreiking raadt aan om pas verder te gaan "
        "als er steun, geld en draagvlak zijn. Als je fase 2 nu start, wordt dat vastgelegd en "
        "zien de leidinggevenden een signaal."
    )


@login_required
@require_http_methods(["GET", "POST"])
def fase_2_starten(request, pk):
    traject = traject_for(request, pk, roles=BEGELEIDER_OF_LEIDINGGEVENDE)
    fase = get_object_or_404(Fase, nummer=2)
    start = fase_2_start(traject)
    if start is not None:
        messages.info(request, _("Fase 2 is al gestart."))
        return redirect(_traject_url(traject, "#fase-2"))
    besluit = selectors.laatste_besluit(traject)
    zonder_go = not (besluit and besluit.is_go)
    form = FaseStartForm(request.POST if request.method == "POST" else None, zonder_go=zonder_go)
    if request.method == "POST" and form.is_valid():
        services.fase_starten(
            traject=traject,
            fase=fase,
            door=request.user,
            zonder_go=zonder_go,
            waarschuwing=waarschuwing_zonder_go(),
        )
        messages.success(request, _("Fase 2 is gestart."))
        return redirect(_traject_url(traject, "#fase-2"))
    return render(
        request,
        "kwartiermaken/fase_2_starten.html",
        {
            "traject": traject,
            "team": traject.team,
            "form": form,
            "besluit": besluit,
            "zonder_go": zonder_go,
            "waarschuwing": waarschuwing_zonder_go(),
        },
        status=400 if request.method == "POST" else 200,
    )


# -- leading coalition ----------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def coalitie(request, pk):
    traject = traject_for(request, pk, roles=BEGELEIDER if request.method == "POST" else None)
    form = CoalitieLidForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.coalitie_toevoegen(traject=traject, **form.cleaned_data)
        messages.success(request, _("%(naam)s is toegevoegd aan de leidende coalitie.") % form.cleaned_data)
        return redirect("kwartiermaken:coalitie", pk=traject.pk)
    leden = selectors.coalitie(traject)
    signalen = [
        *rules.geen_senior_ed(leden),
        *rules.geen_management(leden),
        *rules.ed_als_projectleider(leden),
    ]
    return render(
        request,
        "kwartiermaken/coalitie.html",
        {
            "traject": traject,
            "team": traject.team,
            "leden": leden,
            "form": form if traject.rol == Rol.BEGELEIDER else None,
            "signalen": signalen,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def coalitie_verwijderen(request, pk, lid_pk):
    traject = traject_for(request, pk, roles=BEGELEIDER)
    lid = get_object_or_404(CoalitieLid, pk=lid_pk, traject=traject)
    services.coalitie_verwijderen(traject=traject, lid_pk=lid.pk)
    messages.success(request, _("%(naam)s is uit de leidende coalitie gehaald.") % {"naam": lid.naam})
    return redirect("kwartiermaken:coalitie", pk=traject.pk)


# -- organisation overview ------------------------------------------------------

SORTERINGEN = {
    "team": gettext_lazy("teamnaam"),
    "voortgang": gettext_lazy("voortgang"),
    "activiteit": gettext_lazy("laatste activiteit"),
}


@login_required
@require_http_methods(["GET"])
def overzicht(request, pk):
    organisatie = organisatie_for(request, pk)
    sortering = request.GET.get("sorteer", "team")
    if sortering not in SORTERINGEN:
        sortering = "team"
    fasen, rijen = overzicht_rijen(organisatie, sortering)
    return render(
        request,
        "kwartiermaken/overzicht.html",
        {
            "organisatie": organisatie,
            "fasen": fasen,
            "rijen": rijen,
            "sortering": sortering,
            "sorteringen": SORTERINGEN,
        },
    )


@login_required
@require_http_methods(["GET"])
def overzicht_csv(request, pk):
    organisatie = organisatie_for(request, pk)
    fasen, rijen = overzicht_rijen(organisatie, request.GET.get("sorteer", "team"))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kwartiermaken-organisatie-{organisatie.pk}.csv"'
    kop = overzicht_csv_kop(fasen)
    response.write(csv_tekst(kop, (overzicht_csv_rij(r, fasen) for r in rijen)))
    return response
