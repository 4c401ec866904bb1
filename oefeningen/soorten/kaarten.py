"""Kaarten: each person adds cards; the team votes with dots and a begeleider groups them."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .basis import (
    Kind,
    MetStemmen,
    check_str_list,
    kaart_clean,
    met_stemmen,
    register,
    settings_error,
    tekstveld,
)


@register
class Kaarten(MetStemmen, Kind):
    key = "kaarten"
    label = _("Kaarten")
    clusters = True
    kaart_invoer = True
    allowed_settings = {"kaartlabel", "stemmen_per_persoon", "voorbeelden"}

    def validate_settings(self, instellingen):
        super().validate_settings(instellingen)
        self.check_stemmen(instellingen)
        if "kaartlabel" in instellingen and not isinstance(instellingen["kaartlabel"], str):
            settings_error(_("'kaartlabel' moet een tekst zijn."))
        check_str_list(instellingen.get("voorbeelden"), "voorbeelden")

    def clean_data(self, oefening, data):
        return {"tekst": kaart_clean(data)}

    def form_fields(self, oefening):
        label = oefening.instellingen_vertaald.get("kaartlabel") or gettext("Kaart")
        return {"tekst": tekstveld(label)}

    def aggregate(self, oefening, bijdragen, *, perspectieven, tekst=None):
        groepen: dict[Any, list] = defaultdict(list)
        for b in bijdragen:
            groepen[b.cluster_id].append(b)
        for kaarten in groepen.values():
            kaarten.sort(key=lambda b: (-getattr(b, "aantal_stemmen", 0), b.aangemaakt_op, b.pk))
        return {"bijdragen": bijdragen, "per_cluster": groepen}

    def summary(self, oefening, bijdragen, tekst=None):
        return [met_stemmen(b) for b in sorted(bijdragen, key=lambda b: -getattr(b, "aantal_stemmen", 0))]
