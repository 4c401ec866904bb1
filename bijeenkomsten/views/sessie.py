"""Running the session: the begeleider's big screen and its controls."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cocreatie.formulieren import id_uit
from cocreatie.qr import qr_svg
from trajecten.access import BEGELEIDER

from .. import selectors, services
from ..access import bijeenkomst_for
from ..forms import PapierForm, SluitenForm
from ..models import Bijeenkomst, Blok, Inbreng
from .gedeeld import INTERACTIEREGELS, poll_url
from .poll import live_response


@login_required
@require_GET
def presentatie(request, pk):
    b = bijeenkomst_for(request, pk, roles=BEGELEIDER)
    if b.is_gesloten:
        messages.info(request, _("Deze bijeenkomst is afgesloten. Hier is het verslag."))
        return redirect("bijeenkomsten:verslag", pk=b.pk)
    return _render_presentatie(request, b)


def _render_presentatie(request, b, *, papier_form=None, status=200):
    context = selectors.live_regio(b, scherm="presentatie")
    blok = context["blok"]
    join_url = request.build_absolute_uri(reverse("bijeenkomsten:join", args=[b.code]))
    context.update(
        {
            "traject": b.traject,
            "join_url": join_url,
            "qr": qr_svg(join_url, _("QR-code om mee te doen")),
            "regels": INTERACTIEREGELS,
            "poll_url": poll_url(b, request.user, "presentatie"),
            "papier_form": papier_form or PapierForm(initial={"blok": blok.pk if blok else None}),
            "sluiten_form": SluitenForm(instance=b),
        }
    )
    return render(request, "bijeenkomsten/presentatie.html", context, status=status)


def _naar_presentatie(b):
    return redirect("bijeenkomsten:presentatie", pk=b.pk)


@login_required
@require_POST
def starten(request, pk):
    b = bijeenkomst_for(request, pk, roles=BEGELEIDER)
    if b.status == Bijeenkomst.Status.GEPLAND:
        services.starten(bijeenkomst=b)
    return _naar_presentatie(b)


def _naar_blok(request, b, actie, verwacht):
    try:
        doel = services.naar_blok(bijeenkomst=b, richting=actie, verwacht_blok_id=verwacht)
    except services.AanDeRand:
        messages.info(
            request, _("Dit is het laatste blok.") if actie == "volgende" else _("Dit is het eerste blok.")
        )
        return _naar_presentatie(b)
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
    return _naar_presentatie(b)


def _schakelaar_zetten(request, b, veld, verwacht):
    blok = Blok.objects.get(pk=b.huidig_blok_id)
    if verwacht and verwacht != blok.pk:
        messages.warning(request, _("Het blok was al veranderd. Kijk en kies opnieuw."))
        return _render_presentatie(request, b, status=409)
    services.blok_zetten(blok=blok, veld=veld, waarde=request.POST.get("waarde") == "1")
    return _naar_presentatie(b)


@login_required
@require_POST
def bediening(request, pk):
    """Next/previous block, and the switches of the current block (input, results, anonymous)."""
    b = bijeenkomst_for(request, pk, roles=BEGELEIDER)
    actie = request.POST.get("actie", "")
    if b.status != Bijeenkomst.Status.ACTIEF:
        messages.error(request, _("De bijeenkomst is niet bezig. Start haar eerst."))
        return _naar_presentatie(b)
    verwacht = id_uit(request.POST, "verwacht")
    if actie in ("volgende", "vorige"):
        return _naar_blok(request, b, actie, verwacht)
    veld = actie.removeprefix("zet_")
    if veld in services.BLOK_SCHAKELAARS and b.huidig_blok_id:
        return _schakelaar_zetten(request, b, veld, verwacht)
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
    if request.POST.get("terug") == "planning":
        return redirect(b)
    return _naar_presentatie(b)


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
    except ValidationError as refused:
        form.add_error("tekst", refused.messages)
        return _render_presentatie(request, b, papier_form=form, status=400)
    messages.success(request, _("Het papiertje staat erbij."))
    return _naar_presentatie(b)


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
        return _naar_presentatie(b)
    if request.htmx:
        return live_response(request, b, "presentatie")
    messages.success(request, _("De stem op papier is geteld."))
    return _naar_presentatie(b)


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
