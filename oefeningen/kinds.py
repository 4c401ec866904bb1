"""The exercise kinds: one class per kind, registered under its key (Oefening.soort).

A kind knows the shape of its `instellingen` (validated in Oefening.clean() and when the
fixtures load), cleans one contribution (`clean_data`, used by the services, so the same
rules hold for forms, sessions and scripts), builds its input form, names its partial,
aggregates contributions for the team view and says `is_complete()` and `summary()` for the
tracker and the plan.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from trajecten.weergave import weergavenaam

KAART_MAX = 500
TOELICHTING_MAX = 2000
TEKST_MAX = 20000
MIN_GROEP = 3  # a perspective group is only shown with at least this many people

_REGISTRY: dict[str, Kind] = {}


def register(cls):
    _REGISTRY[cls.key] = cls()
    return cls


def get_kind(key: str) -> Kind:
    try:
        return _REGISTRY[key]
    except KeyError:
        raise ValidationError(_("Onbekende soort oefening: %(soort)s."), params={"soort": key}) from None


def all_kinds() -> dict[str, Kind]:
    return dict(_REGISTRY)


# -- helpers ----------------------------------------------------------------------------


def schone_tekst(value: Any, *, max_lengte: int, verplicht: bool = True) -> str:
    """Strip a typed text and check it; HTML is kept as plain text and escaped on output."""
    value = "" if value is None else str(value)
    value = value.replace("\r\n", "\n").strip()
    if "\x00" in value:
        raise ValidationError(_("De tekst bevat een teken dat niet kan. Typ de tekst opnieuw."))
    if verplicht and not value:
        raise ValidationError(_("Vul hier iets in. Het veld is nu leeg."))
    if len(value) > max_lengte:
        raise ValidationError(
            _("Maak de tekst korter: hoogstens %(max)s tekens. Nu zijn het er %(n)s."),
            params={"max": max_lengte, "n": len(value)},
        )
    return value


def _settings_error(message, **params):
    raise ValidationError(message, params=params)


def _check_dict(instellingen) -> dict:
    if not isinstance(instellingen, dict):
        _settings_error(_("De instellingen moeten een JSON-object zijn."))
    return instellingen


def _check_keyed_list(value, naam: str, *, minimaal: int = 1, exact: int | None = None) -> list[dict]:
    if not isinstance(value, list) or len(value) < minimaal:
        _settings_error(
            _("'%(naam)s' moet een lijst zijn met minstens %(n)s onderdelen."), naam=naam, n=minimaal
        )
    if exact is not None and len(value) != exact:
        _settings_error(_("'%(naam)s' moet precies %(n)s onderdelen hebben."), naam=naam, n=exact)
    keys = set()
    for entry in value:
        if not isinstance(entry, dict) or not isinstance(entry.get("key"), str) or not entry.get("key"):
            _settings_error(_("Elk onderdeel van '%(naam)s' heeft een 'key' (tekst) nodig."), naam=naam)
        if not isinstance(entry.get("label"), str) or not entry["label"].strip():
            _settings_error(_("Elk onderdeel van '%(naam)s' heeft een 'label' nodig."), naam=naam)
        if len(entry["key"]) > 40 or "|" in entry["key"]:
            _settings_error(_("De key '%(key)s' is te lang of bevat '|'."), key=entry["key"])
        if entry["key"] in keys:
            _settings_error(_("De key '%(key)s' staat twee keer in '%(naam)s'."), key=entry["key"], naam=naam)
        keys.add(entry["key"])
    return value


def _check_str_list(value, naam: str):
    if value is None:
        return
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        _settings_error(_("'%(naam)s' moet een lijst met teksten zijn."), naam=naam)


# Settings that are text a person reads: each may have an English twin, `sjabloon_en`...
VERTAALBAAR = {"kaartlabel", "sjabloon", "min_label", "max_label", "voorbeelden"}


def _check_known_keys(instellingen: dict, allowed: set[str]):
    twins = {f"{k}_en" for k in allowed & VERTAALBAAR}
    unknown = sorted(set(instellingen) - allowed - twins)
    if unknown:
        _settings_error(_("Onbekende instelling(en): %(namen)s."), namen=", ".join(unknown))
    for twin in sorted(twins & set(instellingen)):
        dutch = instellingen.get(twin[:-3])
        if isinstance(dutch, list):
            _check_str_list(instellingen[twin], twin)
            if len(instellingen[twin]) != len(dutch):
                _settings_error(_("'%(naam)s' moet even lang zijn als de Nederlandse lijst."), naam=twin)
        elif not isinstance(instellingen[twin], str):
            _settings_error(_("'%(naam)s' moet een tekst zijn."), naam=twin)


def auteur_naam(bijdrage) -> str:
    if bijdrage.namens_groep:
        return gettext("Op papier, namens de groep")
    if bijdrage.auteur_id is None:
        return gettext("Anoniem")
    user = bijdrage.auteur
    return weergavenaam(user)


@dataclass
class Verdeling:
    """The spread of answers for one item: how many chose each value."""

    key: str
    label: str
    aantallen: list[tuple[Any, str, int, int]]  # (value, label, count, percent of people)
    mensen: int
    gemiddelde: float | None = None


def _verdeling(key, label, waarden: list[tuple[Any, str]], gekozen: list[Any], mensen: int) -> Verdeling:
    tellingen = Counter(gekozen)
    numeriek = [v for v in gekozen if isinstance(v, int)]
    return Verdeling(
        key=key,
        label=label,
        aantallen=[
            (v, lab, tellingen[v], round(100 * tellingen[v] / mensen) if mensen else 0) for v, lab in waarden
        ],
        mensen=mensen,
        gemiddelde=round(sum(numeriek) / len(numeriek), 1) if numeriek else None,
    )


# -- the base class ------------------------------------------------------------------------


class Kind:
    key: str = ""
    label = ""
    # True: a person's submit replaces their earlier answer (schaal, keuze, checklist).
    # False: each submit adds one more item (kaarten, tijdlijn, kompas, matrix).
    antwoord_per_persoon = False
    stemmen = False  # dot votes on the items
    allowed_settings: set[str] = set()

    @property
    def partial(self) -> str:
        return f"oefeningen/soorten/{self.key}.html"

    def validate_settings(self, instellingen) -> None:
        _check_known_keys(_check_dict(instellingen), self.allowed_settings)

    # A contribution's data: {"item", "tekst", "toelichting", "waarde", "datum"}.
    def clean_data(self, oefening, data: dict) -> dict:
        raise NotImplementedError

    def form_fields(self, oefening) -> dict[str, forms.Field]:
        return {}

    def form_initial(self, bijdragen_van_persoon: list) -> dict:
        return {}

    def data_from_form(self, oefening, cleaned: dict) -> list[dict]:
        """One data dict per contribution the submitted form stands for."""
        return [cleaned]

    def aggregate(self, oefening, bijdragen: list, *, perspectieven: dict[int, str], tekst=None) -> dict:
        return {"bijdragen": bijdragen}

    def is_complete(self, oefening, bijdragen: list, tekst=None) -> bool:
        return bool(bijdragen)

    def summary(self, oefening, bijdragen: list, tekst=None) -> list[str]:
        return [b.tekst for b in bijdragen if b.tekst]


def _kaart_clean(data: dict) -> str:
    try:
        return schone_tekst(data.get("tekst"), max_lengte=KAART_MAX)
    except ValidationError as error:
        raise ValidationError({"tekst": error.messages}) from error


def _tekstveld(label, *, max_lengte=KAART_MAX, rows=3, required=True):
    return forms.CharField(
        label=label,
        required=False,  # emptiness is checked by the kind, with our own message
        strip=False,
        widget=forms.Textarea(attrs={"rows": rows, "data-max": max_lengte}),
        help_text=_("Hoogstens %(max)s tekens.") % {"max": max_lengte} if required else "",
    )


# -- kinds -----------------------------------------------------------------------------


@register
class Kaarten(Kind):
    key = "kaarten"
    label = _("Kaarten")
    stemmen = True
    allowed_settings = {"kaartlabel", "stemmen_per_persoon", "voorbeelden"}

    def validate_settings(self, instellingen):
        super().validate_settings(instellingen)
        stemmen = instellingen.get("stemmen_per_persoon", 3)
        if not isinstance(stemmen, int) or isinstance(stemmen, bool) or not 0 <= stemmen <= 20:
            _settings_error(_("'stemmen_per_persoon' moet een getal van 0 tot en met 20 zijn."))
        if "kaartlabel" in instellingen and not isinstance(instellingen["kaartlabel"], str):
            _settings_error(_("'kaartlabel' moet een tekst zijn."))
        _check_str_list(instellingen.get("voorbeelden"), "voorbeelden")

    def stemmen_per_persoon(self, oefening) -> int:
        return int(oefening.instellingen_vertaald.get("stemmen_per_persoon", 3))

    def clean_data(self, oefening, data):
        return {"tekst": _kaart_clean(data)}

    def form_fields(self, oefening):
        label = oefening.instellingen_vertaald.get("kaartlabel") or gettext("Kaart")
        return {"tekst": _tekstveld(label)}

    def aggregate(self, oefening, bijdragen, *, perspectieven, tekst=None):
        groepen: dict[Any, list] = defaultdict(list)
        for b in bijdragen:
            groepen[b.cluster_id].append(b)
        for kaarten in groepen.values():
            kaarten.sort(key=lambda b: (-getattr(b, "aantal_stemmen", 0), b.aangemaakt_op, b.pk))
        return {"bijdragen": bijdragen, "per_cluster": groepen}

    def summary(self, oefening, bijdragen, tekst=None):
        kaarten = sorted(bijdragen, key=lambda b: -getattr(b, "aantal_stemmen", 0))
        regels = []
        for b in kaarten:
            n = getattr(b, "aantal_stemmen", 0)
            regels.append(
                f"{b.tekst} ({n} {gettext('stem') if n == 1 else gettext('stemmen')})" if n else b.tekst
            )
        return regels


@register
class Tekst(Kind):
    key = "tekst"
    label = _("Gezamenlijke tekst")
    allowed_settings = {"sjabloon", "max_lengte"}

    def validate_settings(self, instellingen):
        super().validate_settings(instellingen)
        if "sjabloon" in instellingen and not isinstance(instellingen["sjabloon"], str):
            _settings_error(_("'sjabloon' moet een tekst zijn."))
        max_lengte = instellingen.get("max_lengte", TEKST_MAX)
        if (
            not isinstance(max_lengte, int)
            or isinstance(max_lengte, bool)
            or not 1 <= max_lengte <= TEKST_MAX
        ):
            _settings_error(_("'max_lengte' moet een getal van 1 tot en met %(max)s zijn."), max=TEKST_MAX)

    def max_lengte(self, oefening) -> int:
        return int(oefening.instellingen_vertaald.get("max_lengte", TEKST_MAX))

    def clean_data(self, oefening, data):
        try:
            return {"tekst": schone_tekst(data.get("tekst"), max_lengte=self.max_lengte(oefening))}
        except ValidationError as error:
            raise ValidationError({"tekst": error.messages}) from error

    def form_fields(self, oefening):
        return {
            "tekst": _tekstveld(_("Jullie tekst"), max_lengte=self.max_lengte(oefening), rows=12),
            "versie": forms.IntegerField(widget=forms.HiddenInput, min_value=0),
        }

    def aggregate(self, oefening, bijdragen, *, perspectieven, tekst=None):
        return {"tekst": tekst}

    def is_complete(self, oefening, bijdragen, tekst=None):
        return bool(tekst and tekst.tekst.strip())

    def summary(self, oefening, bijdragen, tekst=None):
        return [tekst.tekst] if tekst and tekst.tekst.strip() else []


@register
class Schaal(Kind):
    key = "schaal"
    label = _("Schaal")
    antwoord_per_persoon = True
    allowed_settings = {"min", "max", "min_label", "max_label", "items"}

    def validate_settings(self, instellingen):
        super().validate_settings(instellingen)
        lo, hi = instellingen.get("min", 1), instellingen.get("max", 5)
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (lo, hi)) or not (
            0 <= lo < hi <= 10
        ):
            _settings_error(_("'min' en 'max' moeten getallen zijn met 0 <= min < max <= 10."))
        _check_keyed_list(instellingen.get("items"), "items")

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
            rijen.append(
                {
                    "totaal": _verdeling(
                        item["key"], item["label"], waarden, [b.waarde for b in antwoorden], len(antwoorden)
                    ),
                    "perspectieven": _per_perspectief(
                        antwoorden,
                        perspectieven,
                        lambda groep, item=item: _verdeling(
                            item["key"], item["label"], waarden, [b.waarde for b in groep], len(groep)
                        ),
                    ),
                }
            )
        return {"rijen": rijen, "waarden": waarden}

    def is_complete(self, oefening, bijdragen, tekst=None):
        beantwoord = {b.item for b in bijdragen}
        return bool(bijdragen) and all(i["key"] in beantwoord for i in self.items(oefening))

    def summary(self, oefening, bijdragen, tekst=None):
        agg = self.aggregate(oefening, bijdragen, perspectieven={})
        regels = []
        for rij in agg["rijen"]:
            v = rij["totaal"]
            if v.mensen:
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


def _per_perspectief(antwoorden: list, perspectieven: dict[int, str], maak) -> list[dict]:
    """Answers split by the authors' perspective; groups under MIN_GROEP people are hidden."""
    from trajecten.models import Perspectief

    groepen = defaultdict(list)
    for b in antwoorden:
        if b.auteur_id and b.auteur_id in perspectieven:
            groepen[perspectieven[b.auteur_id]].append(b)
    result = []
    for p in Perspectief:
        groep = groepen.get(p.value, [])
        mensen = len({b.auteur_id for b in groep})
        result.append(
            {
                "perspectief": p.label,
                "mensen": mensen,
                "zichtbaar": mensen >= MIN_GROEP,
                "verdeling": maak(groep) if mensen >= MIN_GROEP else None,
            }
        )
    return [r for r in result if r["mensen"]]


@register
class Keuze(Kind):
    key = "keuze"
    label = _("Keuze")
    antwoord_per_persoon = True
    allowed_settings = {"opties", "meerdere", "reden_vragen"}

    def validate_settings(self, instellingen):
        super().validate_settings(instellingen)
        _check_keyed_list(instellingen.get("opties"), "opties", minimaal=2)
        for naam in ("meerdere", "reden_vragen"):
            if naam in instellingen and not isinstance(instellingen[naam], bool):
                _settings_error(_("'%(naam)s' moet true of false zijn."), naam=naam)

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
            fields["reden"] = _tekstveld(_("Waarom?"), max_lengte=TOELICHTING_MAX, required=False)
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
        mensen = len({b.auteur_id or f"x{b.pk}" for b in bijdragen})
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
        return {"rijen": rijen, "mensen": mensen}

    def summary(self, oefening, bijdragen, tekst=None):
        return [
            f"{r['optie']['label']}: {r['aantal']}"
            for r in self.aggregate(oefening, bijdragen, perspectieven={})["rijen"]
            if r["aantal"]
        ]


@register
class Checklist(Kind):
    key = "checklist"
    label = _("Checklist")
    antwoord_per_persoon = True
    allowed_settings = {"items"}

    def validate_settings(self, instellingen):
        super().validate_settings(instellingen)
        _check_keyed_list(instellingen.get("items"), "items")

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
        mensen = len({b.auteur_id or f"x{b.pk}" for b in bijdragen})
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
            for p in _perspectief_labels():
                groep_mensen = per_persp_mensen.get(p.value, set())
                if len(groep_mensen) >= MIN_GROEP:
                    n = sum(1 for b in antwoorden if b.auteur_id in groep_mensen)
                    rij["perspectieven"].append(
                        {"perspectief": p.label, "mensen": len(groep_mensen), "aantal": n}
                    )
            rijen.append(rij)
        te_klein = [
            p.label for p in _perspectief_labels() if 0 < len(per_persp_mensen.get(p.value, ())) < MIN_GROEP
        ]
        return {"rijen": rijen, "mensen": mensen, "te_klein": te_klein}

    def summary(self, oefening, bijdragen, tekst=None):
        agg = self.aggregate(oefening, bijdragen, perspectieven={})
        return [
            gettext("%(label)s: %(n)s van %(m)s")
            % {"label": r["item"]["label"], "n": r["aantal"], "m": agg["mensen"]}
            for r in agg["rijen"]
            if r["aantal"]
        ]


def _perspectief_labels():
    from trajecten.models import Perspectief

    return list(Perspectief)


@register
class Tijdlijn(Kind):
    key = "tijdlijn"
    label = _("Tijdlijn")
    allowed_settings = {"voorbeelden"}

    def validate_settings(self, instellingen):
        super().validate_settings(instellingen)
        _check_str_list(instellingen.get("voorbeelden"), "voorbeelden")

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
            "tekst": _tekstveld(_("Wat gebeurde er?"), rows=2),
            "toelichting": _tekstveld(
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


@register
class Kompas(Kind):
    key = "kompas"
    label = _("Kompas")
    allowed_settings = {"richtingen"}

    def validate_settings(self, instellingen):
        super().validate_settings(instellingen)
        _check_keyed_list(instellingen.get("richtingen"), "richtingen", exact=4)

    def richtingen(self, oefening):
        return oefening.instellingen_vertaald.get("richtingen", [])

    def clean_data(self, oefening, data):
        if data.get("item") not in {r["key"] for r in self.richtingen(oefening)}:
            raise ValidationError({"richting": _("Kies een richting van het kompas.")})
        return {"item": data["item"], "tekst": _kaart_clean(data)}

    def form_fields(self, oefening):
        return {
            "richting": forms.ChoiceField(
                label=_("Richting"),
                choices=[("", gettext("Kies…"))]
                + [(r["key"], r["label"]) for r in self.richtingen(oefening)],
                required=False,
            ),
            "tekst": _tekstveld(_("Kaart")),
        }

    def data_from_form(self, oefening, cleaned):
        return [{"item": cleaned.get("richting"), "tekst": cleaned.get("tekst")}]

    def aggregate(self, oefening, bijdragen, *, perspectieven, tekst=None):
        per = defaultdict(list)
        for b in bijdragen:
            per[b.item].append(b)
        return {
            "richtingen": [
                {"richting": r, "kaarten": per.get(r["key"], [])} for r in self.richtingen(oefening)
            ]
        }

    def is_complete(self, oefening, bijdragen, tekst=None):
        gevuld = {b.item for b in bijdragen}
        return all(r["key"] in gevuld for r in self.richtingen(oefening))

    def summary(self, oefening, bijdragen, tekst=None):
        return [
            f"{r['richting']['label']}: " + "; ".join(b.tekst for b in r["kaarten"])
            for r in self.aggregate(oefening, bijdragen, perspectieven={})["richtingen"]
            if r["kaarten"]
        ]


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
                _settings_error(
                    _("'%(as)s' moet een object zijn met een 'label' en 'waarden'."), **{"as": as_}
                )
            _check_keyed_list(spec.get("waarden"), f"{as_}.waarden", exact=2)

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
            tekst = _kaart_clean(data)
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
            "tekst": _tekstveld(_("Kaart")),
        }

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
