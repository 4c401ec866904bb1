"""Taking part: team members and guests join with the code and answer on their phones."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cocreatie.formulieren import id_uit
from trajecten import zichtbaarheid

from .. import selectors, services
from ..access import bijeenkomst_for, deelnemer_for
from ..forms import CodeForm, GastForm, InbrengForm
from ..models import Bijeenkomst, Blok, Deelname, Inbreng, normalize_code
from .eigen import eigen_context
from .gedeeld import gesloten, poll_url
from .poll import live_response


def _render_deelnemer(request, b, *, form=None, status=200, melding=""):
    context = selectors.live_regio(b, scherm="deelnemer", user=request.user)
    blok = context["blok"]
    context.update(
        {
            "form": form or InbrengForm(initial={"blok": blok.pk if blok else None}),
            "poll_url": poll_url(b, request.user, "deelnemer"),
            "melding": melding,
            **eigen_context(request, b),
        }
    )
    return render(request, "bijeenkomsten/deelnemer.html", context, status=status)


@login_required
@require_GET
def deelnemer(request, pk):
    b = deelnemer_for(request, pk)
    if b.is_gesloten:
        return gesloten(request, b)
    services.deelnemen(bijeenkomst=b, user=request.user)
    return _render_deelnemer(request, b)


@login_required
@require_POST
def inbreng(request, pk):
    b = deelnemer_for(request, pk)
    if b.is_gesloten:
        return gesloten(request, b)
    form = InbrengForm(request.POST)
    if not form.is_valid():
        return _inbreng_antwoord(request, b, form, status=400)
    blok = Blok.objects.filter(pk=form.cleaned_data["blok"], bijeenkomst=b).first()
    if blok is None:
        form.add_error(None, _("Deze vraag hoort niet bij deze bijeenkomst."))
        return _inbreng_antwoord(request, b, form, status=400)
    try:
        kaart, _nieuw = services.inbreng_toevoegen(
            blok=blok,
            tekst=form.cleaned_data["tekst"],
            auteur=request.user,
            sleutel=form.cleaned_data["sleutel"],
            anoniem=form.cleaned_data["anoniem"],
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
    except ValidationError as refused:
        # The exercise refused the card (too long, empty): so does the session, text kept.
        form.add_error("tekst", refused.messages)
        return _inbreng_antwoord(request, b, form, status=400)
    return _verstuurd(request, b, kaart)


def _verstuurd(request, b, kaart):
    # This browser alone can find the card again (to change or withdraw it), also once the
    # begeleider has wiped the names: a receipt, as for anonymous exercise contributions.
    zichtbaarheid.onthoud(request, [kaart.pk], "i")
    if kaart.bijdrage_id:
        zichtbaarheid.onthoud(request, [kaart.bijdrage_id], "b")
    if request.htmx:
        response = render(request, "bijeenkomsten/deelnemer.html#verstuurd", {})
        # A bare event name, not django_htmx's trigger_client_event (which sends JSON):
        # the test pins this exact header.
        response["HX-Trigger"] = "inbreng-verstuurd"
        return zichtbaarheid.bewaar(request, response)
    messages.success(request, _("Je antwoord is verstuurd."))
    return zichtbaarheid.bewaar(request, redirect("bijeenkomsten:deelnemer", pk=b.pk))


def _inbreng_antwoord(request, b, form, *, status):
    if request.htmx:
        return render(request, "bijeenkomsten/deelnemer.html#fouten", {"form": form}, status=status)
    return _render_deelnemer(request, b, form=form, status=status)


@login_required
@require_POST
def stem(request, pk):
    b = deelnemer_for(request, pk)
    if b.is_gesloten:
        return gesloten(request, b)
    kaart = Inbreng.objects.filter(pk=id_uit(request.POST, "inbreng") or 0, blok__bijeenkomst=b).first()
    if kaart is None:
        raise Http404
    try:
        services.stem_uitbrengen(inbreng=kaart, user=request.user)
        melding, status = _("Je stem is geteld."), 200
    except services.StemmenOp:
        melding, status = _("Je stemmen zijn op."), 409
    except services.AlGestemd:
        melding, status = _("Je hebt al op deze kaart gestemd."), 409
    except services.InvoerDicht:
        melding, status = _("Stemmen kan nu niet: de vraag is dicht."), 409
    if request.htmx:
        return live_response(request, b, "deelnemer", melding=melding, status=status)
    (messages.success if status == 200 else messages.error)(request, melding)
    return redirect("bijeenkomsten:deelnemer", pk=b.pk)


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


def _is_al_binnen(request, b) -> bool:
    """A guest of this session, or a member of its trajectory: straight to the participant page."""
    if not request.user.is_authenticated:
        return False
    is_gast = Deelname.objects.filter(bijeenkomst=b, user=request.user, is_gast=True).exists()
    return is_gast or _is_lid(request, b)


@require_http_methods(["GET", "POST"])
def join(request, code):
    """The link behind the QR code: members go straight in; guests give a first name."""
    b = Bijeenkomst.objects.filter(code=normalize_code(code)).first()
    if b is None:
        form = CodeForm(initial={"code": code})
        form.fields["code"].widget.attrs["aria-describedby"] = "code-fout"
        return render(request, "bijeenkomsten/code.html", {"form": form, "onbekend": True}, status=404)
    if b.is_gesloten:
        return gesloten(request, b)
    if _is_al_binnen(request, b):
        return redirect("bijeenkomsten:deelnemer", pk=b.pk)
    form = GastForm(request.POST or None) if b.gasten_toegestaan else None
    if request.method == "POST":
        if form is None:
            return render(request, "bijeenkomsten/join.html", {"bijeenkomst": b, "form": None}, status=403)
        if form.is_valid():
            try:
                gast = services.gast_aanmaken(bijeenkomst=b, voornaam=form.cleaned_data["voornaam"])
            except services.Gesloten:
                return gesloten(request, b)
            login(request, gast, backend="django.contrib.auth.backends.ModelBackend")
            # Logged in for this browser session only.
            request.session.set_expiry(0)
            return redirect("bijeenkomsten:deelnemer", pk=b.pk)
        return render(request, "bijeenkomsten/join.html", {"bijeenkomst": b, "form": form}, status=400)
    return render(request, "bijeenkomsten/join.html", {"bijeenkomst": b, "form": form})
