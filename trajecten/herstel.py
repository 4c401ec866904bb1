"""Getting back in: a begeleider's one-time password link, and the reset by e-mail.

A begeleider of a team makes a link for one of its teamleden (shown as a link and a QR code,
handed over in the room); it works once, for 30 minutes, and a newer link replaces it. The
member chooses a new password (Django's SetPasswordForm), which ends their other sessions, and
is told at their next login who reset it and when. A person with an e-mail address uses
Django's own reset views instead. Both are throttled through the shared cache.
"""

import hashlib

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.signals import user_logged_in
from django.core.cache import cache
from django.db.models import Exists, OuterRef
from django.dispatch import receiver
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from cocreatie.qr import qr_svg

from . import inloggen
from .access import BEGELEIDER, team_for
from .models import Lidmaatschap, Organisatie, Rol, WachtwoordHerstel, herstel_token_hash
from .services import (
    HerstelOnbruikbaar,
    herstel_aanmaken,
    herstel_gebruiken,
    herstel_melden,
    herstel_meldingen_afhalen,
)
from .weergave import weergavenaam

UUR = 60 * 60
# Links one begeleider may make per hour.
LINKS_PER_BEGELEIDER = 10
# Reset mails asked for per e-mail address, and per client address (an office or a care
# home often shares one address, so that limit is higher).
MAILS_PER_EMAIL = 5
MAILS_PER_ADRES = 20


def te_vaak(sleutel: str, limiet: int, venster: int = UUR) -> bool:
    """Count one more attempt under `sleutel`; True once there were more than `limiet` in the
    window (which starts at the first attempt). The cache is shared by every app process."""
    key = "herstel:" + hashlib.sha256(sleutel.encode()).hexdigest()
    cache.add(key, 0, venster)
    try:
        aantal = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, venster)
        aantal = 1
    return aantal > limiet


def herstelbare_leden(team, door):
    """The memberships of `team` whose password its begeleider `door` may reset.

    Only teamleden with a password of their own (not guests), who hold no wider role anywhere
    (begeleider or leidinggevende in any team, leading an organisation, staff): a reset must
    not become a way into an account that sees more than the begeleider does. Never `door`.
    """
    ruimere_rol = Lidmaatschap.objects.filter(
        user=OuterRef("user"), rol__in=[Rol.BEGELEIDER, Rol.LEIDINGGEVENDE]
    )
    leidt = Organisatie.leidinggevenden.through.objects.filter(user=OuterRef("user"))
    return (
        Lidmaatschap.objects.filter(
            team=team,
            rol=Rol.TEAMLID,
            user__is_active=True,
            user__is_staff=False,
            user__is_superuser=False,
        )
        .exclude(user=door)
        .exclude(user__password__startswith=UNUSABLE_PASSWORD_PREFIX)
        .exclude(Exists(ruimere_rol))
        .exclude(Exists(leidt))
    )


@login_required
@require_POST
def herstel_nieuw(request, pk, lid_pk):
    """A begeleider makes a password link for a member; the token is shown only on this page."""
    team = team_for(request, pk, roles=BEGELEIDER)
    lid = get_object_or_404(herstelbare_leden(team, request.user).select_related("user"), pk=lid_pk)
    if te_vaak(f"links:{request.user.pk}", LINKS_PER_BEGELEIDER):
        return render(request, "trajecten/herstel_te_vaak.html", {"team": team}, status=429)
    herstel, token = herstel_aanmaken(door=request.user, voor=lid.user)
    link = request.build_absolute_uri(reverse("trajecten:herstel", args=[token]))
    naam = weergavenaam(lid.user)
    response = render(
        request,
        "trajecten/herstel_link.html",
        {
            "team": team,
            "lid": lid,
            "naam": naam,
            "link": link,
            "qr": qr_svg(
                link, _("QR-code met de link voor een nieuw wachtwoord voor %(naam)s") % {"naam": naam}
            ),
            "verloopt_op": herstel.verloopt_op,
        },
    )
    response["Cache-Control"] = "no-store"
    return response


def _ongeldig(request, reden: str, status: int):
    return render(request, "trajecten/herstel_ongeldig.html", {"reden": reden}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def herstel(request, token):
    """The member follows the link, chooses a new password and is logged in."""
    herstel = (
        WachtwoordHerstel.objects.select_related("voor").filter(token_hash=herstel_token_hash(token)).first()
    )
    if herstel is None:
        return _ongeldig(request, "onbekend", 404)
    if herstel.reden_onbruikbaar:
        return _ongeldig(request, herstel.reden_onbruikbaar, 410)
    form = SetPasswordForm(herstel.voor, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = herstel_gebruiken(herstel=herstel, wachtwoord=form.cleaned_data["new_password1"])
        except HerstelOnbruikbaar:
            return _ongeldig(request, "gebruikt", 410)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        herstel_melden(herstel=herstel)
        messages.success(
            request,
            _("Je nieuwe wachtwoord is opgeslagen en je bent ingelogd. Je gebruikersnaam is %(naam)s.")
            % {"naam": user.get_username()},
        )
        return redirect("trajecten:mijn_teams")
    return render(
        request,
        "trajecten/herstel.html",
        {"form": form, "voor": herstel.voor},
        status=400 if request.method == "POST" else 200,
    )


class WachtwoordVergetenView(auth_views.PasswordResetView):
    """Django's reset by e-mail, throttled per e-mail address and per client address.

    Every valid request counts, whether or not an account has that address, so neither the
    neutral page nor the 429 tells anyone whether an account exists.
    """

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        per_adres = te_vaak(f"mail-adres:{inloggen.client_ip(self.request) or ''}", MAILS_PER_ADRES)
        if te_vaak(f"mail-email:{email}", MAILS_PER_EMAIL) or per_adres:
            form.add_error(
                None, _("Je hebt te vaak een nieuw wachtwoord gevraagd. Probeer het over een uur opnieuw.")
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


@receiver(user_logged_in, dispatch_uid="trajecten.herstel.melden_na_login")
def melden_na_login(sender, request, user, **kwargs):
    """At the login after a begeleider's reset, say once who reset the password and when."""
    if request is None or not hasattr(request, "_messages"):
        return  # a login without a page to show it on (tests' force_login): keep it for later
    for herstel in herstel_meldingen_afhalen(user=user):
        moment = timezone.localtime(herstel.gebruikt_op)
        gegevens = {"datum": date_format(moment, "j F"), "tijd": time_format(moment, "H:i")}
        if herstel.aangemaakt_door is None:
            tekst = _("Je wachtwoord is op %(datum)s om %(tijd)s opnieuw ingesteld via een begeleider.")
        else:
            gegevens["naam"] = weergavenaam(herstel.aangemaakt_door)
            tekst = _(
                "Je wachtwoord is op %(datum)s om %(tijd)s opnieuw ingesteld via %(naam)s (begeleider)."
            )
        nadruk = _("Was jij dit niet? Zeg het tegen je begeleider of leidinggevende.")
        messages.warning(request, f"{tekst % gegevens} {nadruk}")
