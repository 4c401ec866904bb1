"""Small form helpers every app shares."""

from django import forms
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from trajecten import inloggen

# The largest id any of our tables hands out (PostgreSQL's bigint); larger input is no id.
MAX_ID = 2**63 - 1


def id_uit(data, naam: str) -> int | None:
    """The positive id posted under `naam`, or None when it is missing or not an id.

    Views read ids of related rows this way, so "abc", "-1" or a 30-digit number posted by a
    crawler or a stale form answers 400/404 instead of reaching the database as a 500.
    """
    veld = forms.IntegerField(min_value=1, max_value=MAX_ID, required=False)
    try:
        return veld.clean(data.get(naam))
    except ValidationError:
        return None


class WachtwoordBevestigingMixin:
    """For an action that cannot be undone: the person confirms with their current password.

    The password is checked through `authenticate`, so django-axes counts a wrong one as a
    failed login (trajecten/inloggen.py) and a locked account cannot confirm. An account
    without a usable password (a guest of a live session) has none to give: it ticks a box.
    The form takes the request: `Form(data, request=request)`.
    """

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        if request.user.has_usable_password():
            self.fields["wachtwoord"] = forms.CharField(
                label=_("Je wachtwoord"),
                help_text=_("Dit kan niet ongedaan worden gemaakt. Daarom vragen we je wachtwoord."),
                strip=False,
                max_length=4096,
                widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
                error_messages={"required": _("Vul je wachtwoord in om te bevestigen.")},
            )
        else:
            self.fields["bevestiging"] = forms.BooleanField(
                label=_("Ja, ik weet dat dit niet ongedaan kan worden gemaakt."),
                error_messages={"required": _("Vink aan dat je dit echt wilt.")},
            )

    def clean_wachtwoord(self):
        wachtwoord = self.cleaned_data["wachtwoord"]
        user = self.request.user
        gevonden = authenticate(self.request, username=user.get_username(), password=wachtwoord)
        if inloggen.is_geblokkeerd(self.request):
            raise ValidationError(inloggen.melding(self.request, user.get_username()), code="locked")
        if gevonden is None or gevonden.pk != user.pk:
            raise ValidationError(_("Dit wachtwoord klopt niet."), code="fout_wachtwoord")
        return wachtwoord


class Bevestiging(WachtwoordBevestigingMixin, forms.Form):
    """An irreversible action that asks nothing but the confirmation."""
