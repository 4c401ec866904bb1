from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from trajecten.models import Rol

from .models import Achterhouden, Bijdrage, Cluster


class BijdrageForm(forms.Form):
    """The input form of an exercise: the kind's fields plus 'anoniem' and 'namens de groep'.

    Validation is the kind's `clean_data` (the same rules the services apply); its errors
    land on the matching field, so they show next to it with the typed text kept.
    """

    def __init__(self, *args, oefening, rol: str, bewerken: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.oefening = oefening
        self.kind = oefening.kind
        self.fields.update(self.kind.form_fields(oefening))
        if not bewerken:
            if oefening.anoniem_toegestaan:
                self.fields["anoniem"] = forms.BooleanField(
                    label=_("Anoniem meedoen: je naam wordt niet bewaard"),
                    help_text=_(
                        "Aanpassen of weghalen kan daarna alleen nog in deze browser, zolang de oefening openstaat."
                    ),
                    required=False,
                )
            if rol == Rol.BEGELEIDER:
                self.fields["namens_groep"] = forms.BooleanField(
                    label=_("Geschreven op papier: ik vul dit in namens de groep"), required=False
                )
        self.antwoorden: list[dict] = []

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            self.antwoorden = self.kind.data_from_form(self.oefening, cleaned)
            for antwoord in self.antwoorden:
                self.kind.clean_data(self.oefening, antwoord)
        except ValidationError as error:
            self.add_kind_errors(error)
            return cleaned
        if self.kind.antwoord_per_persoon and not self.antwoorden and not self.kind.leeg_antwoord:
            raise ValidationError(_("Je hebt nog niets ingevuld. Kies bij minstens één vraag een antwoord."))
        return cleaned

    def add_kind_errors(self, error: ValidationError):
        if hasattr(error, "error_dict"):
            for naam, messages in error.message_dict.items():
                self.add_error(naam if naam in self.fields else None, messages)
        else:
            self.add_error(None, error.messages)


def bewerk_initial(bijdrage: Bijdrage) -> dict:
    return bijdrage.oefening.kind.bewerk_initial(bijdrage)


class TekstForm(forms.Form):
    tekst = forms.CharField(
        label=_("Jullie tekst"), required=False, strip=False, widget=forms.Textarea(attrs={"rows": 12})
    )
    versie = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, oefening, **kwargs):
        super().__init__(*args, **kwargs)
        self.oefening = oefening
        limiet = oefening.kind.max_lengte(oefening)
        self.fields["tekst"].help_text = _("Hoogstens %(max)s tekens.") % {"max": limiet}
        self.fields["tekst"].widget.attrs["maxlength"] = limiet

    def clean(self):
        cleaned = super().clean()
        if "tekst" in cleaned:
            try:
                cleaned["tekst"] = self.oefening.kind.clean_data(self.oefening, {"tekst": cleaned["tekst"]})[
                    "tekst"
                ]
            except ValidationError as error:
                self.add_error("tekst", error.message_dict.get("tekst", error.messages))
        return cleaned


class ClusterForm(forms.Form):
    # The length is checked by services.cluster_maken (its message); maxlength shows the limit.
    naam = forms.CharField(
        label=_("Naam van een nieuwe groep"),
        required=False,
        strip=False,
        widget=forms.TextInput(attrs={"maxlength": Cluster._meta.get_field("naam").max_length}),
    )


class AchterhoudenForm(forms.Form):
    """Screening: a reason to hold a contribution back, or none to release it."""

    reden = forms.ChoiceField(
        label=_("Reden"), choices=[("", _("Weer tonen")), *Achterhouden.choices], required=False
    )
