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
