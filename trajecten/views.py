from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language

from . import taal
from .access import BEGELEIDER, organisatie_for, team_for, traject_for
from .forms import AccountForm, LidWordenForm, LoginForm, TeamForm, TrajectForm, UitnodigingForm
from .herstel import herstelbare_leden
from .models import Lidmaatschap, Organisatie, Perspectief, Rol, Team, Traject, Uitnodiging
from .registries import progress_for, progress_sources, signals_for, traject_links
from .services import UitnodigingOnbruikbaar, traject_starten, uitnodiging_aanmaken


@require_POST
def taal_kiezen(request):
    """Django's language switch, which also remembers the choice for a logged-in account."""
    response = set_language(request)
    taal.keuze_opslaan(request, request.POST.get("language", ""))
    return response


class LoginView(auth_views.LoginView):
    """Django's login; django-axes counts the failures and answers a lock with 429
    (trajecten/inloggen.py), this page shows it with the username kept."""

    form_class = LoginForm
    redirect_authenticated_user = True

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


@login_required
@require_http_methods(["GET"])
def mijn_teams(request):
    teams = (
        Team.objects.visible_to(request.user)
        .select_related("organisatie")
        .prefetch_related(Prefetch("trajecten", queryset=Traject.objects.order_by("-startdatum")))
        .order_by("organisatie__naam", "naam")
    )
    rollen = dict(Lidmaatschap.objects.filter(user=request.user).values_list("team_id", "rol"))
    geleid = list(request.user.geleide_organisaties.all())
    geleid_ids = {o.pk for o in geleid}
    for team in teams:
        team.rol = rollen.get(team.pk) or (Rol.LEIDINGGEVENDE if team.organisatie_id in geleid_ids else None)
        team.rol_label = Rol(team.rol).label if team.rol else ""
    return render(request, "trajecten/mijn_teams.html", {"teams": teams, "organisaties": geleid})


@login_required
@require_http_methods(["GET"])
def team_detail(request, pk):
    return _render_team(request, team_for(request, pk))


def _render_team(request, team, *, uitnodiging_form=None, team_form=None, status=200):
    leden = team.lidmaatschappen.select_related("user").order_by("rol", "user__first_name")
    uitnodigingen, herstelbaar = [], set()
    if team.rol == Rol.BEGELEIDER:
        herstelbaar = set(herstelbare_leden(team, request.user).values_list("pk", flat=True))
        uitnodigingen = team.uitnodigingen.select_related("aangemaakt_door").prefetch_related("leden__user")
        team_form = team_form or TeamForm(instance=team)
    return render(
        request,
        "trajecten/team.html",
        {
            "team": team,
            "leden": leden,
            "trajecten": team.trajecten.all(),
            "uitnodigingen": uitnodigingen,
            "herstelbaar": herstelbaar,
            "uitnodiging_form": uitnodiging_form
            or (UitnodigingForm() if team.rol == Rol.BEGELEIDER else None),
            "team_form": team_form,
            "perspectieven_zonder_ervaring": not any(
                lid.perspectief in (Perspectief.ERVARINGSDESKUNDIGE, Perspectief.CLIENT, Perspectief.FAMILIE)
                for lid in leden
            ),
        },
        status=status,
    )


@login_required
@require_POST
def team_bewerken(request, pk):
    team = team_for(request, pk, roles=BEGELEIDER)
    form = TeamForm(request.POST, instance=Team.objects.get(pk=team.pk))
    if form.is_valid():
        form.save()
        messages.success(request, _("De teamgegevens zijn opgeslagen."))
        return redirect(team)
    return _render_team(request, team, team_form=form, status=400)


@login_required
@require_POST
def uitnodiging_nieuw(request, pk):
    team = team_for(request, pk, roles=BEGELEIDER)
    form = UitnodigingForm(request.POST)
    if not form.is_valid():
        return _render_team(request, team, uitnodiging_form=form, status=400)
    uitnodiging_aanmaken(
        team=team,
        door=request.user,
        rol=form.cleaned_data["rol"],
        max_gebruik=form.cleaned_data["max_gebruik"],
        verloopt_op=form.verloopt_op(),
    )
    messages.success(request, _("De uitnodigingslink is gemaakt. Kopieer de link hieronder en deel hem."))
    return redirect(reverse("trajecten:team", args=[team.pk]) + "#uitnodigingen")


@login_required
@require_POST
def uitnodiging_intrekken(request, pk, uitnodiging_pk):
    team = team_for(request, pk, roles=BEGELEIDER)
    uitnodiging = get_object_or_404(Uitnodiging, pk=uitnodiging_pk, team=team)
    Uitnodiging.objects.filter(pk=uitnodiging.pk, ingetrokken_op__isnull=True).update(
        ingetrokken_op=timezone.now()
    )
    messages.success(request, _("De uitnodiging is ingetrokken. De link werkt niet meer."))
    return redirect(reverse("trajecten:team", args=[team.pk]) + "#uitnodigingen")


def _uitnodiging_ongeldig(request, reden, status):
    return render(request, "trajecten/uitnodiging_ongeldig.html", {"reden": reden}, status=status)


@require_http_methods(["GET", "POST"])
def uitnodiging(request, token):
    """Follow an invite link: log in or create an account, then become a member."""
    uitnodiging = Uitnodiging.objects.select_related("team__organisatie").filter(token=token).first()
    if uitnodiging is None:
        return _uitnodiging_ongeldig(request, "onbekend", status=404)
    if not uitnodiging.is_bruikbaar:
        return _uitnodiging_ongeldig(request, uitnodiging.reden_onbruikbaar, status=410)
    team = uitnodiging.team
    user = request.user if request.user.is_authenticated else None
    if user is not None and team.lidmaatschappen.filter(user=user).exists():
        messages.info(request, _("Je bent al lid van dit team."))
        return redirect(team)
    form_class = LidWordenForm if user is not None else AccountForm
    form = form_class(request.POST or None, initial={"perspectief": uitnodiging.standaard_perspectief})
    if request.method == "POST" and form.is_valid():
        try:
            lid = form.aanmelden(uitnodiging=uitnodiging, user=user)
        except UitnodigingOnbruikbaar:
            return _uitnodiging_ongeldig(request, "opgebruikt", status=410)
        if lid is not None:
            if user is None:
                login(request, lid.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welkom! Je bent nu lid van %(team)s.") % {"team": team.naam})
            return redirect(team)
    return render(
        request,
        "trajecten/uitnodiging.html",
        {"uitnodiging": uitnodiging, "team": team, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def traject_nieuw(request, pk):
    team = team_for(request, pk, roles=BEGELEIDER)
    form = TrajectForm(
        request.POST or None,
        team=team,
        initial={"startdatum": timezone.localdate(), "begeleiders": [request.user.pk]},
    )
    if request.method == "POST" and form.is_valid():
        traject = traject_starten(team=team, **form.cleaned_data)
        messages.success(request, _("Het traject is aangemaakt."))
        return redirect(traject)
    return render(
        request,
        "trajecten/traject_form.html",
        {"team": team, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def traject_bewerken(request, pk):
    traject = traject_for(request, pk, roles=BEGELEIDER)
    form = TrajectForm(request.POST or None, instance=traject, team=traject.team)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Het traject is opgeslagen."))
        return redirect(traject)
    return render(
        request,
        "trajecten/traject_form.html",
        {"team": traject.team, "traject": traject, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET"])
def traject_detail(request, pk):
    traject = traject_for(request, pk)
    per_bron = progress_for([traject])[traject.pk]
    voortgang = [(bron, per_bron[bron.key]) for bron in progress_sources()]
    return render(
        request,
        "trajecten/traject.html",
        {
            "traject": traject,
            "team": traject.team,
            "begeleiders": traject.begeleiders.all(),
            "links": traject_links(traject.rol),
            "voortgang": voortgang,
            "signalen": signals_for(traject),
        },
    )


@login_required
@require_http_methods(["GET"])
def organisatie_detail(request, pk):
    organisatie = organisatie_for(request, pk)
    teams = organisatie.teams.prefetch_related("trajecten").order_by("naam")
    return render(
        request,
        "trajecten/organisatie.html",
        {"organisatie": organisatie, "teams": teams, "team_form": TeamForm()},
    )


@login_required
@require_POST
def team_nieuw(request, pk):
    organisatie = organisatie_for(request, pk)
    form = TeamForm(request.POST)
    if form.is_valid():
        team = form.save(commit=False)
        team.organisatie = organisatie
        team.save()
        messages.success(request, _("Het team is aangemaakt."))
        return redirect(organisatie_detail_url(organisatie))
    teams = organisatie.teams.prefetch_related("trajecten").order_by("naam")
    return render(
        request,
        "trajecten/organisatie.html",
        {"organisatie": organisatie, "teams": teams, "team_form": form},
        status=400,
    )


def organisatie_detail_url(organisatie: Organisatie) -> str:
    return reverse("trajecten:organisatie", args=[organisatie.pk])
