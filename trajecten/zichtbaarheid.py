"""Who sees what: the rules every channel asks before it shows people's answers.

Small groups (issue 13): an aggregate of people's answers (a spread, an average, counts per
option, a scan round, a split by perspective) is shown only from `minimum()` people up, on
every page, in the plan and its PDF and in the exports. Below it a viewer reads how many
answers there are and from how many they appear (`Drempel`). The minimum is the setting
COCREATIE_GROEP_MINIMUM (3 unless set).

Screening: before the reveal the begeleider reads a hidden exercise without names
(`getoonde_naam`) and can hold a contribution back with a reason (oefeningen
`Bijdrage.achtergehouden`): it then reaches only its writer and the begeleider; the others
read how many were held back and why, and nothing held back is exported or printed
(`oefeningen.selectors.onthuld`).

Regret: the author of an anonymous contribution can change or withdraw it from the browser
that sent it, through a receipt only that browser holds (`bewijs`, `onthoud`, `bewaar`).

Ratings, checklist ticks and scan answers carry no names anywhere, exports and the
begeleider's list included (`naam_bij_antwoord`, `losse_antwoorden`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext, ngettext


def minimum() -> int:
    return max(1, int(getattr(settings, "COCREATIE_GROEP_MINIMUM", 3)))


@dataclass(frozen=True)
class Drempel:
    """Whether an aggregate over `mensen` people may be shown, and the words when it may not."""

    mensen: int
    minimum: int

    @property
    def zichtbaar(self) -> bool:
        return self.mensen >= self.minimum

    @property
    def uitleg(self) -> str:
        """For a viewer below the minimum: how many answers, and from how many they show."""
        return ngettext(
            "%(n)s antwoord. Wat het team antwoordde, zie je vanaf %(min)s mensen, zodat niemand herkenbaar is.",
            "%(n)s antwoorden. Wat het team antwoordde, zie je vanaf %(min)s mensen, zodat niemand herkenbaar is.",
            self.mensen,
        ) % {"n": self.mensen, "min": self.minimum}

    @property
    def kort(self) -> str:
        """The same in a line of a summary (the plan, its PDF)."""
        return ngettext(
            "%(n)s antwoord, zichtbaar vanaf %(min)s mensen",
            "%(n)s antwoorden, zichtbaar vanaf %(min)s mensen",
            self.mensen,
        ) % {"n": self.mensen, "min": self.minimum}


def mensen(bijdragen) -> int:
    """How many people gave these answers: each named person once, each anonymous answer as one."""
    return len({b.auteur_id or f"x{b.pk}" for b in bijdragen})


def drempel(mensen: int) -> Drempel:
    return Drempel(mensen=mensen, minimum=minimum())


def aggregaat_zichtbaar(mensen: int) -> bool:
    return drempel(mensen).zichtbaar


def getoonde_naam(naam: str, *, van_kijker_anoniem: bool, screening: bool) -> str:
    """The name shown beside a contribution.

    Screening (the begeleider reading a hidden exercise before the reveal) shows no names,
    so what they hold back is judged on what it says, not on who wrote it; the writer of an
    anonymous contribution reads that only they can see it is theirs.
    """
    if screening:
        return gettext("Naam verborgen tot onthullen")
    if van_kijker_anoniem:
        return gettext("Anoniem (alleen jij ziet dat dit van jou is)")
    return naam


def naam_bij_antwoord(kind) -> bool:
    """Whether a single answer of this exercise kind may be shown or exported with a name.

    Ratings and ticks only mean something together (`kind.alleen_samen`): no name anywhere,
    not even in the begeleider's list. Cards and choices with their reasons are shown with
    their author's name, as on the page (anonymous ones have none stored).
    """
    return not kind.alleen_samen


def losse_antwoorden(kind, bijdragen: list) -> list:
    """The begeleider's list of single answers (to remove one by mistake or abuse): for kinds
    that only mean something together, none below the small-group minimum, and sorted by
    answer rather than by time, so no row can be traced to a person."""
    if naam_bij_antwoord(kind):
        return list(bijdragen)
    if not aggregaat_zichtbaar(mensen(bijdragen)):
        return []
    return sorted(bijdragen, key=lambda b: (b.item, b.waarde if b.waarde is not None else -1, b.toelichting))


# -- regret: the author of an anonymous contribution ----------------------------------------------
#
# Nothing stored links an anonymous contribution to its author. So that they can still change
# or withdraw it, their browser alone keeps a signed receipt (a cookie) listing the ids of the
# anonymous contributions it sent, bound to the account that sent them (a shared laptop in a
# team room does not hand them to the next person). The server keeps no copy.

BEWIJS_COOKIE = "cocreatie_anoniem"
BEWIJS_ZOUT = "cocreatie.anoniem-bewijs"
BEWIJS_MAX = 200  # the newest receipts are kept
BEWIJS_DAGEN = 180


def bewijs(request) -> frozenset[int]:
    """The anonymous contributions this browser sent for the person logged in."""
    nieuw = getattr(request, "_anoniem_bewijs_nieuw", ())
    ruw = request.COOKIES.get(BEWIJS_COOKIE)
    if not ruw or not request.user.is_authenticated:
        return frozenset(nieuw)
    try:
        data = signing.loads(ruw, salt=BEWIJS_ZOUT, max_age=timedelta(days=BEWIJS_DAGEN))
    except signing.BadSignature:
        return frozenset(nieuw)
    if not isinstance(data, dict) or data.get("u") != request.user.pk:
        return frozenset(nieuw)
    return frozenset(i for i in data.get("b", ()) if isinstance(i, int)) | frozenset(nieuw)


def onthoud(request, ids) -> None:
    """Remember, for this request and `bewaar`, anonymous contributions just sent."""
    request._anoniem_bewijs_nieuw = set(getattr(request, "_anoniem_bewijs_nieuw", ())) | set(ids)


def bewaar(request, response):
    """Write the receipt cookie when this request sent anonymous contributions."""
    if not getattr(request, "_anoniem_bewijs_nieuw", None):
        return response
    ids = sorted(bewijs(request))[-BEWIJS_MAX:]
    response.set_cookie(
        BEWIJS_COOKIE,
        signing.dumps({"u": request.user.pk, "b": ids}, salt=BEWIJS_ZOUT, compress=True),
        max_age=BEWIJS_DAGEN * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response
