import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from cocreatie.formulieren import Bevestiging
from trajecten.access import BEGELEIDER, traject_for
from trajecten.models import Rol
from trajecten.weergave import weergavenaam

from . import services
from .forms import InzageForm, PlekForm, ProfielForm, WervingStapForm
from .models import (
    TOESTEMMING_VERSIE,
    AuditRegel,
    Ervaringsprofiel,
    Inzagerecht,
    Plek,
    Toestemming,
    WervingStap,
    pseudoniem,
)
from .privacy import gevoelig_profiel, inzage_kandidaten
from .selectors import plekken_voor_overzicht

# -- ED places in a trajectory ------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def plekken(request, pk):
    traject = traject_for(request, pk)
    return render(
        request,
        "ervaringsdeskundigen/plekken.html",
        {"traject": traject, "team": traject.team, "plekken": plekken_voor_overzicht(traject)},
    )


def _plek(traject, plek_pk) -> Plek:
    return get_object_or_404(
        Plek.objects.select_related("ervaringsdeskundige", "tandem_partner"), pk=plek_pk, traject=traject
    )


def _namens(traject) -> str:
    # "On whose behalf" in NEN 7513 terms: the role and team through which the person looked.
    return f"{Rol(traject.rol).label}, {traject.team.naam} (met inzage van de persoon)"


@login_required
@require_http_methods(["GET"])
@never_cache  # may hold sensitive fields: no browser or proxy cache
def plek_detail(request, pk, plek_pk):
    traject = traject_for(request, pk)
    plek = _plek(traject, plek_pk)
    # The only place where the sensitive profile reaches a page of the team: checked and logged.
    profiel = gevoelig_profiel(
        viewer=request.user, eigenaar=plek.ervaringsdeskundige, namens=_namens(traject)
    )
    return _render_plek(request, traject, plek, profiel=profiel)


def _render_plek(
    request, traject, plek, *, profiel=None, status=200, template="ervaringsdeskundigen/plek.html"
):
    stappen = sorted(plek.werving.all(), key=lambda s: s.volgorde)
    return render(
        request,
        template,
        {
            "traject": traject,
            "team": traject.team,
            "plek": plek,
            "profiel": profiel,
            "is_eigen_plek": plek.ervaringsdeskundige_id == request.user.pk,
            "stappen": stappen,
            "status_keuzes": WervingStap.Status.choices,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def plek_nieuw(request, pk):
    traject = traject_for(request, pk, roles=BEGELEIDER)
    form = PlekForm(request.POST or None, traject=traject)
    if request.method == "POST" and form.is_valid():
        plek = services.plek_opslaan(plek=form.save(commit=False), traject=traject)
        messages.success(request, _("De ED-plek is opgeslagen."))
        return redirect(plek)
    return render(
        request,
        "ervaringsdeskundigen/plek_form.html",
        {"traject": traject, "team": traject.team, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def plek_bewerken(request, pk, plek_pk):
    traject = traject_for(request, pk, roles=BEGELEIDER)
    plek = _plek(traject, plek_pk)
    # The form gets its own copy: validation writes typed values into its instance, and the page
    # (title, breadcrumb) should keep showing the stored place.
    form = PlekForm(request.POST or None, instance=_plek(traject, plek_pk), traject=traject)
    if request.method == "POST" and form.is_valid():
        services.plek_opslaan(plek=form.save(commit=False), traject=traject)
        messages.success(request, _("De ED-plek is opgeslagen."))
        return redirect(plek)
    return _render_plek_form(
        request, traject, plek, form=form, status=400 if request.method == "POST" else 200
    )


def _render_plek_form(request, traject, plek, *, form, verwijder_form=None, status=200):
    return render(
        request,
        "ervaringsdeskundigen/plek_form.html",
        {
            "traject": traject,
            "team": traject.team,
            "form": form,
            "plek": plek,
            "verwijder_form": verwijder_form or Bevestiging(request=request),
        },
        status=status,
    )


@login_required
@require_POST
def plek_verwijderen(request, pk, plek_pk):
    traject = traject_for(request, pk, roles=BEGELEIDER)
    plek = _plek(traject, plek_pk)
    verwijder_form = Bevestiging(request.POST, request=request)
    if not verwijder_form.is_valid():
        form = PlekForm(instance=plek, traject=traject)
        return _render_plek_form(request, traject, plek, form=form, verwijder_form=verwijder_form, status=400)
    plek.delete()
    traject.touch()
    messages.success(request, _("De ED-plek ‘%(titel)s’ is verwijderd.") % {"titel": plek.titel})
    return redirect("ervaringsdeskundigen:plekken", pk=traject.pk)


@login_required
@require_POST
@vary_on_headers("HX-Request")
def werving_stap(request, pk, plek_pk, stap_pk):
    traject = traject_for(request, pk, roles=BEGELEIDER)
    plek = _plek(traject, plek_pk)
    stap = get_object_or_404(WervingStap, pk=stap_pk, plek=plek)
    form = WervingStapForm(request.POST, instance=stap)
    if not form.is_valid():
        if request.htmx:
            return _render_plek(
                request, traject, plek, status=400, template="ervaringsdeskundigen/plek.html#werving"
            )
        messages.error(request, _("Kies een status uit de lijst."))
        return _render_plek(request, traject, plek, status=400)
    form.save()
    traject.touch()
    if request.htmx:
        response = _render_plek(request, traject, plek, template="ervaringsdeskundigen/plek.html#werving")
        return response
    messages.success(request, _("De status van de stap is opgeslagen."))
    return redirect(reverse("ervaringsdeskundigen:plek", args=[traject.pk, plek.pk]) + "#werving")


# -- Mijn gegevens: the person's own data, for everyone who is logged in ---------------


def _render_mijn_gegevens(request, *, inzage_form=None, intrekken_form=None, status=200):
    user = request.user
    return render(
        request,
        "ervaringsdeskundigen/mijn_gegevens.html",
        {
            "plekken": Plek.objects.filter(ervaringsdeskundige=user).select_related("traject__team"),
            "toestemming": Toestemming.actief_voor(user),
            # Only whether a profile exists: its content is shown (and logged) on its own page.
            "heeft_profiel": Ervaringsprofiel.objects.filter(user=user).exists(),
            "rechten": Inzagerecht.objects.filter(eigenaar=user).select_related("ontvanger"),
            "ontvangen": Inzagerecht.objects.filter(ontvanger=user).select_related("eigenaar"),
            "inzage_form": inzage_form or InzageForm(eigenaar=user),
            "intrekken_form": intrekken_form or Bevestiging(request=request),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET"])
def mijn_gegevens(request):
    return _render_mijn_gegevens(request)


@login_required
@require_http_methods(["GET"])
@never_cache
def download(request):
    data = services.gegevens_exporteren(user=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="mijn-gegevens-{request.user.pk}.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def profiel(request):
    user = request.user
    toestemming = Toestemming.actief_voor(user)
    # Consent to an older text still covers what is stored, but a change asks again.
    geldig = toestemming is not None and toestemming.versie == TOESTEMMING_VERSIE
    if request.method == "POST":
        form = ProfielForm(request.POST, heeft_toestemming=geldig)
        if form.is_valid():
            data = form.cleaned_data
            if not geldig and not data.get("toestemming"):
                # Nothing sensitive was typed and no consent given: there is nothing to store.
                messages.info(request, _("Er is niets bewaard: je hebt niets ingevuld."))
                return redirect("ervaringsdeskundigen:mijn_gegevens")
            services.profiel_opslaan(
                user=user,
                ervaringsthema=data["ervaringsthema"],
                ervaringsverhaal=data["ervaringsverhaal"],
                toestemming_gegeven=bool(data.get("toestemming")),
            )
            messages.success(request, _("Je ervaringsprofiel is opgeslagen."))
            return redirect("ervaringsdeskundigen:mijn_gegevens")
        status = 400
    else:
        bestaand = gevoelig_profiel(viewer=user, eigenaar=user, namens="")
        form = ProfielForm(instance=bestaand, heeft_toestemming=geldig)
        status = 200
    return render(
        request,
        "ervaringsdeskundigen/profiel.html",
        {
            "form": form,
            "toestemming": toestemming,
            "toestemming_verouderd": toestemming is not None and not geldig,
        },
        status=status,
    )


@login_required
@require_POST
def toestemming_intrekken(request):
    form = Bevestiging(request.POST, request=request)
    if not form.is_valid():
        return _render_mijn_gegevens(request, intrekken_form=form, status=400)
    if services.toestemming_intrekken(user=request.user):
        messages.success(
            request, _("Je toestemming is ingetrokken. Wat je over je ervaring schreef, is gewist.")
        )
    else:
        messages.info(request, _("Je had geen toestemming gegeven. Er is niets veranderd."))
    return redirect("ervaringsdeskundigen:mijn_gegevens")


@login_required
@require_POST
def inzage_nieuw(request):
    form = InzageForm(request.POST, eigenaar=request.user)
    if not form.is_valid():
        return _render_mijn_gegevens(request, inzage_form=form, status=400)
    ontvanger = form.cleaned_data["ontvanger"]
    services.inzage_geven(eigenaar=request.user, ontvanger=ontvanger)
    messages.success(
        request,
        _("%(naam)s mag nu je ervaringsprofiel zien.") % {"naam": weergavenaam(ontvanger)},
    )
    return redirect(reverse("ervaringsdeskundigen:mijn_gegevens") + "#inzage")


@login_required
@require_POST
def inzage_intrekken(request, recht_pk):
    recht = get_object_or_404(
        Inzagerecht.objects.select_related("ontvanger"), pk=recht_pk, eigenaar=request.user
    )
    services.inzage_intrekken(recht=recht)
    messages.success(request, _("De inzage is ingetrokken."))
    return redirect(reverse("ervaringsdeskundigen:mijn_gegevens") + "#inzage")


LOGBOEK_MAX = 500


@login_required
@require_http_methods(["GET"])
@never_cache
def logboek(request):
    regels = list(AuditRegel.objects.filter(betrokkene=request.user).select_related("actor")[:LOGBOEK_MAX])
    # Grants are logged with the other person's pseudonym; show the names of current colleagues.
    namen = {pseudoniem(u): weergavenaam(u) for u in inzage_kandidaten(request.user)}
    for regel in regels:
        regel.leesbaar = regel.onderdeel
        for ref, naam in namen.items():
            if ref in regel.leesbaar:
                regel.leesbaar = regel.leesbaar.replace(ref, naam)
    return render(request, "ervaringsdeskundigen/logboek.html", {"regels": regels, "max": LOGBOEK_MAX})


@login_required
@require_http_methods(["GET", "POST"])
def wissen(request):
    form = Bevestiging(request.POST if request.method == "POST" else None, request=request)
    if request.method == "POST" and form.is_valid():
        services.account_wissen(user=request.user)
        logout(request)
        messages.success(request, _("Je account en je gegevens zijn gewist."))
        return redirect("login")
    return render(
        request,
        "ervaringsdeskundigen/wissen.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )
