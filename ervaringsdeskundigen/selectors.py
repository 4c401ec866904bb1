"""Reads of this app that several channels share."""

from __future__ import annotations

from typing import Any

from .models import Plek


def plek_gegevens(plek: Plek) -> dict[str, Any]:
    """An ED place as data, one shape for the trajectory export and "Mijn gegevens".

    Lists stay lists here; a flat export joins them itself.
    """
    return {
        "titel": plek.titel,
        "rollen_boek": list(plek.rollen_boek),
        "rollen_handreiking": list(plek.rollen_handreiking),
        "werkvelden": list(plek.werkvelden),
        "statuut": plek.statuut,
        "uren_per_week": float(plek.uren_per_week),
        "startdatum": plek.startdatum.isoformat() if plek.startdatum else None,
        "positie": plek.positie,
        "positie_team": plek.positie_team,
        "leidinggevende": plek.leidinggevende_naam,
        "maatje": plek.maatje,
        "intervisie": plek.intervisie,
        "supervisie": plek.supervisie,
        "beroepsvereniging": plek.beroepsvereniging,
        "scholing": plek.scholing,
        "pad_naar_betaald": plek.pad_naar_betaald,
    }
