from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trajecten.weergave import weergavenaam

from .models import Actie, Besluit, Herziening, Risico


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def leden_van(traject):
    """The people who may own a decision or action: team members and the organisation's managers."""
    return (
        get_user_model()
        .objects.filter(
            Q(lidmaatschappen__team_id=traject.team_id) | Q(geleide_organisaties=traject.team.organisatie_id)
        )
        .distinct()
        .order_by("first_name", "username")
    )


class _EigenaarMixin:
    def __init__(self, *args, traject, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["eigenaar"]
        field.queryset = leden_van(traject)
        field.label_from_instance = weergavenaam
        field.empty_label = _("(nog niemand)")


class BesluitForm(_EigenaarMixin, forms.ModelForm):
    class Meta:
        model = Besluit
        fields = ["tekst", "eigenaar", "datum", "herzien_op"]
        widgets = {
            "tekst": forms.Textarea(attrs={"rows": 6}),
            "datum": DateInput(),
            "herzien_op": DateInput(),
        }
        labels = {"tekst": _("Wat spreken we af?")}
        help_texts = {
            "herzien_op": _("Wanneer kijken we opnieuw of dit besluit nog klopt?"),
        }


class ActieForm(_EigenaarMixin, forms.ModelForm):
    class Meta:
        model = Actie
        fields = ["wat", "eigenaar", "wanneer", "status", "herzien_op"]
        widgets = {
            "wat": forms.Textarea(attrs={"rows": 3}),
            "wanneer": DateInput(),
            "herzien_op": DateInput(),
        }
        labels = {"wat": _("Wat gaan we doen?")}
        error_messages = {"wat": {"required": _("Schrijf op wat er moet gebeuren.")}}

    def clean_wat(self):
        wat = self.cleaned_data["wat"].strip()
        if not wat:
            raise forms.ValidationError(_("Schrijf op wat er moet gebeuren."))
        return wat


class RisicoForm(forms.ModelForm):
    class Meta:
        model = Risico
        fields = ["reactie"]
        widgets = {"reactie": forms.Textarea(attrs={"rows": 4})}
        labels = {"reactie": _("Hoe gaan we hiermee om?")}


class HerzieningForm(forms.ModelForm):
    class Meta:
        model = Herziening
        fields = ["datum", "wat_gebeurde", "volgende"]
        widgets = {
            "datum": DateInput(),
            "wat_gebeurde": forms.Textarea(attrs={"rows": 4}),
            "volgende": DateInput(),
        }
        labels = {"wat_gebeurde": _("Wat is er gebeurd sinds de vorige keer?")}
        help_texts = {"volgende": _("Leeg laten als er geen nieuwe herziening nodig is.")}
        error_messages = {"wat_gebeurde": {"required": _("Schrijf op wat er is gebeurd.")}}

    def clean(self):
        cleaned = super().clean()
        datum, volgende = cleaned.get("datum"), cleaned.get("volgende")
        if datum and volgende and volgende <= datum:
            self.add_error("volgende", _("Kies een datum na de datum van deze herziening."))
        return cleaned
