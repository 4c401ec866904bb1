"""Gezamenlijke tekst: the team writes one text together, saved with a version number."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .basis import (
    TEKST_MAX,
    Kind,
    register,
    schone_tekst,
    settings_error,
    tekstveld,
)


@register
class Tekst(Kind):
    key = "tekst"
    label = _("Gezamenlijke tekst")
    gedeelde_tekst = True
    allowed_settings = {"sjabloon", "max_lengte"}

    def validate_settings(self, instellingen):
        super().validate_settings(instellingen)
        if "sjabloon" in instellingen and not isinstance(instellingen["sjabloon"], str):
            settings_error(_("'sjabloon' moet een tekst zijn."))
        max_lengte = instellingen.get("max_lengte", TEKST_MAX)
        if (
            not isinstance(max_lengte, int)
            or isinstance(max_lengte, bool)
            or not 1 <= max_lengte <= TEKST_MAX
        ):
            settings_error(_("'max_lengte' moet een getal van 1 tot en met %(max)s zijn."), max=TEKST_MAX)

    def max_lengte(self, oefening) -> int:
        return int(oefening.instellingen_vertaald.get("max_lengte", TEKST_MAX))

    def clean_data(self, oefening, data):
        try:
            return {"tekst": schone_tekst(data.get("tekst"), max_lengte=self.max_lengte(oefening))}
        except ValidationError as error:
            raise ValidationError({"tekst": error.messages}) from error

    def form_fields(self, oefening):
        return {
            "tekst": tekstveld(_("Jullie tekst"), max_lengte=self.max_lengte(oefening), rows=12),
            "versie": forms.IntegerField(widget=forms.HiddenInput, min_value=0),
        }

    def aggregate(self, oefening, bijdragen, *, perspectieven, tekst=None):
        return {"tekst": tekst}

    def ingevuld(self, oefening, tekst) -> bool:
        """True once the team wrote something: the template's starting text alone (in either
        language, as it may have been saved while the page was in English) is not an answer."""
        if tekst is None or not tekst.tekst.strip():
            return False
        sjablonen = {str(oefening.instellingen.get(k, "")).strip() for k in ("sjabloon", "sjabloon_en")}
        return tekst.tekst.strip() not in sjablonen

    def is_complete(self, oefening, bijdragen, tekst=None):
        return self.ingevuld(oefening, tekst)

    def delen(self, oefening, tekst: str) -> list[str]:
        """What the team wrote under each heading of the template (a heading: a line of the
        template that is not a "- " item), in the template's order; [] once the text no longer
        holds those headings (in Dutch or in English)."""
        regels = [r.strip() for r in tekst.splitlines()]
        for sleutel in ("sjabloon", "sjabloon_en"):
            sjabloon = str(oefening.instellingen.get(sleutel, ""))
            koppen = [r.strip() for r in sjabloon.splitlines() if r.strip() and not r.strip().startswith("-")]
            plekken, vanaf = [], 0
            for kop in koppen:
                if kop not in regels[vanaf:]:
                    break
                vanaf = regels.index(kop, vanaf) + 1
                plekken.append(vanaf)
            if koppen and len(plekken) == len(koppen):
                grenzen = [*(p - 1 for p in plekken[1:]), len(regels)]
                return ["\n".join(regels[p:g]).strip() for p, g in zip(plekken, grenzen, strict=True)]
        return []

    def summary(self, oefening, bijdragen, tekst=None):
        return [tekst.tekst] if self.ingevuld(oefening, tekst) else []
