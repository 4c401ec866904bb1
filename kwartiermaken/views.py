from collections import Counter, defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from cocreatie.exports import csv_tekst
from trajecten.access import BEGELEIDER, BEGELEIDER_OF_LEIDINGGEVENDE, organisatie_for, traject_for
from trajecten.models import Rol, Traject
from trajecten.registries import Progress

from . import progress, rules, services
from .forms import BesluitForm, CoalitieLidForm, FaseStartForm, ScanForm, StapForm, StapStatusForm
from .models import (
    Besluit,
    CoalitieLid,
    Fase,
    FaseStart,
    ScanAntwoord,
    ScanAntwoordKeuze,
    ScanRonde,
    ScanVraag,
    Stap,
    StapStatus,
    StapVoortgang,
)
from .progress import bestaande_oefeningen, tracker_context

LEIDINGGEVENDE = frozenset({Rol.LEIDINGGEVENDE})


def _traject_url(traject, anchor=""):
    return reverse("kwartiermaken:traject", args=[traject.pk]) + anchor


def _in_volgorde(slugs, titels):
    return [(slug, titels[slug]) for slug in slugs if slug in titels]


def _fase_2_gestart(traject) -> FaseStart | None:
    return FaseStart.objects.filter(traject=traject, fase__nummer=2).select_related("gestart_door").first()


def _tracker(request, traject, *, template="kwartiermaken/traject.html", extra=None, status=200):
    context = tracker_context(traject)
    coalitie = list(CoalitieLid.objects.filter(traject=traject))
    traject._kwartiermaken_coalitie = coalitie
    besluiten = list(Besluit.objects.filter(traject=traject))
    fase_2_start = _fase_2_gestart(traject)
    context.update(
        {
            "traject": traject,
            "team": traject.team,
            "besluit": besluiten[0] if besluiten else None,
            "besluiten": besluiten,
            "fase_2_start": fase_2_start,
            "coalitie": coalitie,
            "signalen": [s for rule in rules.RULES for s in rule(traject)],
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
        fase_2_gestart=_fase_2_gestart(traject) is not None,
    )
    if form.is_valid():
        v = services.stap_status_zetten(traject=traject, stap=stap, **form.cleaned_data)
        melding = _("“%(stap)s” is nu: %(status)s.") % {
            "stap": stap.titel_vertaald,
            "status": v.get_status_display(),
        }
        fout = False
        status = 200
    else:
        melding = form.errors["status"][0] if "status" in form.errors else _("Dat ging niet goed.")
        fout = True
        status = 400
    if not request.htmx:
        if fout:  # the whole page again, with the message on top and status 400; nothing stored
            messages.error(request, melding)
            return _tracker(request, traject, status=400)
        messages.success(request, melding)
        return redirect(_traject_url(traject, f"#stap-{stap.slug}"))
    response = _tracker(
        request,
        traject,
        template="kwartiermaken/traject.html#tracker",
        extra={"melding": melding, "fout": fout, "focus_stap": stap.slug},
        status=status,
    )
    response.content += render_to_string(
        "kwartiermaken/traject.html#melding", {"melding": melding, "fout": fout}, request=request
    ).encode()
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_http_methods(["GET", "POST"])
def stap(request, pk, slug):
    traject = traject_for(request, pk, roles=BEGELEIDER)
    stap = get_object_or_404(Stap.objects.select_related("fase"), slug=slug)
    voortgang = StapVoortgang.objects.filter(traject=traject, stap=stap).first()
    initial = {}
    if voortgang:
        initial = {
            "status": voortgang.status,
            "reden": voortgang.reden,
            "eigenaar": voortgang.eigenaar_id,
            "streefdatum": voortgang.streefdatum,
            "notities": voortgang.notities,
        }
    form = StapForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        traject=traject,
        stap=stap,
        fase_2_gestart=_fase_2_gestart(traject) is not None,
    )
    if request.method == "POST" and form.is_valid():
        services.stap_bijwerken(traject=traject, stap=stap, **form.cleaned_data)
        messages.success(request, _("De stap “%(stap)s” is opgeslagen.") % {"stap": stap.titel_vertaald})
        return redirect(_traject_url(traject, f"#stap-{stap.slug}"))
    return render(
        request,
        "kwartiermaken/stap.html",
        {
            "traject": traject,
            "team": traject.team,
            "stap": stap,
            "form": form,
            "oefeningen": _in_volgorde(stap.oefeningen, bestaande_oefeningen(stap.oefeningen)),
        },
        status=400 if request.method == "POST" else 200,
    )


# -- readiness scan -----------------------------------------------------------


# Decoration only (the numbers are in the table): colour-blind-safe blue/orange scheme.
BALK_KLEUREN = {
    ScanAntwoordKeuze.JA: "#0a58ca",
    ScanAntwoordKeuze.DEELS: "#6ea8fe",
    ScanAntwoordKeuze.NEE: "#b35806",
    ScanAntwoordKeuze.WEET_NIET: "#adb5bd",
}
ORDE = {ScanAntwoordKeuze.JA: 2, ScanAntwoordKeuze.DEELS: 1, ScanAntwoordKeuze.NEE: 0}


def scan_overzicht(traject, vragen, rondes):
    """Per question: the spread in the current and the previous round, and how people moved.

    Two queries at most, whatever the number of members or questions.
    """
    huidige = rondes[-1] if rondes else None
    vorige = rondes[-2] if len(rondes) > 1 else None
    gekozen = [r.pk for r in (vorige, huidige) if r]
    antwoorden = list(
        ScanAntwoord.objects.filter(ronde_id__in=gekozen).only(
            "ronde_id", "vraag_id", "user_id", "antwoord", "toelichting"
        )
    )
    spreiding = defaultdict(Counter)
    per_persoon = defaultdict(dict)
    toelichtingen = defaultdict(list)
    for a in antwoorden:
        spreiding[(a.ronde_id, a.vraag_id)][a.antwoord] += 1
        per_persoon[(a.vraag_id, a.user_id)][a.ronde_id] = a.antwoord
        if a.ronde_id == (huidige.pk if huidige else None) and a.toelichting:
            toelichtingen[a.vraag_id].append(a.toelichting)
    rijen = []
    for vraag in vragen:
        nu = spreiding[(huidige.pk, vraag.pk)] if huidige else Counter()
        toen = spreiding[(vorige.pk, vraag.pk)] if vorige else Counter()
        beweging = Counter()
        if vorige:
            for (vraag_id, _user), per_ronde in per_persoon.items():
                if vraag_id != vraag.pk or len(per_ronde) < 2:
                    continue
                a, b = ORDE.get(per_ronde[vorige.pk]), ORDE.get(per_ronde[huidige.pk])
                if a is None or b is None:
                    beweging["onbekend"] += 1
                else:
                    beweging["beter" if b > a else "slechter" if b < a else "gelijk"] += 1
        aantal = sum(nu.values())
        balk, x = [], 0
        for key, _label in ScanAntwoordKeuze.choices:
            breedte = round(200 * nu[key] / aantal) if aantal else 0
            if breedte:
                balk.append({"x": x, "breedte": breedte, "kleur": BALK_KLEUREN[key]})
            x += breedte
        rijen.append(
            {
                "balk": balk,
                "vraag": vraag,
                "keuzes": [
                    {"label": label, "nu": nu[key], "toen": toen[key]}
                    for key, label in ScanAntwoordKeuze.choices
                ],
                "aantal": aantal,
                "beweging": beweging,
                "toelichtingen": toelichtingen[vraag.pk],
            }
        )
    ingevuld = len({a.user_id for a in antwoorden if huidige and a.ronde_id == huidige.pk})
    return {"huidige": huidige, "vorige": vorige, "rijen": rijen, "ingevuld": ingevuld}


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
            "overzicht": scan_overzicht(traject, vragen, rondes),
            "aantal_leden": traject.team.lidmaatschappen.count(),
            "rondes": rondes,
            "besluit": progress.laatste_besluit(traject),
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
    form = BesluitForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.besluit_vastleggen(traject=traject, door=request.user, **form.cleaned_data)
        messages.success(request, _("Het besluit is vastgelegd."))
        return redirect(_traject_url(traject, "#besluit"))
    return render(
        request,
        "kwartiermaken/besluit.html",
        {
            "traject": traject,
            "team": traject.team,
            "form": form,
            "besluiten": list(Besluit.objects.filter(traject=traject)),
        },
        status=400 if request.method == "POST" else 200,
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
    start = _fase_2_gestart(traject)
    if start is not None:
        messages.info(request, _("Fase 2 is al gestart."))
        return redirect(_traject_url(traject, "#fase-2"))
    besluit = progress.laatste_besluit(traject)
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
    leden = list(CoalitieLid.objects.filter(traject=traject))
    traject._kwartiermaken_coalitie = leden
    signalen = [
        s
        for rule in (rules.geen_senior_ed, rules.geen_management, rules.ed_als_projectleider)
        for s in rule(traject)
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


def overzicht_rijen(organisatie, sortering: str):
    """One row per trajectory of the organisation (teams without one get an empty row).

    Eight queries, whatever the number of teams.
    """
    # Only the columns the overview shows: with 200 teams, building fewer fields counts.
    teams = list(organisatie.teams.only("id", "naam", "organisatie_id").order_by("naam"))
    trajecten = list(
        Traject.objects.filter(team__organisatie=organisatie)
        .only("id", "team_id", "titel", "startdatum", "laatst_actief")
        .order_by("team_id", "-startdatum")
    )
    fasen = progress.fasen_met_aantal()
    standen = progress.fase_standen(trajecten, fasen, organisatie=organisatie)
    besluiten = progress.laatste_besluiten(trajecten, organisatie=organisatie)
    starts = progress.fase_2_starts(trajecten, organisatie=organisatie)
    te_laat = progress.te_laat_per_traject(organisatie)
    met_scan = progress.met_scanantwoorden(organisatie)
    per_team = defaultdict(list)
    for t in trajecten:
        per_team[t.team_id].append(t)
    rijen = []
    for team in teams:
        team_url = team.get_absolute_url()
        for t in per_team[team.pk] or [None]:
            s = standen[t.pk] if t else []
            totaal = progress.totaal(s) if t else Progress(0, 0)
            huidige = progress.huidige_fase(s) if t else None
            besluit = besluiten.get(t.pk) if t else None
            start = starts.get(t.pk) if t else None
            rijen.append(
                {
                    # objects, for the CSV and for sorting
                    "team": team,
                    "traject": t,
                    "standen": s,
                    "totaal": totaal,
                    "huidige_fase": huidige,
                    "besluit": besluit,
                    "fase_2_start": start,
                    "laatst_actief": t.laatst_actief if t else None,
                    # flat values for the page: 200 rows render much faster from plain dicts
                    "team_naam": team.naam,
                    "team_url": team_url,
                    "traject_titel": t.titel if t else "",
                    "traject_url": reverse("kwartiermaken:traject", args=[t.pk]) if t else "",
                    "fase_kort": huidige.kort if huidige else "",
                    "cellen": [
                        {"label": x.label, "percent": x.percent, "done": x.done, "total": x.total} for x in s
                    ],
                    "percent": totaal.percent,
                    "besluit_label": besluit.get_keuze_display() if besluit else "",
                    "zonder_go": bool(start and start.zonder_go),
                    "te_laat": te_laat.get(t.pk, 0) if t else 0,
                    "scan_zonder_besluit": bool(t and t.pk in met_scan and besluit is None),
                }
            )
    if sortering == "voortgang":
        rijen.sort(key=lambda r: (-r["totaal"].percent, r["team"].naam.lower()))
    elif sortering == "activiteit":
        oud = timezone.now().replace(year=1970)
        rijen.sort(key=lambda r: r["laatst_actief"] or oud, reverse=True)
    return fasen, rijen


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
    kop = [
        _("team"),
        _("traject"),
        *[f"{f.kort} (%)" for f in fasen],
        _("totaal (%)"),
        _("stappen klaar"),
        _("stappen totaal"),
        _("huidige fase"),
        _("besluit"),
        _("datum besluit"),
        _("fase 2 gestart zonder go"),
        _("stappen te laat"),
        _("laatst actief"),
    ]
    response.write(csv_tekst(kop, (_csv_rij(r, fasen) for r in rijen)))
    return response


def _csv_rij(r, fasen) -> list:
    met_traject = r["traject"] is not None
    return [
        r["team"].naam,
        r["traject"].titel if met_traject else "",
        *([s.percent for s in r["standen"]] or [""] * len(fasen)),
        r["totaal"].percent if met_traject else "",
        r["totaal"].done if met_traject else "",
        r["totaal"].total if met_traject else "",
        r["huidige_fase"].titel_vertaald if r["huidige_fase"] else "",
        r["besluit"].keuze if r["besluit"] else "",
        r["besluit"].datum.isoformat() if r["besluit"] else "",
        ("ja" if r["fase_2_start"].zonder_go else "nee") if r["fase_2_start"] else "",
        r["te_laat"] if met_traject else "",
        timezone.localtime(r["laatst_actief"]).isoformat(timespec="minutes") if r["laatst_actief"] else "",
    ]
