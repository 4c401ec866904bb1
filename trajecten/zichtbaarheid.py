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

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db.models import Q
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


def beheer_tekst(tekst: str, *, verborgen: bool, achtergehouden: str = "") -> str:
    """A contribution in the admin's lists: what a team member could read there, nothing more."""
    if verborgen:
        return gettext("(verborgen tot onthullen)")
    if achtergehouden:
        return gettext("(achtergehouden: %(reden)s)") % {"reden": achtergehouden}
    return tekst[:60]


def beheer_naam(naam: str, *, anoniem: bool, kind=None, verborgen: bool = False) -> str:
    """The writer's name in the admin's lists, by the same rules as on the pages (before the
    reveal not even who wrote in a hidden exercise)."""
    if verborgen:
        return gettext("(verborgen tot onthullen)")
    if kind is not None and not naam_bij_antwoord(kind):
        return gettext("(geen naam: telt alleen samen)")
    if anoniem or not naam:
        return gettext("anoniem")
    return naam


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
BEWIJS_SOORTEN = ("b", "i")


def bewijs(request, soort: str = "b") -> frozenset[int]:
    """The anonymous contributions this browser sent for the person logged in.

    `soort` "b": exercise contributions (oefeningen Bijdrage); "i": cards of a live session
    (bijeenkomsten Inbreng) that are not also an exercise contribution's.
    """
    nieuw = getattr(request, "_anoniem_bewijs_nieuw", {}).get(soort, ())
    ruw = request.COOKIES.get(BEWIJS_COOKIE)
    if not ruw or not request.user.is_authenticated:
        return frozenset(nieuw)
    try:
        data = signing.loads(ruw, salt=BEWIJS_ZOUT, max_age=timedelta(days=BEWIJS_DAGEN))
    except signing.BadSignature:
        return frozenset(nieuw)
    if not isinstance(data, dict) or data.get("u") != request.user.pk:
        return frozenset(nieuw)
    return frozenset(i for i in data.get(soort, ()) if isinstance(i, int)) | frozenset(nieuw)


def onthoud(request, ids, soort: str = "b") -> None:
    """Remember, for this request and `bewaar`, anonymous contributions just sent."""
    nieuw = getattr(request, "_anoniem_bewijs_nieuw", {})
    nieuw[soort] = set(nieuw.get(soort, ())) | set(ids)
    request._anoniem_bewijs_nieuw = nieuw


def bewaar(request, response):
    """Write the receipt cookie when this request sent anonymous contributions."""
    if not any(getattr(request, "_anoniem_bewijs_nieuw", {}).values()):
        return response
    data = {"u": request.user.pk}
    for soort in BEWIJS_SOORTEN:
        data[soort] = sorted(bewijs(request, soort))[-BEWIJS_MAX:]
    response.set_cookie(
        BEWIJS_COOKIE,
        signing.dumps(data, salt=BEWIJS_ZOUT, compress=True),
        max_age=BEWIJS_DAGEN * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def eigen_filter(kijker, bewijs: frozenset[int]) -> Q:
    """`is_eigen` as a database filter: the viewer's named ones and their receipts' anonymous ones."""
    if kijker is None:
        return Q(pk__in=[])
    return Q(auteur=kijker) | Q(pk__in=list(bewijs), auteur=None)


def is_eigen(bijdrage, kijker_id, bewijs: frozenset[int]) -> bool:
    """Whether the viewer wrote this: their name is on it, or their browser holds its receipt."""
    if bijdrage.auteur_id is None:
        return bijdrage.pk in bewijs
    return bijdrage.auteur_id == kijker_id


# -- what one viewer reads of a list of contributions ------------------------------------------


@dataclass
class Inzage:
    """The contributions a viewer sees, and (reason, how many) of what was held back from them."""

    getoond: list
    achtergehouden: list[tuple[str, int]]


def _achtergehouden(rijen, reden) -> list[tuple[str, int]]:
    return sorted(Counter(reden(r) for r in rijen).items())


def inzage(alle, *, kijker_id, bewijs: frozenset[int], moderator: bool) -> Inzage:
    """What the begeleider held back reaches only its writer and the begeleider (`moderator`);
    the others read how many and why, never silently."""
    getoond = [b for b in alle if moderator or not b.achtergehouden or is_eigen(b, kijker_id, bewijs)]
    ids = {b.pk for b in getoond}
    weg = [b for b in alle if b.pk not in ids]
    return Inzage(
        getoond=getoond, achtergehouden=_achtergehouden(weg, lambda b: b.get_achtergehouden_display())
    )


@dataclass
class Sessiekaarten:
    """What a screen of a live session shows of one block's cards (`kaarten`, each with
    `getoonde_naam`), out of `aantal` that came in."""

    kaarten: list
    aantal: int
    verborgen: bool
    achtergehouden: list[tuple[str, int]]
    oefening_verborgen: bool = False

    @property
    def melding(self) -> str:
        if self.oefening_verborgen:
            return ngettext(
                "%(n)s antwoord binnen. De oefening is verborgen tot onthullen: "
                "de antwoorden komen pas op het scherm als de begeleider ze onthult.",
                "%(n)s antwoorden binnen. De oefening is verborgen tot onthullen: "
                "de antwoorden komen pas op het scherm als de begeleider ze onthult.",
                self.aantal,
            ) % {"n": self.aantal}
        return ngettext(
            "%(n)s antwoord binnen. De antwoorden zijn nog verborgen.",
            "%(n)s antwoorden binnen. De antwoorden zijn nog verborgen.",
            self.aantal,
        ) % {"n": self.aantal}


@dataclass(frozen=True)
class SessieModus:
    """Whether names come with what a participant sends in this block, said before they send."""

    anoniem: bool  # the begeleider made the block anonymous: no names at all
    keuze: bool  # the participant may choose to send anonymously

    @property
    def uitleg(self) -> str:
        if self.anoniem:
            return gettext("Deze vraag is anoniem: namen komen er niet bij, ook niet later.")
        if self.keuze:
            return gettext("Je voornaam komt bij je antwoord, tenzij je 'Anoniem versturen' aanvinkt.")
        return gettext("Je voornaam komt bij je antwoord.")


def sessie_modus(*, anoniem: bool, keuze: bool) -> SessieModus:
    """`keuze`: the block's exercise allows anonymous answers (a block without one does)."""
    return SessieModus(anoniem=anoniem, keuze=keuze and not anoniem)


def _held_back(kaart) -> str:
    return kaart.bijdrage.achtergehouden if kaart.bijdrage_id else ""


def sessiekaarten(kaarten, *, anoniem: bool, tonen: bool, oefening_verborgen: bool) -> Sessiekaarten:
    """The one rule for every channel of a live session: the presenter and phone screens, their
    polls, the report and the export of a session's cards.

    Held back by the begeleider: never shown, counted with its reason. An anonymous block
    (`anoniem`) shows no names, whatever a card still carries. The block's switch (`tonen`) and
    a hidden exercise (`oefening_verborgen`, until the reveal) keep the texts off every screen:
    only how many came in.
    """
    weg = [k for k in kaarten if _held_back(k)]
    zichtbaar = [k for k in kaarten if not _held_back(k)]
    for kaart in zichtbaar:
        kaart.getoonde_naam = "" if anoniem else kaart.naam
    verborgen = not tonen or oefening_verborgen
    return Sessiekaarten(
        kaarten=[] if verborgen else zichtbaar,
        aantal=len(zichtbaar),
        verborgen=verborgen,
        achtergehouden=_achtergehouden(weg, lambda k: k.bijdrage.get_achtergehouden_display()),
        oefening_verborgen=oefening_verborgen,
    )
