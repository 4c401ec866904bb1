"""Exercise pages. Every view starts with traject_for; writes go through services.

Each write answers an htmx request with the page's `werkblad` partial (plus a polite
announcement swapped out of band) and a plain POST with a redirect, so every form works
without JavaScript too. Bad input: 400 with the message next to the field, typed text kept.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cocreatie.formulieren import id_uit
from trajecten import zichtbaarheid as beleid
from trajecten.access import BEGELEIDER, traject_for

from .. import selectors, services
from ..forms import AchterhoudenForm, BijdrageForm, ClusterForm, TekstForm, bewerk_initial
from ..models import Cluster, OefeningStatus
from .werkblad import SCHRIJVERS, anoniem_bewijs, bijdrage_of_404, done, gesloten, oefening_of_404, respond


@login_required
@require_http_methods(["GET"])
def overzicht(request, pk):
    traject = traject_for(request, pk)
    hoofdstukken = selectors.hoofdstukken_overzicht(traject)
    return render(request, "oefeningen/overzicht.html", {"traject": traject, "hoofdstukken": hoofdstukken})


@login_required
@require_http_methods(["GET"])
def oefening(request, pk, slug):
    traject = traject_for(request, pk)
    return respond(request, traject, oefening_of_404(slug))


@login_required
@require_POST
def bijdrage_nieuw(request, pk, slug):
    traject = traject_for(request, pk, roles=SCHRIJVERS)
    oef = oefening_of_404(slug)
    if oef.kind.gedeelde_tekst:
        return tekst_opslaan(request, pk, slug)
    if dicht := gesloten(request, traject, oef):
        return dicht
    form = BijdrageForm(request.POST, oefening=oef, rol=traject.rol)
    if form.is_valid():
        try:
            rijen = _opslaan(request, traject, oef, form)
        except ValidationError as error:
            form.add_kind_errors(error)
        else:
            if form.cleaned_data.get("anoniem"):
                beleid.onthoud(request, [b.pk for b in rijen])
            if oef.kind.antwoord_per_persoon:
                melding = _("Je antwoord is opgeslagen.")
            else:
                melding = _("Je bijdrage is toegevoegd.")
            return beleid.bewaar(request, done(request, traject, oef, melding))
    return respond(
        request, traject, oef, form=form, status=400, melding=_("Er ging iets mis. Kijk bij het formulier.")
    )


def _opslaan(request, traject, oef, form) -> list:
    opties = {
        "anoniem": form.cleaned_data.get("anoniem", False),
        "namens_groep": form.cleaned_data.get("namens_groep", False),
    }
    if oef.kind.antwoord_per_persoon:
        return services.antwoorden_opslaan(
            traject=traject, oefening=oef, auteur=request.user, antwoorden=form.antwoorden, **opties
        )
    return [
        services.bijdrage_toevoegen(
            traject=traject, oefening=oef, auteur=request.user, data=form.antwoorden[0], **opties
        )
    ]


@login_required
@require_http_methods(["GET", "POST"])
def bijdrage_bewerken(request, pk, slug, bijdrage_pk):
    traject = traject_for(request, pk, roles=SCHRIJVERS)
    oef = oefening_of_404(slug)
    bijdrage = bijdrage_of_404(traject, oef, bijdrage_pk)
    bewijs = anoniem_bewijs(request, traject, oef)
    if (
        not services.mag_wijzigen(bijdrage, request.user, traject.rol, bewijs=bewijs)
        or oef.kind.antwoord_per_persoon
    ):
        raise PermissionDenied
    form = BijdrageForm(
        request.POST or None, oefening=oef, rol=traject.rol, bewerken=True, initial=bewerk_initial(bijdrage)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.bijdrage_wijzigen(
                bijdrage=bijdrage, door=request.user, rol=traject.rol, data=form.antwoorden[0], bewijs=bewijs
            )
        except ValidationError as error:
            form.add_kind_errors(error)
        else:
            messages.success(request, _("De bijdrage is aangepast."))
            return redirect(f"{oef.url(traject)}#bijdrage-{bijdrage.pk}")
    return render(
        request,
        "oefeningen/bijdrage_bewerken.html",
        {"traject": traject, "oefening": oef, "bijdrage": bijdrage, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def bijdrage_verwijderen(request, pk, slug, bijdrage_pk):
    traject = traject_for(request, pk, roles=SCHRIJVERS)
    oef = oefening_of_404(slug)
    bijdrage = bijdrage_of_404(traject, oef, bijdrage_pk)
    bewijs = anoniem_bewijs(request, traject, oef)
    if not services.mag_wijzigen(bijdrage, request.user, traject.rol, bewijs=bewijs):
        raise PermissionDenied
    services.bijdrage_verwijderen(bijdrage=bijdrage, door=request.user, rol=traject.rol, bewijs=bewijs)
    return done(request, traject, oef, _("De bijdrage is verwijderd."))


@login_required
@require_POST
def stem(request, pk, slug, bijdrage_pk):
    traject = traject_for(request, pk, roles=SCHRIJVERS)
    oef = oefening_of_404(slug)
    bijdrage = bijdrage_of_404(traject, oef, bijdrage_pk)
    if dicht := gesloten(request, traject, oef):
        return dicht
    try:
        services.stem_uitbrengen(traject=traject, bijdrage=bijdrage, kiezer=request.user)
    except ValidationError as error:
        melding = " ".join(error.messages)
        if not request.htmx:
            messages.error(request, melding)
        return respond(request, traject, oef, status=409, melding=melding)
    return done(
        request, traject, oef, _("Je stem is geteld."), anchor=f"bijdrage-{bijdrage.pk}", focus=bijdrage.pk
    )


@login_required
@require_POST
def stem_intrekken(request, pk, slug, bijdrage_pk):
    traject = traject_for(request, pk, roles=SCHRIJVERS)
    oef = oefening_of_404(slug)
    bijdrage = bijdrage_of_404(traject, oef, bijdrage_pk)
    services.stem_intrekken(traject=traject, bijdrage=bijdrage, kiezer=request.user)
    return done(
        request,
        traject,
        oef,
        _("Je stem is weggehaald."),
        anchor=f"bijdrage-{bijdrage.pk}",
        focus=bijdrage.pk,
    )


@login_required
@require_POST
def tekst_opslaan(request, pk, slug):
    traject = traject_for(request, pk, roles=SCHRIJVERS)
    oef = oefening_of_404(slug)
    if not oef.kind.gedeelde_tekst:
        raise Http404
    if dicht := gesloten(request, traject, oef):
        return dicht
    form = TekstForm(request.POST, oefening=oef)
    if not form.is_valid():
        return respond(
            request, traject, oef, tekst_form=form, status=400, melding=_("De tekst is niet opgeslagen.")
        )
    try:
        services.tekst_opslaan(
            traject=traject,
            oefening=oef,
            tekst=form.cleaned_data["tekst"],
            versie=form.cleaned_data["versie"],
            door=request.user,
        )
    except services.VersieConflict as conflict:
        # Keep what this person typed, but let the next save start from the newest version.
        form = TekstForm(
            oefening=oef, initial={"tekst": conflict.jouw_tekst, "versie": conflict.huidig.versie}
        )
        return respond(
            request,
            traject,
            oef,
            tekst_form=form,
            conflict=conflict,
            status=409,
            melding=_("Je tekst is niet opgeslagen: iemand anders was je voor."),
        )
    return done(request, traject, oef, _("De tekst is opgeslagen."))


@login_required
@require_POST
def status_zetten(request, pk, slug):
    traject = traject_for(request, pk, roles=BEGELEIDER)
    oef = oefening_of_404(slug)
    nieuw = request.POST.get("status", "")
    if nieuw not in (OefeningStatus.Status.AFGEROND, OefeningStatus.Status.BEZIG):
        messages.error(request, _("Kies een geldige status."))
        return respond(request, traject, oef, status=400)
    services.status_zetten(traject=traject, oefening=oef, status=nieuw)
    melding = (
        _("De oefening is afgerond.")
        if nieuw == OefeningStatus.Status.AFGEROND
        else _("De oefening staat weer open.")
    )
    messages.success(request, melding)
    return redirect(oef.url(traject))


@login_required
@require_POST
def achterhouden(request, pk, slug, bijdrage_pk):
    """Screening: the begeleider holds a contribution back with a reason, or releases it."""
    traject = traject_for(request, pk, roles=BEGELEIDER)
    oef = oefening_of_404(slug)
    bijdrage = bijdrage_of_404(traject, oef, bijdrage_pk)
    form = AchterhoudenForm(request.POST)
    if not form.is_valid():
        return respond(
            request, traject, oef, status=400, melding=_("Kies een reden om dit achter te houden.")
        )
    services.achterhouden(bijdrage=bijdrage, reden=form.cleaned_data["reden"])
    melding = (
        _("De bijdrage is achtergehouden.") if bijdrage.achtergehouden else _("De bijdrage is weer te zien.")
    )
    return done(request, traject, oef, melding, anchor=f"bijdrage-{bijdrage.pk}")


@login_required
@require_POST
def zichtbaarheid(request, pk, slug):
    traject = traject_for(request, pk, roles=BEGELEIDER)
    oef = oefening_of_404(slug)
    verborgen = request.POST.get("verborgen") == "1"
    services.zichtbaarheid_zetten(traject=traject, oefening=oef, verborgen=verborgen)
    messages.success(
        request,
        _("Deelnemers zien nu alleen hun eigen antwoorden.")
        if verborgen
        else _("De antwoorden zijn nu voor iedereen zichtbaar."),
    )
    return redirect(oef.url(traject))


@login_required
@require_POST
def cluster_nieuw(request, pk, slug):
    traject = traject_for(request, pk, roles=BEGELEIDER)
    oef = oefening_of_404(slug)
    form = ClusterForm(request.POST)
    form.is_valid()
    try:
        services.cluster_maken(traject=traject, oefening=oef, naam=form.cleaned_data.get("naam", ""))
    except ValidationError as error:
        for naam, fouten in error.message_dict.items():
            form.add_error(naam if naam in form.fields else None, fouten)
        return respond(request, traject, oef, cluster_form=form, status=400)
    return done(request, traject, oef, _("De groep is gemaakt."), anchor="groeperen")


@login_required
@require_POST
def kaart_groeperen(request, pk, slug, bijdrage_pk):
    traject = traject_for(request, pk, roles=BEGELEIDER)
    oef = oefening_of_404(slug)
    bijdrage = bijdrage_of_404(traject, oef, bijdrage_pk)
    cluster = None
    if request.POST.get("cluster"):
        cluster_pk = id_uit(request.POST, "cluster")
        cluster = (
            Cluster.objects.filter(pk=cluster_pk, traject=traject, oefening=oef).first()
            if cluster_pk
            else None
        )
        if cluster is None:
            return respond(request, traject, oef, status=400, melding=_("Kies een groep van deze oefening."))
    services.kaart_groeperen(traject=traject, bijdrage=bijdrage, cluster=cluster)
    return done(
        request,
        traject,
        oef,
        _("De kaart is verplaatst."),
        anchor=f"bijdrage-{bijdrage.pk}",
        focus=bijdrage.pk,
    )
