"""Keuze: each person picks one option (or several), with a reason if asked."""

from __future__ import annotations

from collections import defaultdict

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from trajecten import zichtbaarheid

from .basis import (
    TOELICHTING_MAX,
    Kind,
    check_keyed_list,
    register,
    schone_tekst,
    settings_error,
    tekstveld,
)


@register
class Keuze(Kind):
    key = "keuze"
    label = _("Keuze")
    antwoord_per_persoon = True
    allowed_settings = {"opties", "meerdere", "reden_vragen"}

    def validate_settings(self, instellingen):
        super().validate_settings(instellingen)
        check_keyed_list(instellingen.get("opties"), "opties", minimaal=2)
        for naam in ("meerdere", "reden_vragen"):
            if naam in instellingen and not isinstance(instellingen[naam], bool):
                settings_error(_("'%(naam)s' moet true of false zijn."), naam=naam)

    def een_keuze(self, oefening):
        return not oefening.instellingen.get("meerdere")

    def opties(self, oefening):
        return oefening.instellingen_vertaald.get("opties", [])

    def clean_data(self, oefening, data):
        if data.get("item") not in {o["key"] for o in self.opties(oefening)}:
            raise ValidationError({"keuze": _("Kies een van de mogelijkheden.")})
        try:
            reden = schone_tekst(data.get("toelichting"), max_lengte=TOELICHTING_MAX, verplicht=False)
        except ValidationError as error:
            raise ValidationError({"reden": error.messages}) from error
        return {"item": data["item"], "toelichting": reden}

    def form_fields(self, oefening):
        keuzes = [(o["key"], o["label"]) for o in self.opties(oefening)]
        fields = {}
        if oefening.instellingen_vertaald.get("meerdere"):
            fields["keuze"] = forms.MultipleChoiceField(
                label=_("Je keuze"), choices=keuzes, required=False, widget=forms.CheckboxSelectMultiple
            )
        else:
            fields["keuze"] = forms.ChoiceField(
                label=_("Je keuze"), choices=keuzes, required=False, widget=forms.RadioSelect
            )
        if oefening.instellingen_vertaald.get("reden_vragen", True):
            fields["reden"] = tekstveld(_("Waarom?"), max_lengte=TOELICHTING_MAX, required=False)
        return fields

    def form_initial(self, eigen):
        if not eigen:
            return {}
        return {
            "keuze": [b.item for b in eigen] if len(eigen) > 1 else eigen[0].item,
            "reden": eigen[0].toelichting,
        }

    def data_from_form(self, oefening, cleaned):
        keuze = cleaned.get("keuze")
        gekozen = keuze if isinstance(keuze, list) else ([keuze] if keuze else [])
        if not gekozen:
            raise ValidationError({"keuze": _("Kies een van de mogelijkheden.")})
        return [{"item": k, "toelichting": cleaned.get("reden", "")} for k in gekozen]

    def aggregate(self, oefening, bijdragen, *, perspectieven, tekst=None):
        per_optie = defaultdict(list)
        for b in bijdragen:
            per_optie[b.item].append(b)
        mensen = zichtbaarheid.mensen(bijdragen)
        rijen = [
            {
                "optie": o,
                "aantal": len(per_optie.get(o["key"], [])),
                "procent": round(100 * len(per_optie.get(o["key"], [])) / mensen) if mensen else 0,
                "bijdragen": per_optie.get(o["key"], []),
            }
            for o in self.opties(oefening)
        ]
        # Choices of an option the content no longer offers stay the team's: shown together.
        bekend = {o["key"] for o in self.opties(oefening)}
        vervallen = [b for b in bijdragen if b.item not in bekend]
        if vervallen:
            optie = {"key": "vervallen", "label": gettext("Een keuze die niet meer in de lijst staat")}
            rijen.append(
                {
                    "optie": optie,
                    "aantal": len(vervallen),
                    "procent": round(100 * len(vervallen) / mensen),
                    "bijdragen": vervallen,
                }
            )
        drempel = zichtbaarheid.drempel(mensen)
        return {"rijen": rijen if drempel.zichtbaar else [], "mensen": mensen, "drempel": drempel}

    def summary(self, oefening, bijdragen, tekst=None):
        agg = self.aggregate(oefening, bijdragen, perspectieven={})
        if agg["mensen"] and not agg["drempel"].zichtbaar:
            return [agg["drempel"].kort]
        return [f"{r['optie']['label']}: {r['aantal']}" for r in agg["rijen"] if r["aantal"]]
