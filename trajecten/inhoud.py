"""Content in two languages: one rule for every app's fixtures.

Content (chapters, exercises and their settings, phases, steps, scan questions) keeps its
Dutch text in a field and its English text in the same field with `_en` after it, on a
model (`titel`, `titel_en`) or in a settings dict from a fixture (`label`, `label_en`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import get_language


def is_engels() -> bool:
    return (get_language() or "nl").startswith("en")


def vertaald(bron: Any, veld: str) -> str:
    """The English text when the interface is English and it exists, else the Dutch one.

    `bron` is a model instance or a dict from an exercise's settings.
    """
    if isinstance(bron, Mapping):
        if is_engels() and bron.get(f"{veld}_en"):
            return bron[f"{veld}_en"]
        return bron.get(veld, "")
    if is_engels():
        en = getattr(bron, f"{veld}_en", "")
        if en:
            return en
    return getattr(bron, veld)


def vertaald_veld(veld: str) -> property:
    """A model property: `titel_vertaald = vertaald_veld("titel")`."""
    return property(lambda self: vertaald(self, veld), doc=f"`{veld}` in the interface language.")


def vertaalde_instellingen(bron: Any) -> Any:
    """An exercise's settings with every `x` replaced by `x_en` when the interface is English.

    Works on any nesting of dicts and lists (`items[].label`, `x.waarden[].label`,
    `voorbeelden`, `sjabloon`...); a missing or empty English text keeps the Dutch one.
    In Dutch the settings come back as they are.
    """
    if not is_engels():
        return bron
    return _engels(bron)


def _engels(bron: Any) -> Any:
    if isinstance(bron, list):
        return [_engels(v) for v in bron]
    if not isinstance(bron, Mapping):
        return bron
    uit = {}
    for sleutel, waarde in bron.items():
        if sleutel.endswith("_en"):
            continue
        en = bron.get(f"{sleutel}_en")
        if en and (not isinstance(waarde, list) or len(en) == len(waarde)):
            uit[sleutel] = en
        else:
            uit[sleutel] = _engels(waarde)
    return uit
