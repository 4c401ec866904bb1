"""A participant's own cards in the current block: change or withdraw them while the session runs.

An anonymous card has no author stored; the browser that sent it holds its receipt
(trajecten.zichtbaarheid), so only that browser finds it again. Someone else's card, or one
this browser has no receipt for, is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from trajecten import zichtbaarheid

from .. import selectors, services
from ..access import deelnemer_for
from ..forms import EigenKaartForm
from ..models import Inbreng
from .gedeeld import gesloten


def eigen_context(request, b, *, fout_bij=None, form=None) -> dict:
    """The own-cards part of the participant page (one query)."""
    blok = selectors.huidig_blok(b)
    kaarten = selectors.eigen_kaarten(blok, request.user, zichtbaarheid.bewijs(request, "i"))
    for kaart in kaarten:
        kaart.form = (
            form
            if fout_bij == kaart.pk
            else EigenKaartForm(initial={"tekst": kaart.inhoud}, auto_id=auto_id(kaart))
        )
    return {"bijeenkomst": b, "eigen_kaarten": kaarten, "open": not b.is_gesloten}


def auto_id(kaart) -> str:
    return f"id_k{kaart.pk}_%s"  # several of these forms on one page


def _eigen(request, b, **kwargs):
    status = kwargs.pop("status", 200)
    context = eigen_context(request, b, **kwargs)
    return render(request, "bijeenkomsten/deelnemer.html#eigen", context, status=status)


@login_required
@require_GET
def mijn_kaarten(request, pk):
    """The list again after a send (htmx); without htmx, the participant page holds it."""
    b = deelnemer_for(request, pk)
    if not request.htmx:
        return redirect("bijeenkomsten:deelnemer", pk=b.pk)
    b.huidig_blok = selectors.huidig_blok(b)
    return _eigen(request, b)


@login_required
@require_POST
def mijn_kaart(request, pk, kaart_pk):
    b = deelnemer_for(request, pk)
    kaart = (
        Inbreng.objects.filter(pk=kaart_pk, blok__bijeenkomst=b, op_papier=False)
        .select_related("blok", "bijdrage")
        .first()
    )
    if kaart is None or not zichtbaarheid.is_eigen(
        kaart, request.user.pk, zichtbaarheid.bewijs(request, "i")
    ):
        raise Http404
    bewijs = zichtbaarheid.bewijs(request, "b")
    form = EigenKaartForm(request.POST, auto_id=auto_id(kaart))
    try:
        if request.POST.get("actie") == "intrekken":
            services.inbreng_intrekken(inbreng=kaart, door=request.user, bewijs=bewijs)
            melding = _("Je antwoord is ingetrokken.")
        elif form.is_valid():
            services.inbreng_wijzigen(
                inbreng=kaart, tekst=form.cleaned_data["tekst"], door=request.user, bewijs=bewijs
            )
            melding = _("Je antwoord is aangepast.")
        else:
            return _eigen(request, b, fout_bij=kaart.pk, form=form, status=400)
    except services.Gesloten:
        return gesloten(request, b)
    except ValidationError as refused:
        form.add_error("tekst", refused.messages)
        return _eigen(request, b, fout_bij=kaart.pk, form=form, status=400)
    if request.htmx:
        return _eigen(request, b)
    messages.success(request, melding)
    return redirect("bijeenkomsten:deelnemer", pk=b.pk)
