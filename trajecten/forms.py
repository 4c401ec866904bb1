from datetime import timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import inloggen
from .models import Lidmaatschap, Perspectief, Rol, Team, Traject, Uitnodiging
from .services import lid_worden
from .weergave import weergavenaam


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Deze combinatie van gebruikersnaam en wachtwoord klopt niet. "
            "Let op hoofdletters en kleine letters."
        ),
        "inactive": _("Dit account is niet actief."),
    }

    def get_invalid_login_error(self):
        # django-axes refused the attempt (or this failure set a lock): say so, not "wrong".
        if inloggen.is_geblokkeerd(self.request):
            return forms.ValidationError(
                inloggen.melding(self.request, self.cleaned_data.get("username", "")), code="locked"
            )
        return super().get_invalid_login_error()


class TeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ["naam", "sector"]


class TrajectForm(forms.ModelForm):
    class Meta:
        model = Traject
        fields = ["titel", "startdatum", "status", "begeleiders"]
        widgets = {
            "startdatum": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "begeleiders": forms.CheckboxSelectMultiple,
        }
        help_texts = {"begeleiders": _("Kies de begeleiders van dit traject.")}

    def __init__(self, *args, team: Team, **kwargs):
        super().__init__(*args, **kwargs)
        User = get_user_model()
        self.fields["begeleiders"].queryset = User.objects.filter(
            lidmaatschappen__team=team, lidmaatschappen__rol=Rol.BEGELEIDER
        ).order_by("first_name", "username")
        self.fields["begeleiders"].label_from_instance = weergavenaam
        self.fields["begeleiders"].required = False


class UitnodigingForm(forms.Form):
    rol = forms.ChoiceField(label=_("Rol"), choices=Rol.choices, initial=Rol.TEAMLID)
    max_gebruik = forms.IntegerField(
        label=_("Hoeveel mensen mogen deze link gebruiken?"),
        min_value=1,
        max_value=100,
        initial=1,
    )
    dagen_geldig = forms.IntegerField(
        label=_("Hoeveel dagen is de link geldig?"), min_value=1, max_value=60, initial=14
    )

    def verloopt_op(self):
        return timezone.now() + timedelta(days=self.cleaned_data["dagen_geldig"])


class LidWordenForm(forms.Form):
    perspectief = forms.ChoiceField(
        label=_("Vanuit welk perspectief doe je mee?"),
        choices=Perspectief.choices,
        help_text=_("Dit zien de andere teamleden. Je kunt het later laten aanpassen."),
    )

    def aanmelden(self, *, uitnodiging: Uitnodiging, user) -> Lidmaatschap:
        """Make the logged-in person a member (raises UitnodigingOnbruikbaar when it is too late)."""
        return lid_worden(uitnodiging=uitnodiging, user=user, perspectief=self.cleaned_data["perspectief"])


class AccountForm(UserCreationForm):
    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    perspectief = LidWordenForm.base_fields["perspectief"]

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ["first_name", "username"]
        help_texts = {"username": _("Hiermee log je in. Letters, cijfers en @ . + - _")}

    def aanmelden(self, *, uitnodiging: Uitnodiging, user=None) -> Lidmaatschap | None:
        """Create the account and make it a member; None (with an error on the form) when the
        username was taken a moment earlier, and then nothing was written."""
        account = {
            "username": self.cleaned_data["username"],
            "password": self.cleaned_data["password1"],
            "first_name": self.cleaned_data["first_name"],
        }
        try:
            return lid_worden(
                uitnodiging=uitnodiging, account=account, perspectief=self.cleaned_data["perspectief"]
            )
        except IntegrityError:
            self.add_error("username", _("Deze gebruikersnaam is al in gebruik. Kies een andere."))
            return None
