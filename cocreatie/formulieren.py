"""Small form helpers every app shares."""

from django import forms
from django.core.exceptions import ValidationError

# The largest id any of our tables hands out (PostgreSQL's bigint); larger input is no id.
MAX_ID = 2**63 - 1


def id_uit(data, naam: str) -> int | None:
    """The positive id posted under `naam`, or None when it is missing or not an id.

    Views read ids of related rows this way, so "abc", "-1" or a 30-digit number posted by a
    crawler or a stale form answers 400/404 instead of reaching the database as a 500.
    """
    veld = forms.IntegerField(min_value=1, max_value=MAX_ID, required=False)
    try:
        return veld.clean(data.get(naam))
    except ValidationError:
        return None
