"""The authorization table: every URL of the project, every actor, the expected status.

Each app lists its cases in tests/<app>/authz_cases.py as CASES = [Case(...), ...].
tests/test_authorization.py collects them all and fails for any URL pattern that
has no case, so a new view cannot forget its access check.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ANON_REDIRECT = 302

# Shorthands for the common shapes of expectations.
# Every member of the team (and the organisation's leidinggevende) may read.
LEZEN_LEDEN = {
    "anoniem": 302,
    "buitenstaander": 404,
    "teamlid": 200,
    "begeleider": 200,
    "leidinggevende": 200,
}
# Only the begeleider may do this; other members get 403, outsiders 404.
ALLEEN_BEGELEIDER = {
    "anoniem": 302,
    "buitenstaander": 404,
    "teamlid": 403,
    "begeleider": 200,
    "leidinggevende": 403,
}
# Begeleider and leidinggevende may; a teamlid may not.
BEGELEIDER_EN_LEIDING = {
    "anoniem": 302,
    "buitenstaander": 404,
    "teamlid": 403,
    "begeleider": 200,
    "leidinggevende": 200,
}
# A write that every member may do.
SCHRIJVEN_LEDEN = LEZEN_LEDEN
# A GET on a URL that only accepts POST: 405 for everyone who gets that far.
ALLEEN_POST = {
    "anoniem": 302,
    "buitenstaander": 405,
    "teamlid": 405,
    "begeleider": 405,
    "leidinggevende": 405,
}


def expect(base: dict[str, int], **overrides: int) -> dict[str, int]:
    """A copy of `base` with some actors' statuses changed (e.g. success=302)."""
    result = dict(base)
    result.update(overrides)
    return result


def success_as(base: dict[str, int], status: int) -> dict[str, int]:
    """Replace every 200 in `base` by `status` (a POST that redirects on success)."""
    return {actor: (status if code == 200 else code) for actor, code in base.items()}


@dataclass
class Case:
    name: str  # "namespace:url_name"
    method: str  # "get" or "post"
    url: Callable[[Any], str]  # (world) -> path
    expect: dict[str, int]
    data: Callable[[Any], dict] = field(default=lambda world: {})
    # Optional: (world) -> None, run before the request (create objects the URL needs).
    setup: Callable[[Any], Any] | None = None
    id: str = ""

    def __str__(self):
        return self.id or f"{self.method.upper()} {self.name}"
