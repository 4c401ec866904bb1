"""Matrix: cards in the cells of a two-by-two grid."""

from __future__ import annotations

from collections import defaultdict

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .basis import (
    Kind,
    check_keyed_list,
    kaart_clean,
    register,
    settings_error,
    tekstveld,
)


@register
class Matrix(Kind):
    key = "matrix"
    label = _("Matrix")
    allowed_settings = {"x", "y"}

    def validate_settings(self, instellingen):
        super().validate_settings(instellingen)
        for as_ in ("x", "y"):
            spec = instellingen.get(as_)
            if not isinstance(spec, dict) or not isinstance(spec.get("label"), str):
                settings_error(
                    _("'%(as)s' moet een object zijn met een 'label' en 'waarden'."), **{"as": as_}
                )
            check_keyed_list(spec.get("waarden"), f"{as_}.waarden", exact=2)

    def cellen(self, oefening) -> list[tuple[dict, dict]]:
        ins = oefening.instellingen_vertaald
        return [(y, x) for y in ins["y"]["waarden"] for x in ins["x"]["waarden"]]

    def clean_data(self, oefening, data):
        ins = oefening.instellingen_vertaald
        x, y = data.get("x"), data.get("y")
        if "item" in data and "|" in (data.get("item") or ""):
            x, y = data["item"].split("|", 1)
        errors = {}
        if x not in {w["key"] for w in ins["x"]["waarden"]}:
            errors["x"] = [_("Kies een waarde voor '%(as)s'.") % {"as": ins["x"]["label"]}]
        if y not in {w["key"] for w in ins["y"]["waarden"]}:
            errors["y"] = [_("Kies een waarde voor '%(as)s'.") % {"as": ins["y"]["label"]}]
        try:
            tekst = kaart_clean(data)
        except ValidationError as error:
            errors.update(error.message_dict)
        if errors:
            raise ValidationError(errors)
        return {"item": f"{x}|{y}", "tekst": tekst}

    def form_fields(self, oefening):
        ins = oefening.instellingen_vertaald
        return {
            "x": forms.ChoiceField(
                label=ins["x"]["label"],
                choices=[("", gettext("Kies…"))] + [(w["key"], w["label"]) for w in ins["x"]["waarden"]],
                required=False,
            ),
            "y": forms.ChoiceField(
                label=ins["y"]["label"],
                choices=[("", gettext("Kies…"))] + [(w["key"], w["label"]) for w in ins["y"]["waarden"]],
                required=False,
            ),
            "tekst": tekstveld(_("Kaart")),
        }

    def bewerk_initial(self, bijdrage):
        initial = super().bewerk_initial(bijdrage)
        if "|" in bijdrage.item:
            initial["x"], initial["y"] = bijdrage.item.split("|", 1)
        return initial

    def aggregate(self, oefening, bijdragen, *, perspectieven, tekst=None):
        per = defaultdict(list)
        for b in bijdragen:
            per[b.item].append(b)
        ins = oefening.instellingen_vertaald
        rijen = [
            {
                "y": y,
                "cellen": [
                    {"x": x, "kaarten": per.get(f"{x['key']}|{y['key']}", [])} for x in ins["x"]["waarden"]
                ],
            }
            for y in ins["y"]["waarden"]
        ]
        return {"rijen": rijen, "x": ins["x"], "y": ins["y"]}

    def is_complete(self, oefening, bijdragen, tekst=None):
        """Every cell holds a card: the grid's parts are its cells."""
        gevuld = {b.item for b in bijdragen}
        return all(f"{x['key']}|{y['key']}" in gevuld for y, x in self.cellen(oefening))

    def summary(self, oefening, bijdragen, tekst=None):
        regels = []
        for rij in self.aggregate(oefening, bijdragen, perspectieven={})["rijen"]:
            for cel in rij["cellen"]:
                if cel["kaarten"]:
                    regels.append(
                        f"{cel['x']['label']} / {rij['y']['label']}: "
                        + "; ".join(b.tekst for b in cel["kaarten"])
                    )
        return regels
