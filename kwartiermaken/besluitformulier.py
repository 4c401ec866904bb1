"""The go/no-go form: the three preconditions, the motives, the decision, what happens after
a no-go, and the rows of conditions of a go onder voorwaarden (each becomes a plan action)."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trajecten.weergave import weergavenaam

from .besluiten import voorwaarden_van
from .forms import datum_veld
from .models import MOTIEVEN, RANDVOORWAARDEN, Besluit, Oordeel

# Each explanation says which precondition it is about, also out of its context (screen readers).
TOELICHTING_LABELS = {
    "ondersteuning": _("Toelichting bij ondersteuning"),
    "financiering": _("Toelichting bij financiering"),
    "draagvlak": _("Toelichting bij draagvlak"),
}
TOELICHTING_NODIG = _("Schrijf kort op wat er nog ontbreekt.")
GO_NIET_ALLES_GEREGELD = _(
    "Niet alle randvoorwaarden zijn geregeld. Kies ‘go onder voorwaarden’ en schrijf op wat er nog "
    "moet gebeuren, of kies no-go."
)
MOTIEVEN_NODIG = _(
    "Een go kan alleen als jullie alle vier deze motieven uitsluiten. Lukt dat niet? Bespreek het "
    "eerst, of kies no-go."
)


def _radio(label, choices, required_message, **kwargs):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": required_message, "invalid_choice": required_message},
        **kwargs,
    )


class BesluitForm(forms.Form):
    """The weighing and the decision: three preconditions, the motives, go / go onder
    voorwaarden / no-go and, for a no-go, what happens next."""

    keuze = _radio(_("Besluit"), Besluit.Keuze.choices, _("Kies go, go onder voorwaarden of no-go."))
    redenen = forms.CharField(
        label=_("Redenen"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Waarom dit besluit? Noem ook wat uit de verkenning kwam."),
        error_messages={"required": _("Schrijf op waarom je dit besluit neemt.")},
    )
    datum = datum_veld(_("Datum van het besluit"), required=True)
    motieven_uitgesloten = forms.MultipleChoiceField(
        label=_("Dit is níet ons motief"),
        choices=MOTIEVEN,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Vink aan wat voor jullie klopt. Voor een go moeten alle vier kloppen."),
    )
    vervolg = _radio(
        _("Wat gebeurt er na een no-go?"),
        Besluit.Vervolg.choices,
        _("Kies of jullie stoppen of later opnieuw kijken."),
        required=False,
    )
    opnieuw_op = datum_veld(_("Wanneer kijken jullie opnieuw?"), required=False)
    nieuw = forms.BooleanField(
        label=_("Sla op als nieuw besluit (het huidige blijft bewaard bij de eerdere besluiten)"),
        required=False,
    )

    def __init__(self, *args, bestaand: Besluit | None = None, **kwargs):
        kwargs["initial"] = {"datum": timezone.localdate(), **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        for key, label in RANDVOORWAARDEN:
            self.fields[key] = _radio(label, Oordeel.choices, _("Kies geregeld, deels of niet geregeld."))
            self.fields[f"{key}_toelichting"] = forms.CharField(
                label=TOELICHTING_LABELS[key],
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        if bestaand is None:
            del self.fields["nieuw"]

    def randvoorwaarden(self):
        """(label, judgement field, explanation field) per precondition, for the template."""
        return [(label, self[key], self[f"{key}_toelichting"]) for key, label in RANDVOORWAARDEN]

    def clean_redenen(self):
        redenen = self.cleaned_data["redenen"].strip()
        if not redenen:
            raise forms.ValidationError(_("Schrijf op waarom je dit besluit neemt."))
        return redenen

    def clean_datum(self):
        datum = self.cleaned_data["datum"]
        if datum > timezone.localdate():
            raise forms.ValidationError(_("Een besluit kan niet in de toekomst liggen."))
        return datum

    def clean(self):
        data = super().clean()
        for key, _label in RANDVOORWAARDEN:
            data[f"{key}_toelichting"] = (data.get(f"{key}_toelichting") or "").strip()
            if data.get(key) in (Oordeel.DEELS, Oordeel.NIET) and not data[f"{key}_toelichting"]:
                self.add_error(f"{key}_toelichting", TOELICHTING_NODIG)
        keuze = data.get("keuze")
        if keuze == Besluit.Keuze.NO_GO:
            self._clean_no_go(data)
        else:
            data["vervolg"], data["opnieuw_op"] = "", None
        alle_motieven = len(set(data.get("motieven_uitgesloten") or [])) == len(MOTIEVEN)
        if keuze in (Besluit.Keuze.GO, Besluit.Keuze.GO_VOORWAARDEN) and not alle_motieven:
            self.add_error("motieven_uitgesloten", MOTIEVEN_NODIG)
        oordelen = [data.get(key) for key, _label in RANDVOORWAARDEN]
        if keuze == Besluit.Keuze.GO and any(o and o != Oordeel.GEREGELD for o in oordelen):
            self.add_error("keuze", GO_NIET_ALLES_GEREGELD)
        return data

    def _clean_no_go(self, data):
        vervolg = data.get("vervolg")
        if not vervolg:
            self.add_error("vervolg", _("Kies of jullie stoppen of later opnieuw kijken."))
        elif vervolg == Besluit.Vervolg.STOPPEN:
            data["opnieuw_op"] = None
        elif not data.get("opnieuw_op"):
            if "opnieuw_op" not in self.errors:
                self.add_error("opnieuw_op", _("Kies de datum waarop jullie opnieuw kijken."))
        elif data.get("datum") and data["opnieuw_op"] <= data["datum"]:
            self.add_error("opnieuw_op", _("Kies een datum na de datum van het besluit."))

    def velden(self) -> dict:
        """The cleaned values the Besluit stores."""
        return {k: v for k, v in self.cleaned_data.items() if k != "nieuw"}


class VoorwaardeForm(forms.Form):
    """One condition of a go onder voorwaarden; it becomes an action in the plan."""

    actie = forms.IntegerField(required=False, widget=forms.HiddenInput)
    wat = forms.CharField(
        label=_("Wat moet er geregeld zijn?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bijvoorbeeld: de gemeente zegt geld toe voor het tweede jaar."),
    )
    eigenaar = forms.ModelChoiceField(
        label=_("Wie zorgt ervoor?"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Kies iemand van het team"),
        error_messages={"invalid_choice": _("Kies iemand die lid is van dit team.")},
    )
    wanneer = datum_veld(_("Geregeld voor (mag leeg blijven)"), required=False)

    def __init__(self, *args, leden, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["eigenaar"].queryset = leden
        self.fields["eigenaar"].label_from_instance = weergavenaam

    def clean(self):
        data = super().clean()
        data["wat"] = (data.get("wat") or "").strip()
        if data["wat"] and not data.get("eigenaar") and "eigenaar" not in self.errors:
            self.add_error("eigenaar", _("Kies wie voor deze voorwaarde zorgt: iemand van het team."))
        elif not data["wat"] and (data.get("eigenaar") or data.get("wanneer")):
            self.add_error("wat", _("Schrijf op wat de voorwaarde is, of maak de regel leeg."))
        return data


class BaseVoorwaardenFormSet(forms.BaseFormSet):
    def _construct_form(self, i, **kwargs):
        # Every row is checked, also one left as it was: unchanged is not empty here.
        return super()._construct_form(i, empty_permitted=False, **kwargs)

    def voorwaarden(self) -> list[dict]:
        """The filled rows, in order (an empty row is no condition)."""
        return [f.cleaned_data for f in self.forms if f.cleaned_data.get("wat")]

    def eis_er_een(self):
        """A go onder voorwaarden names at least one condition: the message by the first row."""
        if not self.voorwaarden():
            self.forms[0].add_error("wat", _("Schrijf minstens één voorwaarde op, met wie ervoor zorgt."))


def voorwaarden_formset(data, *, traject, bestaande: list[dict]):
    """The condition rows: the existing ones and a few empty ones (no script needed)."""
    leden = (
        get_user_model()
        .objects.filter(lidmaatschappen__team_id=traject.team_id)
        .order_by("first_name", "username")
    )
    extra = max(2 - len(bestaande), 1)
    formset = forms.formset_factory(VoorwaardeForm, formset=BaseVoorwaardenFormSet, extra=extra, max_num=12)
    return formset(data, initial=bestaande, prefix="voorwaarden", form_kwargs={"leden": leden})


def _besluit_initial(besluit):
    """The form starts from the decision that counts now; after a no-go, as a new decision."""
    if besluit is None:
        return {}, []
    velden = [
        *BesluitForm.base_fields,
        *(f"{k}{s}" for k, _l in RANDVOORWAARDEN for s in ("", "_toelichting")),
    ]
    initial = {veld: getattr(besluit, veld) for veld in velden if hasattr(besluit, veld)}
    if besluit.keuze == Besluit.Keuze.NO_GO:
        initial.update({"nieuw": True, "datum": timezone.localdate()})
    voorwaarden = [
        {"actie": v.actie_id, "wat": v.actie.wat, "eigenaar": v.actie.eigenaar_id, "wanneer": v.actie.wanneer}
        for v in voorwaarden_van(besluit.traject)
    ]
    return initial, voorwaarden


def besluit_formulier(request, traject, huidig):
    """(form, condition rows, the conditions to store or None while something is wrong)."""
    initial, voorwaarden = _besluit_initial(huidig)
    data = request.POST if request.method == "POST" else None
    form = BesluitForm(data, initial=initial, bestaand=huidig)
    formset = voorwaarden_formset(data, traject=traject, bestaande=voorwaarden)
    if data is None or not form.is_valid():
        return form, formset, None
    if form.cleaned_data["keuze"] != Besluit.Keuze.GO_VOORWAARDEN:
        return form, formset, []
    if formset.is_valid():
        formset.eis_er_een()
    return form, formset, formset.voorwaarden() if formset.is_valid() else None
