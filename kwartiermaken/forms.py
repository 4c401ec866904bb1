from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from trajecten.weergave import weergavenaam

from .models import (
    CoalitieLid,
    CoalitieRol,
    ScanAntwoordKeuze,
    StapStatus,
)

DATUM_ONGELDIG = _("Vul een bestaande datum in, bijvoorbeeld 31-12-2026.")
DATUM_FORMATEN = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d-%m-%y"]


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def datum_veld(label, *, required):
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATUM_FORMATEN,
        widget=DatumInput(),
        error_messages={"invalid": DATUM_ONGELDIG, "required": _("Vul een datum in.")},
    )


REDEN_NODIG = _("Schrijf op waarom deze stap niet van toepassing is.")
EERST_FASE_2 = _("Deze stap hoort bij fase 2 of later. Start eerst fase 2 op de pagina Kwartiermaken.")


def wacht_op_fase_2(stap, status: str, fase_2_gestart: bool) -> bool:
    """Work on fase 2 and 3 steps begins only once fase 2 is started (after a go or a recorded warning)."""
    return status in (StapStatus.BEZIG, StapStatus.KLAAR) and stap.fase.nummer >= 2 and not fase_2_gestart


class StapForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=StapStatus.choices,
        error_messages={"invalid_choice": _("Kies een status uit de lijst.")},
    )
    reden = forms.CharField(
        label=_("Reden"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Verplicht als de stap niet van toepassing is: waarom niet?"),
    )
    eigenaar = forms.ModelChoiceField(
        label=_("Eigenaar"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("(nog niemand)"),
        error_messages={"invalid_choice": _("Kies iemand die lid is van dit team.")},
    )
    streefdatum = datum_veld(_("Streefdatum"), required=False)
    notities = forms.CharField(label=_("Notities"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, traject, stap, fase_2_gestart: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.stap = stap
        self.fase_2_gestart = fase_2_gestart
        field = self.fields["eigenaar"]
        field.queryset = (
            get_user_model()
            .objects.filter(lidmaatschappen__team_id=traject.team_id)
            .order_by("first_name", "username")
        )
        field.label_from_instance = weergavenaam

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if status == StapStatus.NVT and not (data.get("reden") or "").strip():
            self.add_error("reden", REDEN_NODIG)
        if wacht_op_fase_2(self.stap, status, self.fase_2_gestart):
            self.add_error("status", EERST_FASE_2)
        return data


class StapStatusForm(forms.Form):
    """The quick status change on the tracker page."""

    status = forms.ChoiceField(
        choices=StapStatus.choices, error_messages={"invalid_choice": _("Kies een status uit de lijst.")}
    )
    reden = forms.CharField(required=False)

    def __init__(self, *args, stap, bestaande_reden: str, fase_2_gestart: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.stap = stap
        self.bestaande_reden = bestaande_reden
        self.fase_2_gestart = fase_2_gestart

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if status == StapStatus.NVT and not ((data.get("reden") or "").strip() or self.bestaande_reden):
            self.add_error("status", REDEN_NODIG)
        if wacht_op_fase_2(self.stap, status, self.fase_2_gestart):
            self.add_error("status", EERST_FASE_2)
        return data


class ScanForm(forms.Form):
    """One answer and one note per question; a question left empty is not answered."""

    def __init__(self, *args, vragen, **kwargs):
        super().__init__(*args, **kwargs)
        self.vragen = list(vragen)
        for vraag in self.vragen:
            self.fields[f"antwoord_{vraag.slug}"] = forms.ChoiceField(
                label=vraag.vraag_vertaald,
                choices=ScanAntwoordKeuze.choices,
                required=False,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                error_messages={"invalid_choice": _("Kies ja, deels, nee of weet ik niet.")},
            )
            self.fields[f"toelichting_{vraag.slug}"] = forms.CharField(
                label=_("Toelichting (mag leeg blijven)"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self):
        """(vraag, answer field, note field) for the template."""
        return [(v, self[f"antwoord_{v.slug}"], self[f"toelichting_{v.slug}"]) for v in self.vragen]

    def antwoorden(self):
        return {
            v: (self.cleaned_data[f"antwoord_{v.slug}"], self.cleaned_data[f"toelichting_{v.slug}"].strip())
            for v in self.vragen
        }

    def clean(self):
        data = super().clean()
        for v in self.vragen:
            if data.get(f"toelichting_{v.slug}", "").strip() and not data.get(f"antwoord_{v.slug}"):
                self.add_error(f"antwoord_{v.slug}", _("Kies ook een antwoord bij je toelichting."))
        return data


class FaseStartForm(forms.Form):
    bevestigd = forms.BooleanField(
        label=_("Ik heb de waarschuwing gelezen en wil fase 2 toch starten."),
        required=False,
    )

    def __init__(self, *args, zonder_go: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.zonder_go = zonder_go
        if not zonder_go:
            del self.fields["bevestigd"]

    def clean(self):
        data = super().clean()
        if self.zonder_go and not data.get("bevestigd"):
            self.add_error("bevestigd", _("Vink aan dat je de waarschuwing hebt gelezen."))
        return data


class CoalitieLidForm(forms.ModelForm):
    class Meta:
        model = CoalitieLid
        fields = ["naam", "rol", "is_ervaringsdeskundige"]
        error_messages = {
            "naam": {"required": _("Vul een naam in.")},
            "rol": {"invalid_choice": _("Kies een rol uit de lijst."), "required": _("Kies een rol.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rol"].choices = [("", _("Kies een rol")), *CoalitieRol.choices]
