"""Tijdlijn: events with a date, shown in order."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .basis import (
    KAART_MAX,
    TOELICHTING_MAX,
    Kind,
    check_str_list,
    register,
    schone_tekst,
    tekstveld,
)


@register
class Tijdlijn(Kind):
    key = "tijdlijn"
    label = _("Tijdlijn")
    allowed_settings = {"voorbeelden"}

    def validate_settings(self, instellingen):
        super().validate_settings(instellingen)
        check_str_list(instellingen.get("voorbeelden"), "voorbeelden")

    def clean_data(self, oefening, data):
        errors = {}
        datum = data.get("datum")
        if isinstance(datum, str):
            try:
                datum = datetime.date.fromisoformat(datum)
            except ValueError:
                datum = None
        if not isinstance(datum, datetime.date) or not (1900 <= datum.year <= 2200):
            errors["datum"] = [_("Vul een datum in, bijvoorbeeld 1-3-2019.")]
        result = {"datum": datum}
        try:
            result["tekst"] = schone_tekst(data.get("tekst"), max_lengte=KAART_MAX)
        except ValidationError as error:
            errors["tekst"] = error.messages
        try:
            result["toelichting"] = schone_tekst(
                data.get("toelichting"), max_lengte=TOELICHTING_MAX, verplicht=False
            )
        except ValidationError as error:
            errors["toelichting"] = error.messages
        if errors:
            raise ValidationError(errors)
        return result

    def form_fields(self, oefening):
        return {
            "datum": forms.DateField(
                label=_("Wanneer?"),
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 1-3-2019.")},
                help_text=_(
                    "Weet je de dag niet precies? Kies dan de eerste dag van de maand of van het jaar."
                ),
            ),
            "tekst": tekstveld(_("Wat gebeurde er?"), rows=2),
            "toelichting": tekstveld(
                _("Wat betekende het voor ons?"), max_lengte=TOELICHTING_MAX, required=False
            ),
        }

    def aggregate(self, oefening, bijdragen, *, perspectieven, tekst=None):
        return {"bijdragen": sorted(bijdragen, key=lambda b: (b.datum or datetime.date.min, b.pk))}

    def summary(self, oefening, bijdragen, tekst=None):
        return [
            f"{b.datum:%d-%m-%Y}: {b.tekst}" + (f" ({b.toelichting})" if b.toelichting else "")
            for b in self.aggregate(oefening, bijdragen, perspectieven={})["bijdragen"]
        ]
