from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from trajecten.models import Rol
from trajecten.weergave import weergavenaam

from . import oefeningen_bridge
from .models import Bijeenkomst, Blok, normalize_code

MAX_TEKST = 1000


def _leden(traject):
    return (
        get_user_model()
        .objects.filter(lidmaatschappen__team_id=traject.team_id)
        .order_by("first_name", "username")
        .distinct()
    )


class _Persoon(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return weergavenaam(obj)


class BijeenkomstForm(forms.ModelForm):
    class Meta:
        model = Bijeenkomst
        fields = ["titel", "datum", "starttijd", "plaats", "begeleider", "verslaggever"]
        widgets = {
            "datum": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "starttijd": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        error_messages = {
            "titel": {"required": _("Geef de bijeenkomst een titel.")},
            "datum": {
                "required": _("Vul een datum in."),
                "invalid": _("Vul een datum in als dag-maand-jaar."),
            },
            "starttijd": {
                "required": _("Vul een begintijd in."),
                "invalid": _("Vul een tijd in, zoals 13:30."),
            },
        }

    def __init__(self, *args, traject, **kwargs):
        super().__init__(*args, **kwargs)
        leden = _leden(traject)
        begeleiders = leden.filter(
            lidmaatschappen__team_id=traject.team_id, lidmaatschappen__rol=Rol.BEGELEIDER
        )
        self.fields["begeleider"] = _Persoon(
            queryset=begeleiders, label=_("Begeleider"), required=False, empty_label=_("(nog niet gekozen)")
        )
        self.fields["verslaggever"] = _Persoon(
            queryset=leden,
            label=_("Verslaggever"),
            required=False,
            empty_label=_("(nog niet gekozen)"),
            help_text=_("Schrijft de notities en besluiten op."),
        )


class BlokForm(forms.ModelForm):
    oefening_slug = forms.ChoiceField(label=_("Oefening"), required=False)

    class Meta:
        model = Blok
        fields = ["soort", "oefening_slug", "titel", "vraag", "duur_minuten", "groepsgrootte", "notitie"]
        widgets = {"vraag": forms.Textarea(attrs={"rows": 2}), "notitie": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "titel": _("Mag leeg blijven bij een oefening: dan nemen we de titel van de oefening."),
            "vraag": _("Mag leeg blijven bij een oefening: dan tonen we de vraag van de oefening."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["oefening_slug"].choices = [
            ("", _("(geen: een vrij blok)"))
        ] + oefeningen_bridge.oefening_keuzes()
        self.fields["titel"].required = False
        self.fields["duur_minuten"].min_value = 1
        self.fields["duur_minuten"].max_value = 480
        self.fields["duur_minuten"].widget.attrs.update({"min": 1, "max": 480})

    def clean(self):
        data = super().clean()
        soort = Blok.Soort(data["soort"]) if data.get("soort") else None
        met_oefening = soort is not None and soort.heeft_oefening
        if met_oefening and not data.get("oefening_slug"):
            self.add_error("oefening_slug", _("Kies de oefening voor dit blok."))
        if not met_oefening:
            data["oefening_slug"] = ""
        info = oefeningen_bridge.oefening_info(data.get("oefening_slug") or "")
        if not data.get("titel"):
            if info:
                data["titel"] = info.titel[:200]
            elif soort is not None and not met_oefening:
                data["titel"] = str(soort.label)
            else:
                self.add_error("titel", _("Geef het blok een titel."))
        if info and not data.get("vraag"):
            data["vraag"] = info.vraag
        return data

    def bewaar_velden(self) -> dict:
        data = self.cleaned_data
        info = oefeningen_bridge.oefening_info(data.get("oefening_slug") or "")
        velden = {name: data[name] for name in self.Meta.fields}
        if info:
            velden["stemmen_per_persoon"] = info.stemmen_per_persoon
        return velden


class InbrengForm(forms.Form):
    tekst = forms.CharField(
        label=_("Jouw antwoord"),
        max_length=MAX_TEKST,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Typ eerst iets in het vak."),
            "max_length": _("Maak je tekst korter: hooguit %(limit_value)d tekens."),
        },
    )
    blok = forms.IntegerField(widget=forms.HiddenInput)
    sleutel = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    anoniem = forms.BooleanField(
        label=_("Anoniem versturen: je naam komt er niet bij en wordt niet bewaard"), required=False
    )

    def clean_tekst(self):
        tekst = self.cleaned_data["tekst"].strip()
        if not tekst:
            raise forms.ValidationError(_("Typ eerst iets in het vak."))
        return tekst


class EigenKaartForm(forms.Form):
    """A participant changes a card they sent."""

    tekst = InbrengForm.base_fields["tekst"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tekst"].label = _("Nieuwe tekst")

    def clean_tekst(self):
        return InbrengForm.clean_tekst(self)


class PapierForm(InbrengForm):
    """The begeleider types in a card someone wrote on paper."""

    anoniem = None  # a paper card is anonymous when "Van wie" stays empty

    namens = forms.CharField(
        label=_("Van wie (mag leeg)"),
        max_length=150,
        required=False,
        help_text=_("Bijvoorbeeld een voornaam. Leeg laten als de schrijver anoniem wil blijven."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tekst"].label = _("Wat staat er op het papiertje?")


class GastForm(forms.Form):
    voornaam = forms.CharField(
        label=_("Je voornaam"),
        max_length=60,
        error_messages={"required": _("Vul je voornaam in. Alleen je voornaam is genoeg.")},
        help_text=_("Alleen je voornaam. Die zien de anderen bij jouw antwoorden."),
    )

    def clean_voornaam(self):
        naam = self.cleaned_data["voornaam"].strip()
        if not naam:
            raise forms.ValidationError(_("Vul je voornaam in. Alleen je voornaam is genoeg."))
        return naam


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code van de bijeenkomst"),
        max_length=20,
        help_text=_("De code staat op het grote scherm, bijvoorbeeld K7PM3Q."),
        error_messages={"required": _("Vul de code in die op het scherm staat.")},
    )

    def clean_code(self):
        return normalize_code(self.cleaned_data["code"])


class VerslagForm(forms.ModelForm):
    class Meta:
        model = Bijeenkomst
        fields = ["notities", "besluiten", "wat_ging_goed", "wat_houden_we"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}
        help_texts = {
            "wat_ging_goed": _("Waardering: wat liep er goed vandaag?"),
            "wat_houden_we": _("Wat nemen we mee naar de volgende keer?"),
        }


class SluitenForm(forms.ModelForm):
    class Meta:
        model = Bijeenkomst
        fields = ["wat_ging_goed", "wat_houden_we"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}
