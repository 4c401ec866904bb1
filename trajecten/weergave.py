"""How a person is named on every page, export and PDF: one rule."""

from __future__ import annotations


def weergavenaam(user) -> str:
    """The person's full name, or their username when they gave no name; "" for nobody."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()
