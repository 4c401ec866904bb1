"""Checklist: each person ticks what applies; the team sees how many, per perspective."""

from __future__ import annotations

from collections import defaultdict

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from trajecten import zichtbaarheid

from .basis import (
    Kind,
    check_keyed_list,
    perspectief_labels,
    register,
)


@register
class Checklist(Kind):
    key = "checklist"
    label = _("Checklist")
    antwoord_per_persoon = True
    alleen_samen = True
    per_perspectief = True
    leeg_antwoord = True
    allowed_settings = {"items"}

    def validate_settings(self, instellingen):
        super().validate_settings(instellingen)
        check_keyed_list(instellingen.get("items"), "items")

    def items(self, oefening):
        return oefening.instellingen_vertaald.get("items", [])

    def clean_data(self, oefening, data):
        if data.get("item") not in {i["key"] for i in self.items(oefening)}:
            raise ValidationError({"items": _("Kies iets uit de lijst.")})
        return {"item": data["item"]}

    def form_fields(self, oefening):
        return {
            "items": forms.MultipleChoiceField(
                label=_("Vink aan wat voor jou geldt"),
                choices=[(i["key"], i["label"]) for i in self.items(oefening)],
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
        }

    def form_initial(self, eigen):
        return {"items": [b.item for b in eigen]}

    def data_from_form(self, oefening, cleaned):
        return [{"item": k} for k in cleaned.get("items", [])]

    def aggregate(self, oefening, bijdragen, *, perspectieven, tekst=None):
        mensen = zichtbaarheid.mensen(bijdragen)
        per_item = defaultdict(list)
        for b in bijdragen:
            per_item[b.item].append(b)
        # Everyone who ticked anything counts as someone who answered.
        per_persp_mensen = defaultdict(set)
        for b in bijdragen:
            if b.auteur_id in perspectieven:
                per_persp_mensen[perspectieven[b.auteur_id]].add(b.auteur_id)
        rijen = []
        for i in self.items(oefening):
            antwoorden = per_item.get(i["key"], [])
            rij = {
                "item": i,
                "aantal": len(antwoorden),
                "procent": round(100 * len(antwoorden) / mensen) if mensen else 0,
                "perspectieven": [],
            }
            for p in perspectief_labels():
                groep_mensen = per_persp_mensen.get(p.value, set())
                if zichtbaarheid.aggregaat_zichtbaar(len(groep_mensen)):
                    n = sum(1 for b in antwoorden if b.auteur_id in groep_mensen)
                    rij["perspectieven"].append(
                        {"perspectief": p.label, "mensen": len(groep_mensen), "aantal": n}
                    )
            rijen.append(rij)
        te_klein = [
            p.label
            for p in perspectief_labels()
            if per_persp_mensen.get(p.value)
            and not zichtbaarheid.aggregaat_zichtbaar(len(per_persp_mensen[p.value]))
        ]
        drempel = zichtbaarheid.drempel(mensen)
        if not drempel.zichtbaar:
            rijen, te_klein = [], []
        return {"rijen": rijen, "mensen": mensen, "te_klein": te_klein, "drempel": drempel}

    def summary(self, oefening, bijdragen, tekst=None):
        agg = self.aggregate(oefening, bijdragen, perspectieven={})
        if agg["mensen"] and not agg["drempel"].zichtbaar:
            return [agg["drempel"].kort]
        return [
            gettext("%(label)s: %(n)s van %(m)s")
            % {"label": r["item"]["label"], "n": r["aantal"], "m": agg["mensen"]}
            for r in agg["rijen"]
            if r["aantal"]
        ]
