from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseStopPolling

from cocreatie.formulieren import id_uit
from trajecten.access import BEGELEIDER, traject_for
from trajecten.models import Rol

from . import ics, live, oefeningen_bridge, services
from .access import bijeenkomst_for, deelnemer_for, live_toegang
from .forms import (
    BijeenkomstForm,
    BlokForm,
    CodeForm,
    GastForm,
    InbrengForm,
    PapierForm,
    SluitenForm,
    VerslagForm,
)
from .models import Bijeenkomst, Blok, Deelname, Inbreng, Stem, normalize_code
from .qr import qr_svg
from .rules import INTERACTIEREGELS


def _vorige_evaluatie(traject, voor: Bijeenkomst | None = None):
    """The most recent closed session's appreciative evaluation, shown when planning the next."""
    qs = Bijeenkomst.objects.filter(traject=traject, status=Bijeenkomst.Status.GESLOTEN)
    if voor is not None:
        qs = qs.exclude(pk=voor.pk)
    return qs.exclude(wat_ging_goed="", wat_houden_we="").order_by("-gesloten_op", "-pk").first()


# -- planning -----------------------------------------------------------------


@login_required
@require_GET
def lijst(request, pk):
    traject = traject_for(request, pk)
    bijeenkomsten = (
        Bijeenkomst.objects.filter(traject=traject)
        .select_related("begeleider", "verslaggever")
        .annotate(aantal_blokken=Count("blokken"), totale_duur=Sum("blokken__duur_minuten"))
        .order_by("datum", "starttijd", "pk")
    )
    return render(
        request,
        "bijeenkomsten/lijst.html",
        {"traject": traject, "bijeenkomsten": bijeenkomsten, "vorige_evaluatie": _vorige_evaluatie(traject)},
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
        {"traject": traject, "form": form, "vorige_evaluatie": _vorige_evaluatie(traject)},
        status=400 if request.method == "POST" else 200,
    )


def _render_planning(request, bijeenkomst, *, blok_form=None, status=200):
    blokken = list(bijeenkomst.blokken.all())
    return render(
        request,
        "bijeenkomsten/bijeenkomst.html",
        {
            "bijeenkomst": bijeenkomst,
            "traject": bijeenkomst.traject,
            "blokken": blokken,
            "totale_duur": sum(b.duur_minuten for b in blokken),
            "is_begeleider": bijeenkomst.rol == Rol.BEGELEIDER,
            "blok_form": blok_form or (BlokForm() if bijeenkomst.rol == Rol.BEGELEIDER else None),
            "vorige_evaluatie": _vorige_evaluatie(bijeenkomst.traject, voor=bijeenkomst),
        },
        status=status,
    )


@login_required
@require_GET
def bijeenkomst(request, pk):
    b = bijeenkomst_for(request, pk)
    b = _with_people(b)
    return _render_planning(request, b)


def _with_people(b):
    # begeleider and verslaggever names for the planning page (one query, traject kept).
    traject, rol = b.traject, b.rol
    fresh = Bijeenkomst.objects.select_related("begeleider", "verslaggever").get(pk=b.pk)
    fresh.traject, fresh.rol, fresh.is_gast = traject, rol, False
    return fresh


@login_required
@require_http_methods(["GET", "POST"])
def bewerken(request, pk):
    b = bijeenkomst_for(request, pk, roles=BEGELEIDER)
    form = BijeenkomstForm(request.POST or None, instance=b, traject=b.traject)
    if request.method == "POST" and form.is_valid():
        form.save()
        live.bump(b.pk)
        messages.success(request, _("De bijeenkomst is opgeslagen."))
        return redirect(b)
    return render(
        request,
        "bijeenkomsten/form.html",
        {"traject": b.traject, "bijeenkomst": b, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def blok_nieuw(request, pk):
    b = bijeenkomst_for(request, pk, roles=BEGELEIDER)
    form = BlokForm(request.POST)
    if b.is_gesloten:
        messages.error(request, _("Deze bijeenkomst is afgesloten; de agenda kan niet meer veranderen."))
        return redirect(b)
    if not form.is_valid():
        return _render_planning(request, _with_people(b), blok_form=form, status=400)
    services.blok_toevoegen(bijeenkomst=b, **form.bewaar_velden())
    messages.success(request, _("Het blok staat op de agenda."))
    return redirect(reverse("bijeenkomsten:bijeenkomst", args=[b.pk]) + "#agenda")


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
    return redirect(reverse("bijeenkomsten:bijeenkomst", args=[b.pk]) + f"#blok-{blok.pk}")


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
    return redirect(reverse("bijeenkomsten:bijeenkomst", args=[b.pk]) + "#agenda")


@login_required
@require_GET
def afdrukken(request, pk):
    b = _with_people(bijeenkomst_for(request, pk))
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
    duur = sum(x.duur_minuten for x in blokken)
    beschrijving = "\n".join(f"{x.duur_minuten} min – {x.titel}" for x in blokken)
    body = ics.event(
        uid=f"bijeenkomst-{b.pk}@{request.get_host().split(':')[0]}",
        begin=b.begin(),
        einde=b.einde(duur),
        titel=b.titel,
        plaats=b.plaats,
        beschrijving=beschrijving,
        url=request.build_absolute_uri(b.get_absolute_url()),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="bijeenkomst-{b.pk}.ics"'
    return response


# -- running the session: the begeleider ---------------------------------------


def _huidig(b) -> Blok | None:
    # The FK descriptor: no query when loaded with select_related("huidig_blok").
    return b.huidig_blok if b.huidig_blok_id else None


def _live_context(b, blok, *, scherm, user=None):
    kaarten = list(services.stemtelling(blok)) if blok else []
    blokken = list(Blok.objects.filter(bijeenkomst=b).values_list("pk", flat=True))
    positie = blokken.index(blok.pk) + 1 if blok and blok.pk in blokken else 0
    context = {
        "bijeenkomst": b,
        "blok": blok,
        "kaarten": kaarten,
        "positie": positie,
        "aantal_blokken": len(blokken),
        "scherm": scherm,
        "server_nu": timezone.now(),
        "etag": live.etag(b.pk, b.versie, scherm),
    }
    if scherm == "presentatie":
        context["aantal_deelnemers"] = Deelname.objects.filter(bijeenkomst=b).count()
    if scherm == "deelnemer" and blok is not None and user is not None:
        mijn = list(
            Stem.objects.filter(inbreng__blok=blok, user=user, op_papier=False).values_list(
                "inbreng_id", flat=True
            )
        )
        context["stemmen_over"] = max(blok.stemmen_per_persoon - len(mijn), 0)
        context["mijn_stemmen"] = set(mijn)
    return context


def _poll_url(b, user, scherm):
    token = live.make_token(b.pk, user.pk, scherm)
    return reverse("bijeenkomsten:live", args=[b.pk]) + f"?t={token}"


@login_required
@require_GET
def presentatie(request, pk):
    b = bijeenkomst_for(request, pk, roles=BEGELEIDER)
    if b.is_gesloten:
        messages.info(request, _("Deze bijeenkomst is afgesloten. Hier is het verslag."))
        return redirect("bijeenkomsten:verslag", pk=b.pk)
    return _render_presentatie(request, b)


def _render_presentatie(request, b, *, papier_form=None, status=200):
    blok = _huidig(b)
    join_url = request.build_absolute_uri(reverse("bijeenkomsten:join", args=[b.code]))
    context = _live_context(b, blok, scherm="presentatie")
    context.update(
        {
            "traject": b.traject,
            "join_url": join_url,
            "qr": qr_svg(join_url, _("QR-code om mee te doen")),
            "regels": INTERACTIEREGELS,
            "poll_url": _poll_url(b, request.user, "presentatie"),
            "papier_form": papier_form or PapierForm(initial={"blok": blok.pk if blok else None}),
            "sluiten_form": SluitenForm(instance=b),
        }
    )
    return render(request, "bijeenkomsten/presentatie.html", context, status=status)


@login_required
@require_POST
def starten(request, pk):
    b = bijeenkomst_for(request, pk, roles=BEGELEIDER)
    if b.status == Bijeenkomst.Status.GEPLAND:
        services.starten(bijeenkomst=b)
    return redirect("bijeenkomsten:presentatie", pk=b.pk)


@login_required
@require_POST
def bediening(request, pk):
    """Next/previous block, and the switches of the current block (input, results, anonymous)."""
    b = bijeenkomst_for(request, pk, roles=BEGELEIDER)
    actie = request.POST.get("actie", "")
    if b.status != Bijeenkomst.Status.ACTIEF:
        messages.error(request, _("De bijeenkomst is niet bezig. Start haar eerst."))
        return redirect("bijeenkomsten:presentatie", pk=b.pk)
    verwacht = id_uit(request.POST, "verwacht")
    if actie in ("volgende", "vorige"):
        try:
            doel = services.naar_blok(bijeenkomst=b, richting=actie, verwacht_blok_id=verwacht)
        except services.AanDeRand:
            messages.info(
                request,
                _("Dit is het laatste blok.") if actie == "volgende" else _("Dit is het eerste blok."),
            )
            return redirect("bijeenkomsten:presentatie", pk=b.pk)
        except services.Verouderd:
            messages.warning(
                request,
                _(
                    "Iemand anders ging net al naar een ander blok. "
                    "Je ziet nu het blok waar de groep echt is; kies opnieuw als dat nodig is."
                ),
            )
            b.refresh_from_db()
            return _render_presentatie(request, b, status=409)
        messages.success(request, _("Nu: %(titel)s") % {"titel": doel.titel})
        return redirect("bijeenkomsten:presentatie", pk=b.pk)
    veld = actie.removeprefix("zet_")
    if veld in services.BLOK_SCHAKELAARS and b.huidig_blok_id:
        blok = Blok.objects.get(pk=b.huidig_blok_id)
        if verwacht and verwacht != blok.pk:
            messages.warning(request, _("Het blok was al veranderd. Kijk en kies opnieuw."))
            return _render_presentatie(request, b, status=409)
        services.blok_zetten(blok=blok, veld=veld, waarde=request.POST.get("waarde") == "1")
        return redirect("bijeenkomsten:presentatie", pk=b.pk)
    return HttpResponse(_("Onbekende actie."), status=400)


@login_required
@require_POST
def gasten(request, pk):
    b = bijeenkomst_for(request, pk, roles=BEGELEIDER)
    if b.is_gesloten:
        messages.error(request, _("Deze bijeenkomst is afgesloten."))
        return redirect(b)
    toestaan = request.POST.get("toestaan") == "1"
    services.gasten_toestaan(bijeenkomst=b, toestaan=toestaan)
    if toestaan:
        messages.success(request, _("Gasten kunnen nu meedoen met de code. Alleen voor deze bijeenkomst."))
    else:
        messages.success(request, _("Gasten kunnen niet meer meedoen."))
    return redirect(
        request.POST.get("terug") == "planning"
        and b.get_absolute_url()
        or reverse("bijeenkomsten:presentatie", args=[b.pk])
    )


@login_required
@require_POST
def papier(request, pk):
    """The begeleider types in a card someone wrote on paper (hybrid rooms)."""
    b = bijeenkomst_for(request, pk, roles=BEGELEIDER)
    form = PapierForm(request.POST)
    if not form.is_valid():
        return _render_presentatie(request, b, papier_form=form, status=400)
    blok = Blok.objects.filter(pk=form.cleaned_data["blok"], bijeenkomst=b).first()
    if blok is None:
        raise Http404
    try:
        services.inbreng_toevoegen(
            blok=blok,
            tekst=form.cleaned_data["tekst"],
            op_papier=True,
            namens=form.cleaned_data["namens"],
            ingevoerd_door=request.user,
        )
    except services.Conflict:
        form.add_error("tekst", _("Dit blok is dicht voor invoer. Open de invoer en probeer het opnieuw."))
        return _render_presentatie(request, b, papier_form=form, status=409)
    messages.success(request, _("Het papiertje staat erbij."))
    return redirect("bijeenkomsten:presentatie", pk=b.pk)


@login_required
@require_POST
def papier_stem(request, pk):
    """A vote cast by the begeleider for someone without a phone."""
    b = bijeenkomst_for(request, pk, roles=BEGELEIDER)
    inbreng = Inbreng.objects.filter(pk=id_uit(request.POST, "inbreng") or 0, blok__bijeenkomst=b).first()
    if inbreng is None:
        raise Http404
    try:
        services.stem_uitbrengen(inbreng=inbreng, user=request.user, op_papier=True, namens="")
    except services.Conflict:
        messages.error(request, _("Stemmen kan alleen als het blok nu open staat."))
        return redirect("bijeenkomsten:presentatie", pk=b.pk)
    if request.htmx:
        return _live_response(request, b, "presentatie")
    messages.success(request, _("De stem op papier is geteld."))
    return redirect("bijeenkomsten:presentatie", pk=b.pk)


@login_required
@require_POST
def sluiten(request, pk):
    b = bijeenkomst_for(request, pk, roles=BEGELEIDER)
    form = SluitenForm(request.POST, instance=b)
    if not form.is_valid():
        return _render_presentatie(request, b, status=400)
    if services.sluiten(bijeenkomst=b, **form.cleaned_data):
        messages.success(request, _("De bijeenkomst is afgesloten. Het verslag staat bij het traject."))
    return redirect("bijeenkomsten:verslag", pk=b.pk)


# -- taking part: members and guests ---------------------------------------------


def _render_deelnemer(request, b, *, form=None, status=200, melding=""):
    blok = _huidig(b)
    context = _live_context(b, blok, scherm="deelnemer", user=request.user)
    context.update(
        {
            "form": form or InbrengForm(initial={"blok": blok.pk if blok else None}),
            "poll_url": _poll_url(b, request.user, "deelnemer"),
            "melding": melding,
        }
    )
    return render(request, "bijeenkomsten/deelnemer.html", context, status=status)


def _gesloten(request, b):
    return render(request, "bijeenkomsten/afgesloten.html", {"bijeenkomst": b}, status=410)


@login_required
@require_GET
def deelnemer(request, pk):
    b = deelnemer_for(request, pk)
    if b.is_gesloten:
        return _gesloten(request, b)
    services.deelnemen(bijeenkomst=b, user=request.user)
    return _render_deelnemer(request, b)


@login_required
@require_POST
def inbreng(request, pk):
    b = deelnemer_for(request, pk)
    if b.is_gesloten:
        return _gesloten(request, b)
    form = InbrengForm(request.POST)
    if not form.is_valid():
        return _inbreng_antwoord(request, b, form, status=400)
    blok = Blok.objects.filter(pk=form.cleaned_data["blok"], bijeenkomst=b).first()
    if blok is None:
        form.add_error(None, _("Deze vraag hoort niet bij deze bijeenkomst."))
        return _inbreng_antwoord(request, b, form, status=400)
    try:
        services.inbreng_toevoegen(
            blok=blok,
            tekst=form.cleaned_data["tekst"],
            auteur=request.user,
            sleutel=form.cleaned_data["sleutel"],
        )
    except services.Conflict:
        form.add_error(
            "tekst",
            _(
                "Deze vraag staat niet (meer) open, dus je antwoord is niet verstuurd. "
                "Je tekst staat nog in het vak."
            ),
        )
        return _inbreng_antwoord(request, b, form, status=409)
    if request.htmx:
        response = render(request, "bijeenkomsten/deelnemer.html#verstuurd", {})
        response["HX-Trigger"] = "inbreng-verstuurd"
        return response
    messages.success(request, _("Je antwoord is verstuurd."))
    return redirect("bijeenkomsten:deelnemer", pk=b.pk)


def _inbreng_antwoord(request, b, form, *, status):
    if request.htmx:
        return render(request, "bijeenkomsten/deelnemer.html#fouten", {"form": form}, status=status)
    return _render_deelnemer(request, b, form=form, status=status)


@login_required
@require_POST
def stem(request, pk):
    b = deelnemer_for(request, pk)
    if b.is_gesloten:
        return _gesloten(request, b)
    kaart = Inbreng.objects.filter(pk=id_uit(request.POST, "inbreng") or 0, blok__bijeenkomst=b).first()
    if kaart is None:
        raise Http404
    try:
        services.stem_uitbrengen(inbreng=kaart, user=request.user)
        melding = _("Je stem is geteld.")
        status = 200
    except services.StemmenOp:
        melding, status = _("Je stemmen zijn op."), 409
    except services.AlGestemd:
        melding, status = _("Je hebt al op deze kaart gestemd."), 409
    except services.InvoerDicht:
        melding, status = _("Stemmen kan nu niet: de vraag is dicht."), 409
    if request.htmx:
        return _live_response(request, b, "deelnemer", melding=melding, status=status)
    (messages.success if status == 200 else messages.error)(request, melding)
    return redirect("bijeenkomsten:deelnemer", pk=b.pk)


def _live_template(scherm):
    return (
        "bijeenkomsten/presentatie.html#live"
        if scherm == "presentatie"
        else "bijeenkomsten/deelnemer_live.html"
    )


def _mijn_stemmen(b, user) -> dict:
    """The one personal part of the participant's live region: their votes in the current block."""
    blok = _huidig(b)
    if blok is None:
        return {"mijn_stemmen": set(), "stemmen_over": 0, "blok": None}
    mijn = set(
        Stem.objects.filter(inbreng__blok=blok, user=user, op_papier=False).values_list(
            "inbreng_id", flat=True
        )
    )
    return {"mijn_stemmen": mijn, "stemmen_over": max(blok.stemmen_per_persoon - len(mijn), 0), "blok": blok}


def _live_response(request, b, scherm, *, melding="", status=200, vers=False):
    """The live region for htmx. A poll (gedeeld) renders what everyone sees once per version."""
    if not vers:
        b.refresh_from_db()
    if melding:
        context = _live_context(b, _huidig(b), scherm=scherm, user=request.user)
        context["melding"] = melding
        html = render_to_string(_live_template(scherm), context, request=request)
    else:
        html = live.gedeeld(
            b.pk,
            b.code,
            b.versie,
            scherm,
            get_language(),
            lambda: render_to_string(
                _live_template(scherm), {**_live_context(b, _huidig(b), scherm=scherm), "gedeeld": True}
            ),
        )
        huidig = _huidig(b)
        if scherm == "deelnemer" and huidig is not None and huidig.neemt_invoer:
            # The personal part (own votes) replaces a placeholder in the shared part.
            html += render_to_string(
                "bijeenkomsten/deelnemer.html#mijn", {**_mijn_stemmen(b, request.user), "oob": True}
            )
    response = HttpResponse(html, status=status)
    response["ETag"] = live.etag(b.pk, b.versie, scherm)
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def poll(request, pk):
    """The live region, polled every 2 s. Unchanged: 304 without touching session or user.

    Deliberately no @login_required: the signed token stands in for it on the cheap path,
    and a changed version goes through the normal authentication below.
    """
    token = live.read_token(request.GET.get("t", ""), pk)
    if token is None:
        raise Http404
    version = live.current_version(pk)
    if version is None:
        raise Http404
    tag = live.etag(pk, version, token.scherm)
    if request.headers.get("If-None-Match") == tag:
        response = HttpResponse(status=304)
        response["ETag"] = tag
        response["Cache-Control"] = "no-store"
        return response
    b = Bijeenkomst.objects.select_related("huidig_blok").filter(pk=pk).first()
    if b is None:
        raise Http404
    if b.is_gesloten:
        # htmx stops polling on this status; the region shows that the session ended.
        response = render(
            request,
            "bijeenkomsten/afgesloten.html#melding",
            {"bijeenkomst": b},
            status=HttpResponseStopPolling.status_code,
        )
        response["Cache-Control"] = "no-store"
        return response
    if not request.user.is_authenticated or request.user.pk != token.user_id:
        raise Http404
    try:
        live_toegang(request, b, token.scherm)
    except PermissionDenied as denied:
        raise Http404 from denied
    return _live_response(request, b, token.scherm, vers=True)


@require_http_methods(["GET", "POST"])
def code(request):
    """Type the code from the big screen."""
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            b = Bijeenkomst.objects.filter(code=form.cleaned_data["code"]).first()
            if b is None:
                form.add_error("code", _("Deze code kennen we niet. Kijk nog eens goed op het scherm."))
                status = 404
            elif b.is_gesloten:
                form.add_error("code", _("Deze bijeenkomst is al afgelopen. De code werkt niet meer."))
                status = 410
            else:
                return redirect("bijeenkomsten:join", code=b.code)
    return render(request, "bijeenkomsten/code.html", {"form": form}, status=status)


def _is_lid(request, b) -> bool:
    try:
        bijeenkomst_for(request, b.pk)
    except (Http404, PermissionDenied):
        return False
    return True


@require_http_methods(["GET", "POST"])
def join(request, code):
    """The link behind the QR code: members go straight in; guests give a first name."""
    b = Bijeenkomst.objects.filter(code=normalize_code(code)).first()
    if b is None:
        form = CodeForm(initial={"code": code})
        form.fields["code"].widget.attrs["aria-describedby"] = "code-fout"
        return render(request, "bijeenkomsten/code.html", {"form": form, "onbekend": True}, status=404)
    if b.is_gesloten:
        return _gesloten(request, b)
    is_gast = (
        request.user.is_authenticated
        and Deelname.objects.filter(bijeenkomst=b, user=request.user, is_gast=True).exists()
    )
    if is_gast or (request.user.is_authenticated and _is_lid(request, b)):
        return redirect("bijeenkomsten:deelnemer", pk=b.pk)
    form = GastForm(request.POST or None) if b.gasten_toegestaan else None
    if request.method == "POST":
        if form is None:
            return render(request, "bijeenkomsten/join.html", {"bijeenkomst": b, "form": None}, status=403)
        if form.is_valid():
            try:
                gast = services.gast_aanmaken(bijeenkomst=b, voornaam=form.cleaned_data["voornaam"])
            except services.Gesloten:
                return _gesloten(request, b)
            login(request, gast, backend="django.contrib.auth.backends.ModelBackend")
            # Logged in for this browser session only.
            request.session.set_expiry(0)
            return redirect("bijeenkomsten:deelnemer", pk=b.pk)
        return render(request, "bijeenkomsten/join.html", {"bijeenkomst": b, "form": form}, status=400)
    return render(request, "bijeenkomsten/join.html", {"bijeenkomst": b, "form": form})


# -- the report -----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def verslag(request, pk):
    b = _with_people(bijeenkomst_for(request, pk))
    mag_schrijven = b.rol == Rol.BEGELEIDER or (b.verslaggever_id == request.user.pk)
    form = VerslagForm(request.POST or None, instance=b) if mag_schrijven else None
    if request.method == "POST":
        if not mag_schrijven:
            raise PermissionDenied
        if form.is_valid():
            services.verslag_opslaan(bijeenkomst=b, **form.cleaned_data)
            messages.success(request, _("Het verslag is opgeslagen."))
            return redirect("bijeenkomsten:verslag", pk=b.pk)
    blokken = list(
        Blok.objects.filter(bijeenkomst=b).prefetch_related(
            Prefetch(
                "inbreng",
                queryset=Inbreng.objects.annotate(aantal_stemmen=Count("stemmen")).order_by(
                    "-aantal_stemmen", "aangemaakt_op", "pk"
                ),
            )
        )
    )
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
            "deelnemers": Deelname.objects.filter(bijeenkomst=b).count(),
        },
        status=400 if request.method == "POST" else 200,
    )
