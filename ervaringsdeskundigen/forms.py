from datetime import timedelta
from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trajecten.models import Lidmaatschap, Organisatie, Traject
from trajecten.weergave import weergavenaam

from .models import (
    TOESTEMMING_TEKST,
    Ervaringsprofiel,
    Plek,
    Positie,
    RolBoek,
    RolHandreiking,
    Statuut,
    Werkveld,
    WervingStap,
)
from .privacy import inzage_kandidaten

# A start date further away than this asks for a confirmation.
VER_VERLEDEN = timedelta(days=365)
VER_TOEKOMST = timedelta(days=2 * 365)
MAX_UREN = Decimal(60)


def _naam(user) -> str:
    return weergavenaam(user)


class PersoonKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _naam(obj)


class PlekForm(forms.ModelForm):
    ervaringsdeskundige = PersoonKeuze(
        label=_("Wie vult deze plek in?"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Nog niemand: de plek is open (vacature)"),
        help_text=_("Alleen leden van dit team staan in de lijst."),
        error_messages={"invalid_choice": _("Kies iemand die lid is van dit team.")},
    )
    rollen_boek = forms.MultipleChoiceField(
        label=_("Rollen volgens ‘Ervaring werkt’"),
        choices=RolBoek.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    rollen_handreiking = forms.MultipleChoiceField(
        label=_("Rollen volgens de handreiking Kwartiermaken"),
        choices=RolHandreiking.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    werkvelden = forms.MultipleChoiceField(
        label=_("Werkvelden"), choices=Werkveld.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    uren_per_week = forms.DecimalField(
        label=_("Uren per week"),
        max_digits=3,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
        help_text=_("Meer dan 0 en hoogstens 60."),
        error_messages={
            "required": _("Vul in hoeveel uur per week dit werk is."),
            "invalid": _("Vul een getal in, bijvoorbeeld 16 of 4.5."),
            "max_digits": _("Vul een getal in van hoogstens 60."),
            "max_whole_digits": _("Vul een getal in van hoogstens 60."),
            "max_decimal_places": _("Gebruik hoogstens één cijfer achter de komma."),
        },
    )
    startdatum_bevestigd = forms.BooleanField(
        label=_("Ja, deze startdatum klopt"),
        required=False,
        help_text=_("Nodig als de datum meer dan een jaar geleden is, of meer dan twee jaar vooruit."),
    )
    tandem_partner = PersoonKeuze(
        label=_("Tandempartner"),
        queryset=get_user_model().objects.none(),
        required=False,
        help_text=_(
            "Een collega uit dezelfde organisatie, met wie de ervaringsdeskundige gelijkwaardig samenwerkt."
        ),
        error_messages={"invalid_choice": _("Kies een collega uit je eigen organisatie.")},
    )

    class Meta:
        model = Plek
        fields = [
            "titel",
            "ervaringsdeskundige",
            "rollen_boek",
            "rollen_handreiking",
            "werkvelden",
            "projectleider_eigen_functie",
            "statuut",
            "uren_per_week",
            "startdatum",
            "startdatum_bevestigd",
            "positie",
            "positie_team",
            "tandem_partner",
            "leidinggevende_naam",
            "maatje",
            "intervisie",
            "supervisie",
            "beroepsvereniging",
            "scholing",
            "scholing_toelichting",
            "pad_naar_betaald",
        ]
        widgets = {
            "startdatum": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "positie": forms.RadioSelect,
            "pad_naar_betaald": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"leidinggevende_naam": _("Naam van de leidinggevende")}
        help_texts = {
            "projectleider_eigen_functie": _(
                "De handreiking raadt dit af: projectleiding is een vak op zich, net als ervaringsdeskundigheid."
            ),
            "positie_team": _("Alleen nodig als de ervaringsdeskundige lid is van een bestaand team."),
            "leidinggevende_naam": _("Wie is formeel de leidinggevende?"),
            "maatje": _("Naam van het maatje of de mentor, als dat geregeld is."),
            "intervisie": _(
                "Bijvoorbeeld: intervisiegroep ervaringsdeskundigen regio Noord (4 tot 8 mensen)."
            ),
            "supervisie": _("Naam van de supervisor, als die er is."),
            "beroepsvereniging": _("Bijvoorbeeld: lid van een vereniging van ervaringsdeskundigen."),
            "pad_naar_betaald": _(
                "Bij vrijwillig werk of een werkervaringsplaats: hoe kan dit betaald werk worden?"
            ),
        }
        error_messages = {
            "titel": {"required": _("Geef de plek een functietitel.")},
            "statuut": {"required": _("Kies het statuut.")},
            "positie": {"required": _("Kies waar de ervaringsdeskundige komt te werken.")},
            "startdatum": {"invalid": _("Vul een datum in, bijvoorbeeld 1-3-2027.")},
        }

    def __init__(self, *args, traject: Traject, **kwargs):
        super().__init__(*args, **kwargs)
        self.traject = traject
        # A radio list needs no empty choice; selects get a Dutch prompt.
        self.fields["positie"].choices = Positie.choices
        self.fields["statuut"].choices = [("", _("Kies het statuut"))] + list(Statuut.choices)
        self.fields["tandem_partner"].empty_label = _("Geen tandem")
        User = get_user_model()
        self.fields["ervaringsdeskundige"].queryset = User.objects.filter(
            pk__in=Lidmaatschap.objects.filter(team=traject.team_id).values("user")
        ).order_by("first_name", "username")
        org_teams = Lidmaatschap.objects.filter(team__organisatie=traject.team.organisatie_id).values("user")
        org_leiding = Organisatie.leidinggevenden.through.objects.filter(
            organisatie=traject.team.organisatie_id
        ).values("user")
        self.fields["tandem_partner"].queryset = User.objects.filter(
            Q(pk__in=org_teams) | Q(pk__in=org_leiding)
        ).order_by("first_name", "username")

    def clean_uren_per_week(self):
        uren = self.cleaned_data["uren_per_week"]
        if uren <= 0:
            raise forms.ValidationError(_("Vul een aantal uren in dat groter is dan 0."))
        if uren > MAX_UREN:
            raise forms.ValidationError(
                _("Meer dan 60 uur per week kan niet. Vul het aantal uren per week in (hoogstens 60).")
            )
        return uren

    def clean(self):
        data = super().clean()
        startdatum = data.get("startdatum")
        # An unchanged date of an existing place was confirmed before.
        if startdatum and startdatum != self.instance.startdatum and not data.get("startdatum_bevestigd"):
            vandaag = timezone.localdate()
            if startdatum < vandaag - VER_VERLEDEN:
                self.add_error(
                    "startdatum",
                    _(
                        "Deze datum is meer dan een jaar geleden. Klopt dat? "
                        "Vink dan ‘Ja, deze startdatum klopt’ aan."
                    ),
                )
            elif startdatum > vandaag + VER_TOEKOMST:
                self.add_error(
                    "startdatum",
                    _(
                        "Deze datum is meer dan twee jaar vooruit. Klopt dat? "
                        "Vink dan ‘Ja, deze startdatum klopt’ aan."
                    ),
                )
        positie = data.get("positie")
        if positie == Positie.IN_TEAM and not data.get("positie_team", "").strip():
            self.add_error(
                "positie_team", _("Vul de naam in van het team waar de ervaringsdeskundige lid van is.")
            )
        if positie == Positie.TANDEM:
            if not data.get("tandem_partner") and "tandem_partner" not in self.errors:
                self.add_error(
                    "tandem_partner", _("Kies de collega met wie de ervaringsdeskundige een tandem vormt.")
                )
            elif data.get("tandem_partner") and data.get("tandem_partner") == data.get("ervaringsdeskundige"):
                self.add_error(
                    "tandem_partner", _("De tandempartner is een andere collega dan de ervaringsdeskundige.")
                )
        elif positie:
            data["tandem_partner"] = None
        if positie != Positie.IN_TEAM:
            data["positie_team"] = ""
        return data


class WervingStapForm(forms.ModelForm):
    class Meta:
        model = WervingStap
        fields = ["status"]
        error_messages = {"status": {"invalid_choice": _("Kies een status uit de lijst.")}}


class ProfielForm(forms.ModelForm):
    """The ED's own sensitive profile. Nothing is stored without consent."""

    toestemming = forms.BooleanField(label=TOESTEMMING_TEKST, required=False)

    class Meta:
        model = Ervaringsprofiel
        fields = ["ervaringsthema", "ervaringsverhaal"]
        widgets = {"ervaringsverhaal": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, heeft_toestemming: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.heeft_toestemming = heeft_toestemming
        if heeft_toestemming:
            del self.fields["toestemming"]

    def clean(self):
        data = super().clean()
        gevuld = [veld for veld in Ervaringsprofiel.GEVOELIGE_VELDEN if (data.get(veld) or "").strip()]
        if gevuld and not self.heeft_toestemming and not data.get("toestemming"):
            for veld in gevuld:
                self.add_error(
                    veld,
                    _(
                        "We bewaren dit alleen als je toestemming geeft. "
                        "Vink het vakje met de toestemming aan, of laat dit veld leeg."
                    ),
                )
            self.add_error("toestemming", _("Geef toestemming als je wilt dat we dit bewaren."))
        return data


class InzageForm(forms.Form):
    ontvanger = PersoonKeuze(
        label=_("Wie mag je ervaringsprofiel zien?"),
        queryset=get_user_model().objects.none(),
        empty_label=_("Kies een persoon"),
        help_text=_("Je kunt kiezen uit de mensen met wie je in een team zit."),
        error_messages={
            "required": _("Kies een persoon."),
            "invalid_choice": _("Kies iemand met wie je in een team zit."),
        },
    )

    def __init__(self, *args, eigenaar, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ontvanger"].queryset = inzage_kandidaten(eigenaar)
