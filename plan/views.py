import io
import json
import zipfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from cocreatie.exports import csv_tekst
from trajecten.access import BEGELEIDER, BEGELEIDER_OF_LEIDINGGEVENDE, traject_for
from trajecten.registries import traject_exports

from . import bronnen, pdf, services
from .forms import ActieForm, BesluitForm, HerzieningForm, RisicoForm
from .models import Actie, Besluit, Onderwerp, PlanVersie
from .secties import bouw_plan


def _plan_url(traject, anchor=""):
    return reverse("plan:plan", args=[traject.pk]) + (f"#{anchor}" if anchor else "")


@login_required
@require_http_methods(["GET"])
def plan(request, pk):
    traject = traject_for(request, pk)
    mag_downloaden = traject.rol in BEGELEIDER_OF_LEIDINGGEVENDE
    plan = bouw_plan(traject, request=request, interactief=True)
    return render(
        request,
        "plan/plan.html",
        {
            "traject": traject,
            "team": traject.team,
            "plan": plan,
            "mag_downloaden": mag_downloaden,
            # Versions are never deleted: the next number tells how many there are.
            "aantal_versies": plan.versie - 1,
        },
    )


def _pdf_response(data: bytes, traject, nummer: int) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    naam = slugify(f"plan-van-aanpak-{traject.team.naam}-v{nummer}") or "plan-van-aanpak"
    response["Content-Disposition"] = f'attachment; filename="{naam}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def plan_pdf(request, pk):
    """Render the plan as PDF, keep it as the next plan version and hand it over."""
    traject = traject_for(request, pk, roles=BEGELEIDER_OF_LEIDINGGEVENDE)
    data = pdf.plan_pdf(traject)
    versie = services.plan_versie_opslaan(
        traject=traject, door=request.user, pdf=data, inhoud=services.snapshot(traject)
    )
    return _pdf_response(data, traject, versie.nummer)


@login_required
@require_http_methods(["GET"])
def versies(request, pk):
    traject = traject_for(request, pk, roles=BEGELEIDER_OF_LEIDINGGEVENDE)
    lijst = list(traject.plan_versies.defer("pdf").select_related("gemaakt_door"))
    vergelijking = None
    oud_nr, nieuw_nr = request.GET.get("oud"), request.GET.get("nieuw")
    fout = ""
    if oud_nr or nieuw_nr:
        per_nummer = {str(v.nummer): v for v in lijst}
        oud, nieuw = per_nummer.get(oud_nr or ""), per_nummer.get(nieuw_nr or "")
        if oud is None or nieuw is None:
            fout = _("Kies twee versies die bestaan.")
        else:
            if oud.nummer > nieuw.nummer:
                oud, nieuw = nieuw, oud
            vergelijking = {
                "oud": oud,
                "nieuw": nieuw,
                "wijzigingen": _met_labels(services.vergelijk(oud.snapshot, nieuw.snapshot)),
            }
    return render(
        request,
        "plan/versies.html",
        {
            "traject": traject,
            "team": traject.team,
            "versies": lijst,
            "vergelijking": vergelijking,
            "fout": fout,
        },
        status=400 if fout else 200,
    )


VELD_LABELS = {
    "tekst": gettext_lazy("besluit"),
    "eigenaar": gettext_lazy("eigenaar"),
    "datum": gettext_lazy("datum van het besluit"),
    "herzien_op": gettext_lazy("herzien op"),
    "wat": gettext_lazy("wat"),
    "wie": gettext_lazy("wie"),
    "wanneer": gettext_lazy("wanneer klaar"),
    "status": gettext_lazy("status"),
    "risico": gettext_lazy("risico"),
    "reactie": gettext_lazy("onze reactie"),
}


def _met_labels(wijzigingen):
    onderwerpen = dict(Onderwerp.choices)
    statussen = dict(Actie.Status.choices)
    for w in wijzigingen:
        for veld in w["velden"]:
            if veld["veld"] == "status":
                veld["voor"] = statussen.get(veld["voor"], veld["voor"])
                veld["na"] = statussen.get(veld["na"], veld["na"])
            veld["label"] = VELD_LABELS.get(veld["veld"], veld["veld"])
        item = w.get("na") or w.get("voor") or {}
        if w["soort"] == "besluiten":
            w["label"] = _("Besluit: %(onderwerp)s") % {"onderwerp": onderwerpen.get(w["key"], w["key"])}
        elif w["soort"] == "acties":
            w["label"] = _("Actie")
        else:
            w["label"] = _("Risico")
        w["tekst"] = item.get("wat") or item.get("tekst") or item.get("risico") or ""
    return wijzigingen


@login_required
@require_http_methods(["GET"])
def versie_pdf(request, pk, nummer):
    traject = traject_for(request, pk, roles=BEGELEIDER_OF_LEIDINGGEVENDE)
    versie = get_object_or_404(PlanVersie, traject=traject, nummer=nummer)
    return _pdf_response(bytes(versie.pdf), traject, versie.nummer)


@login_required
@require_http_methods(["GET", "POST"])
def besluit(request, pk, onderwerp):
    traject = traject_for(request, pk, roles=BEGELEIDER)
    if onderwerp not in Onderwerp.values:
        raise Http404
    instance = services.besluit_voor(traject, onderwerp)
    form = BesluitForm(request.POST or None, instance=instance, traject=traject)
    if request.method == "POST" and form.is_valid():
        form.save()
        traject.touch()
        messages.success(request, _("Het besluit is opgeslagen."))
        return redirect(_plan_url(traject, f"besluit-{onderwerp}"))
    voeding = bronnen.voeding(bronnen.antwoorden(traject), onderwerp)
    return render(
        request,
        "plan/besluit_form.html",
        {"traject": traject, "team": traject.team, "form": form, "besluit": instance, "voeding": voeding},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def actie_nieuw(request, pk):
    traject = traject_for(request, pk, roles=BEGELEIDER)
    return _actie_formulier(request, traject, Actie(traject=traject), _("De actie is toegevoegd."))


@login_required
@require_http_methods(["GET", "POST"])
def actie(request, pk, actie_pk):
    traject = traject_for(request, pk, roles=BEGELEIDER)
    instance = get_object_or_404(Actie, pk=actie_pk, traject=traject)
    return _actie_formulier(request, traject, instance, _("De actie is opgeslagen."))


def _actie_formulier(request, traject, instance, melding):
    """The action form, new or existing: saved and back to the plan, or shown again with a 400."""
    form = ActieForm(request.POST or None, instance=instance, traject=traject)
    if request.method == "POST" and form.is_valid():
        form.save()
        traject.touch()
        messages.success(request, melding)
        return redirect(_plan_url(traject, "sectie-acties"))
    context = {"traject": traject, "team": traject.team, "form": form}
    if instance.pk:
        context["actie"] = instance
    return render(request, "plan/actie_form.html", context, status=400 if request.method == "POST" else 200)


def _kaart_or_404(traject, raw):
    try:
        kaart_id = int(raw)
    except (TypeError, ValueError):
        raise Http404 from None
    kaart = bronnen.kaart(traject, kaart_id)
    if kaart is None:
        raise Http404
    return kaart


@login_required
@require_POST
def actie_van_kaart(request, pk):
    """One step: a compass card becomes an action (a second click changes nothing)."""
    traject = traject_for(request, pk, roles=BEGELEIDER)
    kaart = _kaart_or_404(traject, request.POST.get("kaart"))
    actie, nieuw = services.actie_van_kaart(traject=traject, kaart=kaart)
    if nieuw:
        traject.touch()
        messages.success(
            request, _("De kaart staat nu als actie in het plan. Vul in wie het doet en wanneer.")
        )
    else:
        messages.info(request, _("Van deze kaart is al een actie gemaakt."))
    return redirect(_plan_url(traject, "sectie-acties"))


@login_required
@require_http_methods(["GET", "POST"])
def risico(request, pk, kaart_id):
    traject = traject_for(request, pk, roles=BEGELEIDER)
    kaart = _kaart_or_404(traject, kaart_id)
    if kaart.richting != "west":
        raise Http404
    instance = traject.plan_risicos.filter(kaart_id=kaart.id).first()
    form = RisicoForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        risico = instance or services.risico_voor_kaart(traject=traject, kaart=kaart)
        risico.reactie = form.cleaned_data["reactie"]
        risico.save(update_fields=["reactie"])
        traject.touch()
        messages.success(request, _("De reactie op dit risico is opgeslagen."))
        return redirect(_plan_url(traject, "sectie-risicos"))
    return render(
        request,
        "plan/risico_form.html",
        {"traject": traject, "team": traject.team, "form": form, "kaart": kaart},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def herziening(request, pk, soort, obj_pk):
    traject = traject_for(request, pk, roles=BEGELEIDER)
    model = {"besluit": Besluit, "actie": Actie}.get(soort)
    if model is None:
        raise Http404
    obj = get_object_or_404(model, pk=obj_pk, traject=traject)
    form = HerzieningForm(request.POST or None, initial={"datum": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        services.herziening_vastleggen(
            traject=traject,
            **{soort: obj},  # besluit=... or actie=...: the model map above allows only these two
            wat_gebeurde=form.cleaned_data["wat_gebeurde"],
            volgende=form.cleaned_data["volgende"],
            door=request.user,
        )
        messages.success(request, _("De herziening is vastgelegd."))
        return redirect(_plan_url(traject, "sectie-herzieningen"))
    return render(
        request,
        "plan/herziening_form.html",
        {"traject": traject, "team": traject.team, "form": form, "object": obj, "soort": soort},
        status=400 if request.method == "POST" else 200,
    )


def _export_tabellen(traject):
    return [(export, export.rows(traject)) for export in traject_exports()]


def _export_naam(traject, ext):
    stamp = timezone.localdate().isoformat()
    return f"{slugify(traject.team.naam) or 'traject'}-{traject.pk}-{stamp}.{ext}"


@login_required
@require_http_methods(["GET"])
def export_json(request, pk):
    traject = traject_for(request, pk, roles=BEGELEIDER_OF_LEIDINGGEVENDE)
    data = {
        "traject": {
            "id": traject.pk,
            "titel": traject.titel,
            "team": traject.team.naam,
            "organisatie": traject.team.organisatie.naam,
            "startdatum": traject.startdatum.isoformat(),
            "status": traject.status,
            "geexporteerd_op": timezone.now().isoformat(),
        },
        "tabellen": {
            export.key: {"label": str(export.label), "rijen": rows}
            for export, rows in _export_tabellen(traject)
        },
    }
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{_export_naam(traject, "json")}"'
    return response


@login_required
@require_http_methods(["GET"])
def export_csv(request, pk):
    """One CSV file per table, together in a zip (UTF-8 with BOM, so Excel reads accents)."""
    traject = traject_for(request, pk, roles=BEGELEIDER_OF_LEIDINGGEVENDE)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for export, rows in _export_tabellen(traject):
            velden = list(rows[0]) if rows else []
            archive.writestr(
                f"{export.key}.csv", csv_tekst(velden, ([row.get(v) for v in velden] for row in rows))
            )
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{_export_naam(traject, "zip")}"'
    return response
