"""What every exercise kind shares: the registry, the base class and the checks of `instellingen`.

One module per kind in this package (kaarten, tekst, ...) registers its class under its key
(Oefening.soort), with its partial beside it by name (oefeningen/soorten/<key>.html). The
registry is the only list of kinds: the model's choices come from `keuzes()`, and every
difference between kinds is an attribute or a method of `Kind`, so a new kind is one
module, one partial and fixture rows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from trajecten import zichtbaarheid
from trajecten.weergave import weergavenaam

KAART_MAX = 500
TOELICHTING_MAX = 2000
TEKST_MAX = 20000

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


def keuzes() -> list[tuple[str, str]]:
    """The choices of Oefening.soort: every registered kind (a callable, so no migration)."""
    return [(key, kind.label) for key, kind in _REGISTRY.items()]


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


def settings_error(message, **params):
    raise ValidationError(message, params=params)


def check_dict(instellingen) -> dict:
    if not isinstance(instellingen, dict):
        settings_error(_("De instellingen moeten een JSON-object zijn."))
    return instellingen


def check_keyed_list(value, naam: str, *, minimaal: int = 1, exact: int | None = None) -> list[dict]:
    if not isinstance(value, list) or len(value) < minimaal:
        settings_error(
            _("'%(naam)s' moet een lijst zijn met minstens %(n)s onderdelen."), naam=naam, n=minimaal
        )
    if exact is not None and len(value) != exact:
        settings_error(_("'%(naam)s' moet precies %(n)s onderdelen hebben."), naam=naam, n=exact)
    keys = set()
    for entry in value:
        if not isinstance(entry, dict) or not isinstance(entry.get("key"), str) or not entry.get("key"):
            settings_error(_("Elk onderdeel van '%(naam)s' heeft een 'key' (tekst) nodig."), naam=naam)
        if not isinstance(entry.get("label"), str) or not entry["label"].strip():
            settings_error(_("Elk onderdeel van '%(naam)s' heeft een 'label' nodig."), naam=naam)
        if len(entry["key"]) > 40 or "|" in entry["key"]:
            settings_error(_("De key '%(key)s' is te lang of bevat '|'."), key=entry["key"])
        if entry["key"] in keys:
            settings_error(_("De key '%(key)s' staat twee keer in '%(naam)s'."), key=entry["key"], naam=naam)
        keys.add(entry["key"])
    return value


def check_str_list(value, naam: str):
    if value is None:
        return
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        settings_error(_("'%(naam)s' moet een lijst met teksten zijn."), naam=naam)


# Settings that are text a person reads: each may have an English twin, `sjabloon_en`...
VERTAALBAAR = {"kaartlabel", "sjabloon", "min_label", "max_label", "voorbeelden"}


def check_known_keys(instellingen: dict, allowed: set[str]):
    twins = {f"{k}_en" for k in allowed & VERTAALBAAR}
    unknown = sorted(set(instellingen) - allowed - twins)
    if unknown:
        settings_error(_("Onbekende instelling(en): %(namen)s."), namen=", ".join(unknown))
    for twin in sorted(twins & set(instellingen)):
        dutch = instellingen.get(twin[:-3])
        if isinstance(dutch, list):
            check_str_list(instellingen[twin], twin)
            if len(instellingen[twin]) != len(dutch):
                settings_error(_("'%(naam)s' moet even lang zijn als de Nederlandse lijst."), naam=twin)
        elif not isinstance(instellingen[twin], str):
            settings_error(_("'%(naam)s' moet een tekst zijn."), naam=twin)


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


def verdeling(key, label, waarden: list[tuple[Any, str]], gekozen: list[Any], mensen: int) -> Verdeling:
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


def splits_per_perspectief(antwoorden: list, perspectieven: dict[int, str], maak) -> list[dict]:
    """Answers split by the authors' perspective; a group below the small-group minimum is hidden."""
    from trajecten.models import Perspectief

    groepen = defaultdict(list)
    for b in antwoorden:
        if b.auteur_id and b.auteur_id in perspectieven:
            groepen[perspectieven[b.auteur_id]].append(b)
    result = []
    for p in Perspectief:
        groep = groepen.get(p.value, [])
        mensen = len({b.auteur_id for b in groep})
        zichtbaar = zichtbaarheid.aggregaat_zichtbaar(mensen)
        result.append(
            {
                "perspectief": p.label,
                "mensen": mensen,
                "zichtbaar": zichtbaar,
                "verdeling": maak(groep) if zichtbaar else None,
            }
        )
    return [r for r in result if r["mensen"]]


def perspectief_labels():
    from trajecten.models import Perspectief

    return list(Perspectief)


# -- the base class ------------------------------------------------------------------------


class Kind:
    key: str = ""
    label = ""
    # True: a person's submit replaces their earlier answer (schaal, keuze, checklist).
    # False: each submit adds one more item (kaarten, tijdlijn, kompas, matrix).
    antwoord_per_persoon = False
    # True: single answers only mean something together (ratings, ticks): never shown or
    # exported with a name (trajecten.zichtbaarheid).
    alleen_samen = False
    stemmen = False  # dot votes on the items
    # The team writes one shared text (GedeeldeTekst) instead of contributions (tekst).
    gedeelde_tekst = False
    # A begeleider groups the contributions into named clusters (kaarten).
    clusters = False
    # The team view compares the answers per perspective (schaal, checklist).
    per_perspectief = False
    # An empty submit is an answer too: nothing applies (checklist).
    leeg_antwoord = False
    # A contribution is a card with only a text, `{"tekst": ...}`, so a live session's
    # cards go straight in (kaarten).
    kaart_invoer = False
    allowed_settings: set[str] = set()

    @property
    def partial(self) -> str:
        return f"oefeningen/soorten/{self.key}.html"

    def validate_settings(self, instellingen) -> None:
        check_known_keys(check_dict(instellingen), self.allowed_settings)

    # A contribution's data: {"item", "tekst", "toelichting", "waarde", "datum"}.
    def clean_data(self, oefening, data: dict) -> dict:
        raise NotImplementedError

    def form_fields(self, oefening) -> dict[str, forms.Field]:
        return {}

    def form_initial(self, bijdragen_van_persoon: list) -> dict:
        return {}

    def bewerk_initial(self, bijdrage) -> dict:
        """The edit form's starting values for one existing contribution."""
        return {"tekst": bijdrage.tekst, "toelichting": bijdrage.toelichting, "datum": bijdrage.datum}

    def een_keuze(self, oefening) -> bool:
        """True when a person holds one item at a time: a new one replaces the others (keuze)."""
        return False

    def data_from_form(self, oefening, cleaned: dict) -> list[dict]:
        """One data dict per contribution the submitted form stands for."""
        return [cleaned]

    def aggregate(self, oefening, bijdragen: list, *, perspectieven: dict[int, str], tekst=None) -> dict:
        return {"bijdragen": bijdragen}

    def is_complete(self, oefening, bijdragen: list, tekst=None) -> bool:
        return bool(bijdragen)

    def summary(self, oefening, bijdragen: list, tekst=None) -> list[str]:
        return [b.tekst for b in bijdragen if b.tekst]


class MetStemmen:
    """Dot votes on the cards (kaarten, kompas): `stemmen_per_persoon` dots per person per
    exercise (default 3, 0 switches voting off), kept by services.stem_uitbrengen."""

    stemmen = True

    def check_stemmen(self, instellingen: dict) -> None:
        stemmen = instellingen.get("stemmen_per_persoon", 3)
        if not isinstance(stemmen, int) or isinstance(stemmen, bool) or not 0 <= stemmen <= 20:
            settings_error(_("'stemmen_per_persoon' moet een getal van 0 tot en met 20 zijn."))

    def stemmen_per_persoon(self, oefening) -> int:
        return int(oefening.instellingen_vertaald.get("stemmen_per_persoon", 3))


def met_stemmen(bijdrage) -> str:
    """A card's text for a summary line, with its votes when it has any: "Tekst (2 stemmen)"."""
    n = getattr(bijdrage, "aantal_stemmen", 0)
    return (
        f"{bijdrage.tekst} ({ngettext('%(n)s stem', '%(n)s stemmen', n) % {'n': n}})" if n else bijdrage.tekst
    )


def kaart_clean(data: dict) -> str:
    try:
        return schone_tekst(data.get("tekst"), max_lengte=KAART_MAX)
    except ValidationError as error:
        raise ValidationError({"tekst": error.messages}) from error


def tekstveld(label, *, max_lengte=KAART_MAX, rows=3, required=True):
    return forms.CharField(
        label=label,
        required=False,  # emptiness is checked by the kind, with our own message
        strip=False,
        # maxlength and the counter (static/js/fouten.js) show the limit before it bites; the
        # kind's own check stays, with its message, for what the browser does not stop.
        widget=forms.Textarea(attrs={"rows": rows, "maxlength": max_lengte}),
        help_text=_("Hoogstens %(max)s tekens.") % {"max": max_lengte} if required else "",
    )
