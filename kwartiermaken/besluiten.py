"""The go/no-go decision as pages, the overview, its CSV and the plan read it: what was
decided, how the three preconditions were weighed, which motives were ruled out, the
conditions of a go (plan actions, with their status) and one sentence on what it means now.

`besluit_voor(traject)` (re-exported by `selectors`) is the read other apps use; each
function here uses a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plan.models import Actie
from trajecten.models import Traject
from trajecten.weergave import weergavenaam

from .models import MOTIEVEN, Besluit, Oordeel, Voorwaarde

# Trajectory statuses that still say "we are working on it".
ACTIEF = (Traject.Status.GEPLAND, Traject.Status.ACTIEF)


@dataclass(frozen=True)
class RandvoorwaardeStand:
    key: str  # ondersteuning, financiering, draagvlak
    label: str
    oordeel: str  # an Oordeel key, or "" for a decision recorded before the weighing existed
    oordeel_label: str
    toelichting: str


@dataclass(frozen=True)
class VoorwaardeStand:
    """A condition of a go onder voorwaarden, read from its plan action."""

    actie_id: int
    wat: str
    eigenaar: str  # display name, "" when nobody
    wanneer: date | None
    status: str  # plan.Actie.Status key
    status_label: str

    @property
    def geregeld(self) -> bool:
        return self.status == Actie.Status.KLAAR


@dataclass(frozen=True)
class BesluitStand:
    keuze: str  # a Besluit.Keuze key
    keuze_label: str
    datum: date
    naam: str  # who took it ("" once erased)
    redenen: str
    randvoorwaarden: tuple[RandvoorwaardeStand, ...]
    motieven_uitgesloten: tuple[str, ...]  # labels of the don'ts ruled out
    vervolg: str  # for a no-go: a Besluit.Vervolg key, or ""
    opnieuw_op: date | None
    voorwaarden: tuple[VoorwaardeStand, ...]
    betekenis: str  # one plain sentence: what the decision means now

    @property
    def is_go(self) -> bool:
        return self.keuze in (Besluit.Keuze.GO, Besluit.Keuze.GO_VOORWAARDEN)

    @property
    def is_gestopt(self) -> bool:
        return self.keuze == Besluit.Keuze.NO_GO and self.vervolg == Besluit.Vervolg.STOPPEN

    @property
    def opnieuw_kijken_verlopen(self) -> bool:
        """A no-go to wait whose date to look again has come."""
        return bool(self.keuze == Besluit.Keuze.NO_GO and self.opnieuw_op and self.opnieuw_op <= _vandaag())

    @property
    def voorwaarden_geregeld(self) -> int:
        return sum(v.geregeld for v in self.voorwaarden)

    @property
    def alle_motieven_uitgesloten(self) -> bool:
        return len(self.motieven_uitgesloten) == len(MOTIEVEN)


def _vandaag() -> date:
    return timezone.localdate()


def _datum(d: date) -> str:
    return date_format(d, "j F Y")


def betekenis(besluit: Besluit, voorwaarden: tuple[VoorwaardeStand, ...]) -> str:
    """What the decision means for the trajectory now, in one sentence."""
    if besluit.keuze == Besluit.Keuze.GO:
        return _("Go: jullie gaan door met fase 1.")
    if besluit.keuze == Besluit.Keuze.GO_VOORWAARDEN:
        totaal, geregeld = len(voorwaarden), sum(v.geregeld for v in voorwaarden)
        return ngettext(
            "Go onder voorwaarden: %(n)s van %(m)s voorwaarde geregeld.",
            "Go onder voorwaarden: %(n)s van %(m)s voorwaarden geregeld.",
            totaal,
        ) % {"n": geregeld, "m": totaal}
    if besluit.vervolg == Besluit.Vervolg.STOPPEN:
        return _("No-go: gestopt. Jullie beginnen (nu) niet met ervaringsdeskundigen.")
    if besluit.vervolg == Besluit.Vervolg.WACHTEN and besluit.opnieuw_op:
        if besluit.opnieuw_op <= _vandaag():
            return _("No-go: jullie zouden op %(datum)s opnieuw kijken. Neem een nieuw besluit.") % {
                "datum": _datum(besluit.opnieuw_op)
            }
        return _("No-go: het traject staat stil tot %(datum)s, dan kijken jullie opnieuw.") % {
            "datum": _datum(besluit.opnieuw_op)
        }
    return _("No-go: er is niet vastgelegd of jullie stoppen of wachten.")


def fase_2_woord(stand: BesluitStand | None) -> str:
    """What fase 2 begun without a go means, given the decision that counts now."""
    if stand is None:
        return _("Fase 2 is gestart zonder go-besluit. Neem alsnog een go/no-go-besluit.")
    if stand.is_go:
        return ""
    return _(
        "Fase 2 is gestart, maar het besluit is no-go. Stop het werk aan fase 2, of neem een nieuw besluit."
    )


def _voorwaarde_stand(v: Voorwaarde) -> VoorwaardeStand:
    a = v.actie
    return VoorwaardeStand(a.pk, a.wat, weergavenaam(a.eigenaar), a.wanneer, a.status, a.get_status_display())


def stand(besluit: Besluit, voorwaarden: list[Voorwaarde]) -> BesluitStand:
    """The decision with its conditions (read beforehand) as a BesluitStand; no queries."""
    oordelen = dict(Oordeel.choices)
    gesloten = set(besluit.motieven_uitgesloten or [])
    condities = (
        tuple(_voorwaarde_stand(v) for v in voorwaarden)
        if besluit.keuze == Besluit.Keuze.GO_VOORWAARDEN
        else ()
    )
    return BesluitStand(
        keuze=besluit.keuze,
        keuze_label=besluit.get_keuze_display(),
        datum=besluit.datum,
        naam=besluit.naam,
        redenen=besluit.redenen,
        randvoorwaarden=tuple(
            RandvoorwaardeStand(key, str(label), oordeel, str(oordelen.get(oordeel, "")), toelichting)
            for key, label, oordeel, toelichting in besluit.randvoorwaarden()
        ),
        motieven_uitgesloten=tuple(str(label) for key, label in MOTIEVEN if key in gesloten),
        vervolg=besluit.vervolg,
        opnieuw_op=besluit.opnieuw_op,
        voorwaarden=condities,
        betekenis=betekenis(besluit, condities),
    )


def _voorwaarden(**where) -> list[Voorwaarde]:
    return list(
        Voorwaarde.objects.filter(**where).select_related("actie__eigenaar").order_by("volgorde", "pk")
    )


def voorwaarden_van(traject) -> list[Voorwaarde]:
    """The conditions of the trajectory's go onder voorwaarden, with their actions: one query."""
    return _voorwaarden(traject=traject)


def besluit_voor(traject) -> BesluitStand | None:
    """The decision that counts now (the latest) for one trajectory, or None: two queries."""
    besluit = Besluit.objects.filter(traject=traject).order_by("-datum", "-vastgelegd_op", "-pk").first()
    if besluit is None:
        return None
    return stand(besluit, _voorwaarden(traject=traject))


def besluiten_voor(trajecten, *, organisatie=None) -> dict[int, BesluitStand]:
    """{traject_id: BesluitStand} for many trajectories (the overview): two queries."""
    where = (
        {"traject__team__organisatie": organisatie}
        if organisatie is not None
        else {"traject__in": [t.pk for t in trajecten]}
    )
    laatste: dict[int, Besluit] = {}
    for besluit in Besluit.objects.filter(**where).order_by("traject_id", "-datum", "-vastgelegd_op", "-pk"):
        laatste.setdefault(besluit.traject_id, besluit)
    per_traject: dict[int, list[Voorwaarde]] = {}
    for v in _voorwaarden(**where):
        per_traject.setdefault(v.traject_id, []).append(v)
    return {tid: stand(b, per_traject.get(tid, [])) for tid, b in laatste.items()}
