"""Schaal: each person rates every item on a scale; the team sees the spread per perspective."""

from __future__ import annotations

from collections import defaultdict

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from trajecten import zichtbaarheid

from .basis import (
    Kind,
    check_keyed_list,
    register,
    settings_error,
    splits_per_perspectief,
    verdeling,
)


@register
class Schaal(Kind):
    key = "schaal"
    label = _("Schaal")
    antwoord_per_persoon = True
    alleen_samen = True
    per_perspectief = True
    allowed_settings = {"min", "max", "min_label", "max_label", "items"}

    def validate_settings(self, instellingen):
        super().validate_settings(instellingen)
        lo, hi = instellingen.get("min", 1), instellingen.get("max", 5)
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (lo, hi)) or not (
            0 <= lo < hi <= 10
        ):
            settings_error(_("'min' en 'max' moeten getallen zijn met 0 <= min < max <= 10."))
        check_keyed_list(instellingen.get("items"), "items")

    def bereik(self, oefening) -> list[int]:
        return list(
            range(
                oefening.instellingen_vertaald.get("min", 1), oefening.instellingen_vertaald.get("max", 5) + 1
            )
        )

    def items(self, oefening) -> list[dict]:
        return oefening.instellingen_vertaald.get("items", [])

    def clean_data(self, oefening, data):
        keys = {i["key"] for i in self.items(oefening)}
        if data.get("item") not in keys:
            raise ValidationError({"item": _("Kies een onderdeel uit de lijst.")})
        try:
            waarde = int(data.get("waarde"))
        except (TypeError, ValueError):
            waarde = None
        if waarde not in self.bereik(oefening):
            raise ValidationError({"waarde": _("Kies een getal op de schaal.")})
        return {"item": data["item"], "waarde": waarde}

    def form_fields(self, oefening):
        ins = oefening.instellingen_vertaald
        keuzes = [("", gettext("Geen antwoord"))] + [(str(v), str(v)) for v in self.bereik(oefening)]
        uitleg = ""
        if ins.get("min_label") or ins.get("max_label"):
            uitleg = gettext("%(min)s = %(min_label)s, %(max)s = %(max_label)s") % {
                "min": ins.get("min", 1),
                "max": ins.get("max", 5),
                "min_label": ins.get("min_label", ""),
                "max_label": ins.get("max_label", ""),
            }
        return {
            f"item_{i['key']}": forms.TypedChoiceField(
                label=i["label"],
                choices=keuzes,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                help_text=uitleg,
            )
            for i in self.items(oefening)
        }

    def form_initial(self, eigen):
        return {f"item_{b.item}": str(b.waarde) for b in eigen if b.waarde is not None}

    def data_from_form(self, oefening, cleaned):
        return [
            {"item": i["key"], "waarde": cleaned[f"item_{i['key']}"]}
            for i in self.items(oefening)
            if cleaned.get(f"item_{i['key']}") is not None
        ]

    def aggregate(self, oefening, bijdragen, *, perspectieven, tekst=None):
        waarden = [(v, str(v)) for v in self.bereik(oefening)]
        per_item = defaultdict(list)
        for b in bijdragen:
            per_item[b.item].append(b)
        rijen = []
        for item in self.items(oefening):
            antwoorden = per_item.get(item["key"], [])
            drempel = zichtbaarheid.drempel(zichtbaarheid.mensen(antwoorden))
            if not drempel.zichtbaar:
                rijen.append(
                    {"label": item["label"], "drempel": drempel, "totaal": None, "perspectieven": []}
                )
                continue
            rijen.append(
                {
                    "label": item["label"],
                    "drempel": drempel,
                    "totaal": verdeling(
                        item["key"], item["label"], waarden, [b.waarde for b in antwoorden], len(antwoorden)
                    ),
                    "perspectieven": splits_per_perspectief(
                        antwoorden,
                        perspectieven,
                        lambda groep, item=item: verdeling(
                            item["key"], item["label"], waarden, [b.waarde for b in groep], len(groep)
                        ),
                    ),
                }
            )
        mensen = zichtbaarheid.mensen(bijdragen)
        # Nothing shown yet: one line for the whole exercise instead of one per item.
        alles_verborgen = not any(r["totaal"] for r in rijen)
        return {
            "rijen": rijen,
            "waarden": waarden,
            "drempel": zichtbaarheid.drempel(mensen),
            "alles_verborgen": alles_verborgen,
        }

    def is_complete(self, oefening, bijdragen, tekst=None):
        beantwoord = {b.item for b in bijdragen}
        return bool(bijdragen) and all(i["key"] in beantwoord for i in self.items(oefening))

    def summary(self, oefening, bijdragen, tekst=None):
        agg = self.aggregate(oefening, bijdragen, perspectieven={})
        regels = []
        for rij in agg["rijen"]:
            v = rij["totaal"]
            if v is None:
                if rij["drempel"].mensen:
                    regels.append(f"{rij['label']}: {rij['drempel'].kort}")
            elif v.mensen:
                spreiding = ", ".join(f"{lab}: {n}" for _w, lab, n, _p in v.aantallen if n)
                regels.append(
                    ngettext(
                        "%(label)s: gemiddeld %(gem)s (%(n)s antwoord; %(spreiding)s)",
                        "%(label)s: gemiddeld %(gem)s (%(n)s antwoorden; %(spreiding)s)",
                        v.mensen,
                    )
                    % {"label": v.label, "gem": v.gemiddelde, "n": v.mensen, "spreiding": spreiding}
                )
        return regels
