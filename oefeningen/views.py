"""Exercise pages. Every view starts with traject_for; writes go through services.

Each write answers an htmx request with the page's `werkblad` partial (plus a polite
announcement swapped out of band) and a plain POST with a redirect, so every form works
without JavaScript too. Bad input: 400 with the message next to the field, typed text kept.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from cocreatie.formulieren import id_uit
from trajecten.access import BEGELEIDER, traject_for
from trajecten.models import Rol

from . import services
from .forms import BijdrageForm, ClusterForm, TekstForm, bewerk_initial
from .kinds import auteur_naam
from .models import Bijdrage, Cluster, Hoofdstuk, Oefening, OefeningStatus, Soort

SCHRIJVERS = frozenset({Rol.BEGELEIDER, Rol.TEAMLID})
PAGE = "oefeningen/oefening.html"


def _oefening(slug) -> Oefening:
    return get_object_or_404(Oefening.objects.select_related("hoofdstuk"), slug=slug)


def _bijdrage(traject, oefening, bijdrage_pk) -> Bijdrage:
    # Scoped to this trajectory: a card of another team is simply not found (404).
    return get_object_or_404(
        Bijdrage.objects.select_related("oefening", "traject"),
        pk=bijdrage_pk,
        traject=traject,
        oefening=oefening,
    )


@login_required
@require_http_methods(["GET"])
def overzicht(request, pk):
    traject = traject_for(request, pk)
    hoofdstukken = list(Hoofdstuk.objects.prefetch_related("oefeningen"))
    statussen = dict(OefeningStatus.objects.filter(traject=traject).values_list("oefening_id", "status"))
    aantallen = dict(
        Bijdrage.objects.filter(traject=traject)
        .values("oefening_id")
        .annotate(n=Count("pk"))
        .values_list("oefening_id", "n")
    )
    labels = dict(OefeningStatus.Status.choices)
    for hoofdstuk in hoofdstukken:
        oefeningen = list(hoofdstuk.oefeningen.all())
        for o in oefeningen:
            o.status = statussen.get(o.pk, OefeningStatus.Status.NIET_GESTART)
            o.status_label = labels[o.status]
            o.aantal = aantallen.get(o.pk, 0)
        hoofdstuk.lijst = oefeningen
        hoofdstuk.klaar = sum(1 for o in oefeningen if o.status == OefeningStatus.Status.AFGEROND)
        hoofdstuk.procent = round(100 * hoofdstuk.klaar / len(oefeningen)) if oefeningen else 0
    return render(request, "oefeningen/overzicht.html", {"traject": traject, "hoofdstukken": hoofdstukken})


def _context(
    request, traject, oefening, *, form=None, tekst_form=None, conflict=None, cluster_form=None, focus=None
):
    kind = oefening.kind
    status = services.status_van(traject, oefening)
    is_begeleider = traject.rol == Rol.BEGELEIDER
    verborgen = status.verborgen and not is_begeleider
    bijdragen = list(
        services.zichtbare_bijdragen(traject, oefening, kijker=request.user, verborgen=verborgen)
    )
    base = oefening.url(traject)
    for b in bijdragen:
        b.url = f"{base}bijdragen/{b.pk}/"
        b.stemmen_label = ngettext("%(n)s stem", "%(n)s stemmen", b.aantal_stemmen) % {"n": b.aantal_stemmen}
        b.naam = auteur_naam(b)
        b.mag_wijzigen = services.mag_wijzigen(b, request.user, traject.rol)
        b.is_eigen = b.auteur_id == request.user.pk and not b.namens_groep
    tekst = services.tekst_ophalen(traject, oefening) if oefening.soort == Soort.TEKST else None
    perspectieven = (
        services.perspectieven_van(traject) if oefening.soort in (Soort.SCHAAL, Soort.CHECKLIST) else {}
    )
    kan_schrijven = traject.rol in SCHRIJVERS and status.status != OefeningStatus.Status.AFGEROND
    if form is None and kan_schrijven and oefening.soort != Soort.TEKST:
        eigen = [b for b in bijdragen if b.is_eigen]
        initial = kind.form_initial(eigen) if kind.antwoord_per_persoon else None
        form = BijdrageForm(oefening=oefening, rol=traject.rol, initial=initial)
    if tekst_form is None and kan_schrijven and oefening.soort == Soort.TEKST:
        tekst_form = TekstForm(oefening=oefening, initial={"tekst": tekst.tekst, "versie": tekst.versie})
    stemmen = kind.stemmen and kind.stemmen_per_persoon(oefening) > 0
    clusters = (
        list(Cluster.objects.filter(traject=traject, oefening=oefening))
        if oefening.soort == Soort.KAARTEN
        else []
    )
    team = kind.aggregate(oefening, bijdragen, perspectieven=perspectieven, tekst=tekst)
    groepen = []
    if oefening.soort == Soort.KAARTEN:
        per_cluster = team["per_cluster"]
        groepen = [{"cluster": c, "kaarten": per_cluster.get(c.pk, [])} for c in clusters]
        groepen.append({"cluster": None, "kaarten": per_cluster.get(None, [])})
    if tekst_form is not None and not conflict:
        tekst_form.fields["tekst"].widget.attrs["data-focus-after-swap"] = ""
    if form is not None and focus is None and form.fields:
        # After an htmx swap, focus returns to the input (app.js) for the next card.
        erg = next((n for n in form.fields if n in form.errors), None) or next(iter(form.fields))
        form.fields[erg].widget.attrs["data-focus-after-swap"] = ""
    return {
        "traject": traject,
        "oefening": oefening,
        "focus": focus,
        "vraag_verwijderen": _("Weet je zeker dat je dit wilt verwijderen?"),
        "groepen": groepen,
        "hoofdstuk": oefening.hoofdstuk,
        "kind": kind,
        "status": status,
        "is_begeleider": is_begeleider,
        "verborgen": verborgen,
        "kan_schrijven": kan_schrijven,
        "form": form,
        "tekst": tekst,
        "tekst_form": tekst_form,
        "conflict": conflict,
        "team": team,
        "bijdragen": bijdragen,
        "eigen_bijdragen": [b for b in bijdragen if b.is_eigen],
        "stemmen": stemmen,
        "stemmen_over": services.stemmen_over(traject=traject, oefening=oefening, kiezer=request.user)
        if stemmen and traject.rol in SCHRIJVERS
        else 0,
        "stemmen_limiet": kind.stemmen_per_persoon(oefening) if stemmen else 0,
        "clusters": clusters,
        "cluster_form": cluster_form
        or (ClusterForm() if is_begeleider and oefening.soort == Soort.KAARTEN else None),
        "is_complete": kind.is_complete(oefening, bijdragen, tekst),
    }


def _respond(request, traject, oefening, *, status=200, melding="", **kwargs):
    context = _context(request, traject, oefening, **kwargs)
    if request.htmx:
        html = render_to_string(f"{PAGE}#werkblad", context, request=request)
        # The status badge sits outside the swapped part: a first card turns it to "Bezig".
        html += render_to_string(f"{PAGE}#statusbadge", {**context, "oob": True}, request=request)
        if melding:
            html += render_to_string(
                f"{PAGE}#melding", {"melding": melding, "fout": status >= 400}, request=request
            )
        response = HttpResponse(html, status=status)
    else:
        response = render(request, PAGE, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _done(request, traject, oefening, melding: str, anchor: str = "werkblad", focus=None):
    """Success: the fresh partial for htmx, a redirect (post/redirect/get) otherwise."""
    if request.htmx:
        return _respond(request, traject, oefening, melding=melding, focus=focus)
    messages.success(request, melding)
    return redirect(f"{oefening.url(traject)}#{anchor}")


def _gesloten(request, traject, oefening):
    if services.status_van(traject, oefening).status == OefeningStatus.Status.AFGEROND:
        melding = _("Deze oefening is afgerond. De begeleider kan haar weer openzetten.")
        if request.htmx:
            return _respond(request, traject, oefening, status=409, melding=melding)
        messages.error(request, melding)
        return _respond(request, traject, oefening, status=409)
    return None


@login_required
@require_http_methods(["GET"])
def oefening(request, pk, slug):
    traject = traject_for(request, pk)
    return _respond(request, traject, _oefening(slug))


@login_required
@require_POST
def bijdrage_nieuw(request, pk, slug):
    traject = traject_for(request, pk, roles=SCHRIJVERS)
    oef = _oefening(slug)
    if oef.soort == Soort.TEKST:
        return tekst_opslaan(request, pk, slug)
    if gesloten := _gesloten(request, traject, oef):
        return gesloten
    form = BijdrageForm(request.POST, oefening=oef, rol=traject.rol)
    if form.is_valid():
        opties = {
            "anoniem": form.cleaned_data.get("anoniem", False),
            "namens_groep": form.cleaned_data.get("namens_groep", False),
        }
        try:
            if oef.kind.antwoord_per_persoon:
                services.antwoorden_opslaan(
                    traject=traject, oefening=oef, auteur=request.user, antwoorden=form.antwoorden, **opties
                )
            else:
                services.bijdrage_toevoegen(
                    traject=traject, oefening=oef, auteur=request.user, data=form.antwoorden[0], **opties
                )
        except ValidationError as error:
            form.add_kind_errors(error)
        else:
            if oef.kind.antwoord_per_persoon:
                melding = _("Je antwoord is opgeslagen.")
            else:
                melding = _("Je bijdrage is toegevoegd.")
            return _done(request, traject, oef, melding)
    return _respond(
        request, traject, oef, form=form, status=400, melding=_("Er ging iets mis. Kijk bij het formulier.")
    )


@login_required
@require_http_methods(["GET", "POST"])
def bijdrage_bewerken(request, pk, slug, bijdrage_pk):
    traject = traject_for(request, pk, roles=SCHRIJVERS)
    oef = _oefening(slug)
    bijdrage = _bijdrage(traject, oef, bijdrage_pk)
    if not services.mag_wijzigen(bijdrage, request.user, traject.rol) or oef.kind.antwoord_per_persoon:
        raise PermissionDenied
    form = BijdrageForm(
        request.POST or None, oefening=oef, rol=traject.rol, bewerken=True, initial=bewerk_initial(bijdrage)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.bijdrage_wijzigen(
                bijdrage=bijdrage, door=request.user, rol=traject.rol, data=form.antwoorden[0]
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
    oef = _oefening(slug)
    bijdrage = _bijdrage(traject, oef, bijdrage_pk)
    if not services.mag_wijzigen(bijdrage, request.user, traject.rol):
        raise PermissionDenied
    services.bijdrage_verwijderen(bijdrage=bijdrage, door=request.user, rol=traject.rol)
    return _done(request, traject, oef, _("De bijdrage is verwijderd."))


@login_required
@require_POST
def stem(request, pk, slug, bijdrage_pk):
    traject = traject_for(request, pk, roles=SCHRIJVERS)
    oef = _oefening(slug)
    bijdrage = _bijdrage(traject, oef, bijdrage_pk)
    if gesloten := _gesloten(request, traject, oef):
        return gesloten
    try:
        services.stem_uitbrengen(traject=traject, bijdrage=bijdrage, kiezer=request.user)
    except ValidationError as error:
        melding = " ".join(error.messages)
        if not request.htmx:
            messages.error(request, melding)
        return _respond(request, traject, oef, status=409, melding=melding)
    return _done(
        request, traject, oef, _("Je stem is geteld."), anchor=f"bijdrage-{bijdrage.pk}", focus=bijdrage.pk
    )


@login_required
@require_POST
def stem_intrekken(request, pk, slug, bijdrage_pk):
    traject = traject_for(request, pk, roles=SCHRIJVERS)
    oef = _oefening(slug)
    bijdrage = _bijdrage(traject, oef, bijdrage_pk)
    services.stem_intrekken(traject=traject, bijdrage=bijdrage, kiezer=request.user)
    return _done(
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
    oef = _oefening(slug)
    if oef.soort != Soort.TEKST:
        raise Http404
    if gesloten := _gesloten(request, traject, oef):
        return gesloten
    form = TekstForm(request.POST, oefening=oef)
    if not form.is_valid():
        return _respond(
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
        return _respond(
            request,
            traject,
            oef,
            tekst_form=form,
            conflict=conflict,
            status=409,
            melding=_("Je tekst is niet opgeslagen: iemand anders was je voor."),
        )
    return _done(request, traject, oef, _("De tekst is opgeslagen."))


@login_required
@require_POST
def status_zetten(request, pk, slug):
    traject = traject_for(request, pk, roles=BEGELEIDER)
    oef = _oefening(slug)
    nieuw = request.POST.get("status", "")
    if nieuw not in (OefeningStatus.Status.AFGEROND, OefeningStatus.Status.BEZIG):
        messages.error(request, _("Kies een geldige status."))
        return _respond(request, traject, oef, status=400)
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
def zichtbaarheid(request, pk, slug):
    traject = traject_for(request, pk, roles=BEGELEIDER)
    oef = _oefening(slug)
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
    oef = _oefening(slug)
    form = ClusterForm(request.POST)
    form.is_valid()
    try:
        services.cluster_maken(traject=traject, oefening=oef, naam=form.cleaned_data.get("naam", ""))
    except ValidationError as error:
        for naam, fouten in error.message_dict.items():
            form.add_error(naam if naam in form.fields else None, fouten)
        return _respond(request, traject, oef, cluster_form=form, status=400)
    return _done(request, traject, oef, _("De groep is gemaakt."), anchor="groeperen")


@login_required
@require_POST
def kaart_groeperen(request, pk, slug, bijdrage_pk):
    traject = traject_for(request, pk, roles=BEGELEIDER)
    oef = _oefening(slug)
    bijdrage = _bijdrage(traject, oef, bijdrage_pk)
    cluster = None
    if request.POST.get("cluster"):
        cluster_pk = id_uit(request.POST, "cluster")
        cluster = (
            Cluster.objects.filter(pk=cluster_pk, traject=traject, oefening=oef).first()
            if cluster_pk
            else None
        )
        if cluster is None:
            return _respond(request, traject, oef, status=400, melding=_("Kies een groep van deze oefening."))
    services.kaart_groeperen(traject=traject, bijdrage=bijdrage, cluster=cluster)
    return _done(
        request,
        traject,
        oef,
        _("De kaart is verplaatst."),
        anchor=f"bijdrage-{bijdrage.pk}",
        focus=bijdrage.pk,
    )
