"""Kompas: cards in four directions (the compass of chapter 10), with dot votes like kaarten.

The directions run as the book has them (§10.1-10.4): north (where we go), east
(opportunities), west (pitfalls and threats), and last south (energy along the way). The
plan reads the directions by key, so the keys and their order are fixed here.
"""

from __future__ import annotations

from collections import defaultdict

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .basis import (
    Kind,
    MetStemmen,
    check_keyed_list,
    kaart_clean,
    met_stemmen,
    register,
    settings_error,
    tekstveld,
)

# The book's order, §10.1-10.4: noord (doelen), oost (kansen), west (risico's), zuid (energie).
RICHTINGEN = ("noord", "oost", "west", "zuid")


def op_stemmen(kaarten: list) -> list:
    """Most votes first; among equals the earliest first (the order they were read in)."""
    return sorted(kaarten, key=lambda b: -getattr(b, "aantal_stemmen", 0))


@register
class Kompas(MetStemmen, Kind):
    key = "kompas"
    label = _("Kompas")
    allowed_settings = {"richtingen", "stemmen_per_persoon"}

    def validate_settings(self, instellingen):
        super().validate_settings(instellingen)
        richtingen = check_keyed_list(instellingen.get("richtingen"), "richtingen", exact=4)
        if tuple(r["key"] for r in richtingen) != RICHTINGEN:
            settings_error(
                _("De richtingen van het kompas zijn %(keys)s, in die volgorde."), keys=", ".join(RICHTINGEN)
            )
        self.check_stemmen(instellingen)

    def richtingen(self, oefening):
        return oefening.instellingen_vertaald.get("richtingen", [])

    def clean_data(self, oefening, data):
        if data.get("item") not in {r["key"] for r in self.richtingen(oefening)}:
            raise ValidationError({"richting": _("Kies een richting van het kompas.")})
        return {"item": data["item"], "tekst": kaart_clean(data)}

    def form_fields(self, oefening):
        return {
            "richting": forms.ChoiceField(
                label=_("Richting"),
                choices=[("", gettext("Kies…"))]
                + [(r["key"], r["label"]) for r in self.richtingen(oefening)],
                required=False,
            ),
            "tekst": tekstveld(_("Kaart")),
        }

    def bewerk_initial(self, bijdrage):
        return {**super().bewerk_initial(bijdrage), "richting": bijdrage.item}

    def data_from_form(self, oefening, cleaned):
        return [{"item": cleaned.get("richting"), "tekst": cleaned.get("tekst")}]

    def aggregate(self, oefening, bijdragen, *, perspectieven, tekst=None):
        per = defaultdict(list)
        for b in bijdragen:
            per[b.item].append(b)
        return {
            "richtingen": [
                {"richting": r, "kaarten": op_stemmen(per.get(r["key"], []))}
                for r in self.richtingen(oefening)
            ]
        }

    def is_complete(self, oefening, bijdragen, tekst=None):
        gevuld = {b.item for b in bijdragen}
        return all(r["key"] in gevuld for r in self.richtingen(oefening))

    def summary(self, oefening, bijdragen, tekst=None):
        return [
            f"{r['richting']['label']}: " + "; ".join(met_stemmen(b) for b in r["kaarten"])
            for r in self.aggregate(oefening, bijdragen, perspectieven={})["richtingen"]
            if r["kaarten"]
        ]
