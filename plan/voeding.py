"""Which exercises answer which of the plan's seven decisions: the one mapping.

The seven decisions are the Handreiking Kwartiermaken's (Movisie 2022, "Aan de slag",
fase 1, "Maak een concreet plan"); the exercises are Ervaring werkt's (fixtures/
10_oefeningen.json, by slug). Each exercise feeds at most one decision, so the plan prints
each result once: under its decision, or in the appendix when no decision draws on it.
The exercise page names the decision through `in_plan` (registered in plan/hub.py).
"""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import Onderwerp

# {decision: exercise slugs, in the order the plan shows them}
VOEDING: dict[str, tuple[str, ...]] = {
    Onderwerp.ROLLEN: (
        "rollen-wat-is-ervaringsdeskundigheid",
        "rollen-vijf-rollen-handreiking",
        "rollen-vijf-rollen-boek",
        "rollen-instrument-of-stem",
    ),
    Onderwerp.VELDEN: ("rollen-werkterreinen", "kruisbestuiving-terreinen"),
    Onderwerp.TAAKVERDELING: ("positie-plek-in-de-organisatie", "positie-mandaat", "positie-verwachtingen"),
    Onderwerp.COMPETENTIES: ("rollen-invulling", "positie-opleiding"),
    Onderwerp.AANTAL: ("positie-meer-dan-een",),
    Onderwerp.BETALING: ("positie-statuut", "positie-tijd"),
    Onderwerp.BORGING: (
        "blik-op-morgen-evalueren",
        "ondersteuning-steun-voor-ed",
        "ondersteuning-team",
        "ondersteuning-afspraken-vooraf",
    ),
}

# The questions each decision must answer, in our words after the Handreiking.
VRAGEN: dict[str, tuple] = {
    Onderwerp.ROLLEN: (_("Welke rollen en taken passen bij het doel dat we willen bereiken?"),),
    Onderwerp.VELDEN: (
        _(
            "Gaan ervaringsdeskundigen aan de slag in hulpverlening, beleid, zelforganisaties, onderwijs of onderzoek?"
        ),
    ),
    Onderwerp.TAAKVERDELING: (
        _("Wat doet de ervaringsdeskundige, en wat doen andere professionals en vrijwilligers?"),
    ),
    Onderwerp.COMPETENTIES: (_("Wat moet een ervaringsdeskundige kunnen voor deze rollen en taken?"),),
    Onderwerp.AANTAL: (_("Met hoeveel ervaringsdeskundigen beginnen we?"),),
    Onderwerp.BETALING: (_("Hoe worden ervaringsdeskundigen betaald?"),),
    Onderwerp.BORGING: (
        _("Hoe blijft het werk bestaan als de pilot of het project stopt?"),
        _("Wie betaalt het werk na de pilot, en uit welk budget?"),
    ),
}

# {exercise slug: decision}
ONDERWERP_VAN: dict[str, str] = {slug: str(o) for o, slugs in VOEDING.items() for slug in slugs}
NUMMER: dict[str, int] = {o.value: i for i, o in enumerate(Onderwerp, start=1)}
ALLE_SLUGS: tuple[str, ...] = tuple(ONDERWERP_VAN)


def in_plan(slug: str) -> str | None:
    """The sentence on an exercise page that says where its result goes in the plan."""
    onderwerp = ONDERWERP_VAN.get(slug)
    if onderwerp is None:
        return None
    return gettext(
        "Wat jullie hier invullen, komt in het plan van aanpak bij besluit %(n)s: %(besluit)s."
    ) % {
        "n": NUMMER[onderwerp],
        "besluit": Onderwerp(onderwerp).label,
    }
