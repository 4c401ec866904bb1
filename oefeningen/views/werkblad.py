"""The exercise page's context and the answer every exercise view ends with.

`respond` renders the page, or for htmx its `werkblad` partial plus the status badge and a
polite announcement out of band; `done` answers a successful write (the partial for htmx,
post/redirect/get otherwise); `gesloten` refuses input to a finished exercise (409).
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cocreatie.meldingen import met_melding
from trajecten import registries, zichtbaarheid
from trajecten.models import Rol
from trajecten.registries import exercise_use_sources

from .. import selectors, services
from ..forms import BijdrageForm, ClusterForm, TekstForm
from ..models import Achterhouden, Bijdrage, Cluster, Oefening, OefeningStatus
from ..soorten import auteur_naam

SCHRIJVERS = frozenset({Rol.BEGELEIDER, Rol.TEAMLID})
PAGE = "oefeningen/oefening.html"


def oefening_of_404(slug) -> Oefening:
    return get_object_or_404(Oefening.objects.select_related("hoofdstuk"), slug=slug)


def bijdrage_of_404(traject, oefening, bijdrage_pk) -> Bijdrage:
    # Scoped to this trajectory: a card of another team is simply not found (404).
    return get_object_or_404(
        Bijdrage.objects.select_related("oefening", "traject"),
        pk=bijdrage_pk,
        traject=traject,
        oefening=oefening,
    )


def anoniem_bewijs(request, traject, oefening, status=None) -> frozenset[int]:
    """The anonymous contributions this browser may still change: while the exercise is open."""
    bewijs = zichtbaarheid.bewijs(request)
    if not bewijs:
        return bewijs
    status = status or selectors.status_van(traject, oefening)
    return bewijs if status.status != OefeningStatus.Status.AFGEROND else frozenset()


def _bijdragen(request, traject, oefening, *, verborgen: bool, status) -> tuple[list[Bijdrage], list]:
    """What this viewer sees, each with its links, name, rights and (for kaarten) own dot;
    and (reason, how many) of what the begeleider held back from this viewer."""
    bewijs = anoniem_bewijs(request, traject, oefening, status)  # the browser's anonymous cards
    moderator = traject.rol == Rol.BEGELEIDER
    # Read with what was held back (one query); others' held-back ones only count, below.
    alle = selectors.zichtbare_bijdragen(
        traject, oefening, kijker=request.user, verborgen=verborgen, bewijs=bewijs, moderator=True
    )
    zicht = zichtbaarheid.inzage(alle, kijker_id=request.user.pk, bewijs=bewijs, moderator=moderator)
    mijn = _mijn_stemmen(request, traject, oefening)
    base = oefening.url(traject)
    for b in zicht.getoond:
        b.url = f"{base}bijdragen/{b.pk}/"
        b.stemmen_label = ngettext("%(n)s stem", "%(n)s stemmen", b.aantal_stemmen) % {"n": b.aantal_stemmen}
        b.mag_wijzigen = services.mag_wijzigen(b, request.user, traject.rol, bewijs=bewijs)
        b.is_eigen = b.auteur_id == request.user.pk and not b.namens_groep
        b.naam = zichtbaarheid.getoonde_naam(
            auteur_naam(b),
            van_kijker_anoniem=b.is_anoniem and b.pk in bewijs,
            screening=moderator and status.verborgen and not b.is_eigen,
        )
        b.mijn_stem = mijn is not None and b.pk in mijn
    return zicht.getoond, zicht.achtergehouden


def _mijn_stemmen(request, traject, oefening) -> set[int] | None:
    """The viewer's own dots, for those who vote on an exercise with dots; else None."""
    kind = oefening.kind
    if not (kind.stemmen and kind.stemmen_per_persoon(oefening) > 0 and traject.rol in SCHRIJVERS):
        return None
    return selectors.mijn_stemmen(traject=traject, oefening=oefening, kiezer=request.user)


def _formulieren(traject, oefening, bijdragen, tekst, *, focus, form=None, tekst_form=None, conflict=None):
    """The input form of this kind (or the shared text form), with focus for after an htmx swap."""
    kind = oefening.kind
    if form is None and not kind.gedeelde_tekst:
        eigen = [b for b in bijdragen if b.is_eigen]
        initial = kind.form_initial(eigen) if kind.antwoord_per_persoon else None
        form = BijdrageForm(oefening=oefening, rol=traject.rol, initial=initial)
    if tekst_form is None and kind.gedeelde_tekst:
        tekst_form = TekstForm(oefening=oefening, initial={"tekst": tekst.tekst, "versie": tekst.versie})
    if tekst_form is not None and not conflict:
        tekst_form.fields["tekst"].widget.attrs["data-focus-after-swap"] = ""
    if form is not None and focus is None and form.fields:
        # After an htmx swap, focus returns to the input (app.js) for the next card.
        erg = next((n for n in form.fields if n in form.errors), None) or next(iter(form.fields))
        form.fields[erg].widget.attrs["data-focus-after-swap"] = ""
    return form, tekst_form


def _groepen(traject, oefening, team) -> tuple[list[Cluster], list[dict]]:
    """The clusters of a kind that has them, and the cards per cluster (ungrouped last)."""
    if not oefening.kind.clusters:
        return [], []
    clusters = list(Cluster.objects.filter(traject=traject, oefening=oefening))
    per_cluster = team["per_cluster"]
    groepen = [{"cluster": c, "kaarten": per_cluster.get(c.pk, [])} for c in clusters]
    groepen.append({"cluster": None, "kaarten": per_cluster.get(None, [])})
    return clusters, groepen


def _stemmen(request, traject, oefening, bijdragen) -> dict:
    """Whether this exercise has dots, and how many the viewer has left of their limit."""
    kind = oefening.kind
    stemmen = kind.stemmen and kind.stemmen_per_persoon(oefening) > 0
    over = 0
    if stemmen and traject.rol in SCHRIJVERS:
        mijn = {b.pk for b in bijdragen if b.mijn_stem}
        over = selectors.stemmen_over(traject=traject, oefening=oefening, kiezer=request.user, mijn=mijn)
    limiet = kind.stemmen_per_persoon(oefening) if stemmen else 0
    return {"stemmen": stemmen, "stemmen_over": over, "stemmen_limiet": limiet}


def _kader(oefening) -> dict:
    """The exercise's chapter, and where other apps use its result (e.g. a plan decision)."""
    return {"hoofdstuk": oefening.hoofdstuk, "gebruikt_in": registries.plan_feeds(oefening.slug)}


def pagina_context(request, traject, oefening, *, cluster_form=None, focus=None, **formulieren):
    """Everything the page and its partials show; `formulieren`: form, tekst_form, conflict."""
    kind = oefening.kind
    status = selectors.status_van(traject, oefening)
    is_begeleider = traject.rol == Rol.BEGELEIDER
    verborgen = status.verborgen and not is_begeleider
    bijdragen, achtergehouden = _bijdragen(request, traject, oefening, verborgen=verborgen, status=status)
    tekst = selectors.tekst_ophalen(traject, oefening) if kind.gedeelde_tekst else None
    perspectieven = selectors.perspectieven_van(traject) if kind.per_perspectief else {}
    kan_schrijven = traject.rol in SCHRIJVERS and status.status != OefeningStatus.Status.AFGEROND
    form, tekst_form = formulieren.get("form"), formulieren.get("tekst_form")
    if kan_schrijven:
        form, tekst_form = _formulieren(traject, oefening, bijdragen, tekst, focus=focus, **formulieren)
    team = kind.aggregate(oefening, bijdragen, perspectieven=perspectieven, tekst=tekst)
    clusters, groepen = _groepen(traject, oefening, team)
    return {
        "traject": traject,
        "oefening": oefening,
        **_kader(oefening),
        "kind": kind,
        "status": status,
        "is_begeleider": is_begeleider,
        "verborgen": verborgen,
        "focus": focus,
        "kan_schrijven": kan_schrijven,
        "form": form,
        "tekst": tekst,
        "tekst_form": tekst_form,
        "conflict": formulieren.get("conflict"),
        "team": team,
        "bijdragen": bijdragen,
        "eigen_bijdragen": [b for b in bijdragen if b.is_eigen],
        "groepen": groepen,
        "clusters": clusters,
        "cluster_form": cluster_form or (ClusterForm() if is_begeleider and kind.clusters else None),
        "is_complete": kind.is_complete(oefening, bijdragen, tekst),
        "vraag_verwijderen": _("Weet je zeker dat je dit wilt verwijderen?"),
        **_stemmen(request, traject, oefening, bijdragen),
        **_zichtbaarheid(kind, bijdragen, is_begeleider=is_begeleider, achtergehouden=achtergehouden),
    }


def _zichtbaarheid(kind, bijdragen, *, is_begeleider, achtergehouden):
    """The small-group minimum for the page's words, the begeleider's list of single answers,
    and what was held back from this viewer (reason, how many)."""
    losse = zichtbaarheid.losse_antwoorden(kind, bijdragen) if is_begeleider else []
    return {
        "groep_minimum": zichtbaarheid.minimum(),
        "losse_antwoorden": losse,
        "achtergehouden": achtergehouden,
        "redenen_achterhouden": Achterhouden.choices if is_begeleider else [],
    }


def gebruik_van(traject, oefening) -> list[tuple[str, list]]:
    """Where this exercise's results are used (the apps' hub entries): [(heading, uses)]."""
    return [
        (source.heading, uses)
        for source in exercise_use_sources()
        if (uses := source.uses(traject, oefening.slug))
    ]


def respond(request, traject, oefening, *, status=200, melding="", **kwargs):
    context = pagina_context(request, traject, oefening, **kwargs)
    if request.htmx:
        html = render_to_string(f"{PAGE}#werkblad", context, request=request)
        # The status badge sits outside the swapped part: a first card turns it to "Bezig".
        html += render_to_string(f"{PAGE}#statusbadge", {**context, "oob": True}, request=request)
        response = met_melding(HttpResponse(html, status=status), request, melding, fout=status >= 400)
    else:
        response = render(
            request, PAGE, {**context, "gebruik": gebruik_van(traject, oefening)}, status=status
        )
    patch_vary_headers(response, ["HX-Request"])
    return response


def done(request, traject, oefening, melding: str, anchor: str = "werkblad", focus=None):
    """Success: the fresh partial for htmx, a redirect (post/redirect/get) otherwise."""
    if request.htmx:
        return respond(request, traject, oefening, melding=melding, focus=focus)
    messages.success(request, melding)
    return redirect(f"{oefening.url(traject)}#{anchor}")


def gesloten(request, traject, oefening):
    if selectors.status_van(traject, oefening).status == OefeningStatus.Status.AFGEROND:
        melding = _("Deze oefening is afgerond. De begeleider kan haar weer openzetten.")
        if request.htmx:
            return respond(request, traject, oefening, status=409, melding=melding)
        messages.error(request, melding)
        return respond(request, traject, oefening, status=409)
    return None
