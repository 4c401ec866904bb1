"""The admin's lists of people's contributions follow the visibility policy in every column."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class _Rij:
    """Stands in for a row where the admin would print the object itself (the checkbox's label)."""

    pk: int
    label: str

    def __str__(self) -> str:
        return self.label


class BeleidsLijst:
    """Mix into a ModelAdmin whose `lijst_label` words a row by trajecten.zichtbaarheid."""

    def lijst_label(self, obj) -> str:
        raise NotImplementedError

    def action_checkbox(self, obj):
        return super().action_checkbox(_Rij(obj.pk, self.lijst_label(obj)))
