"""Signal rules from the handreiking, each checked against one trajectory's data.

A rule is a small function returning a list of Signals. The rules about the leading
coalition take its members (read once, by `signalen` or by the view that shows them);
`signalen` runs every rule and is what hub.py registers. Rules about ED places (number
of EDs, line manager, support, statuut) live in `ervaringsdeskundigen`.
"""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from trajecten.models import Traject
from trajecten.registries import Signal

from .besluiten import BesluitStand, besluit_voor, fase_2_woord
from .models import AFGEHANDELD, Besluit, CoalitieLid, CoalitieRol, FaseStart, ScanAntwoord, StapVoortgang
from .overzicht import ACTIEF
from .selectors import coalitie

BRON_FASE_1 = "Handreiking Kwartiermaken, fase 1: vorm een leidende coalitie"


BRON_BESLUIT = "Handreiking Kwartiermaken, deel 2: De verkenning (go/no-go-besluit)"


def _fase_2_begonnen(traject) -> bool:
    return FaseStart.objects.filter(traject=traject, fase__nummer=2).exists()


def fase_2_zonder_go(traject, besluit: BesluitStand | None, *, fase_2: bool | None = None) -> list[Signal]:
    # The start is read first, whatever the decision, so the query count does not depend on it.
    if not (_fase_2_begonnen(traject) if fase_2 is None else fase_2):
        return []
    if besluit is not None and besluit.is_go:
        return []
    return [Signal("kwartiermaken.fase_2_zonder_go", fase_2_woord(besluit), BRON_BESLUIT)]


def besluit_staat(besluit: BesluitStand | None) -> list[Signal]:
    """What a decision that is not a plain go means now: a no-go waiting (and once its date
    has come, time for a new decision) or a go whose conditions are not all arranged."""
    if besluit is None:
        return []
    if besluit.opnieuw_kijken_verlopen:
        return [Signal("kwartiermaken.opnieuw_kijken", besluit.betekenis, BRON_BESLUIT)]
    wacht = besluit.vervolg == Besluit.Vervolg.WACHTEN and besluit.keuze == Besluit.Keuze.NO_GO
    open_voorwaarden = besluit.voorwaarden_geregeld < len(besluit.voorwaarden)
    if wacht or open_voorwaarden:
        return [Signal("kwartiermaken.besluit_staat", besluit.betekenis, BRON_BESLUIT, level="info")]
    return []


def no_go_traject_actief(traject, besluit: BesluitStand | None) -> list[Signal]:
    """After a no-go to stop, a trajectory still marked active says something else."""
    if besluit is None or not besluit.is_gestopt or traject.status not in ACTIEF:
        return []
    return [
        Signal(
            "kwartiermaken.gestopt_maar_actief",
            _(
                "Het besluit is no-go: jullie stoppen. Het traject staat nog op ‘%(status)s’. "
                "Stoppen jullie helemaal, ook met de oefeningen? Zet het traject dan op ‘Gestopt’."
            )
            % {"status": traject.get_status_display()},
            BRON_BESLUIT,
            level="info",
        )
    ]


def geen_senior_ed(leden: list[CoalitieLid]) -> list[Signal]:
    if not leden or any(lid.rol == CoalitieRol.SENIOR_ED for lid in leden):
        return []
    return [
        Signal(
            "kwartiermaken.geen_senior_ed",
            _("Er zit geen senior ervaringsdeskundige als adviseur in de leidende coalitie."),
            BRON_FASE_1,
        )
    ]


def ed_als_projectleider(leden: list[CoalitieLid]) -> list[Signal]:
    trekkers = [
        lid
        for lid in leden
        if lid.is_ervaringsdeskundige and lid.rol in (CoalitieRol.PROJECTLEIDER, CoalitieRol.KWARTIERMAKER)
    ]
    if not trekkers:
        return []
    return [
        Signal(
            "kwartiermaken.ed_als_projectleider",
            _(
                "Een ervaringsdeskundige is projectleider of kwartiermaker. Laat iemand anders "
                "de kar trekken: draagvlak maken voor je eigen nieuwe functie is niet de bedoeling."
            ),
            "Handreiking Kwartiermaken, fase 1: do's en don'ts",
        )
    ]


def geen_management(leden: list[CoalitieLid]) -> list[Signal]:
    if not leden or any(lid.rol == CoalitieRol.MANAGEMENT for lid in leden):
        return []
    return [
        Signal(
            "kwartiermaken.geen_management",
            _("Niemand van management of beleid zit in de leidende coalitie."),
            BRON_FASE_1,
        )
    ]


def geen_coalitie_in_fase_2(traject, leden: list[CoalitieLid], *, fase_2: bool | None = None) -> list[Signal]:
    if leden or not (_fase_2_begonnen(traject) if fase_2 is None else fase_2):
        return []
    return [
        Signal(
            "kwartiermaken.geen_coalitie",
            _("Fase 2 is begonnen, maar er is nog geen leidende coalitie vastgelegd."),
            BRON_FASE_1,
        )
    ]


def scan_zonder_besluit(traject, besluit: BesluitStand | None, *, scan: bool | None = None) -> list[Signal]:
    if besluit is not None:
        return []
    if not (ScanAntwoord.objects.filter(ronde__traject=traject).exists() if scan is None else scan):
        return []
    return [
        Signal(
            "kwartiermaken.scan_zonder_besluit",
            _("De verkenningsscan is ingevuld, maar er is nog geen go/no-go-besluit vastgelegd."),
            "Handreiking Kwartiermaken, deel 2: De verkenning",
            level="info",
        )
    ]


def _te_laat(traject):
    return StapVoortgang.objects.filter(traject=traject, streefdatum__lt=timezone.localdate()).exclude(
        status__in=AFGEHANDELD
    )


def stappen_te_laat(traject, *, aantal: int | None = None) -> list[Signal]:
    if aantal is None:
        aantal = _te_laat(traject).count()
    if not aantal:
        return []
    return [
        Signal(
            "kwartiermaken.stappen_te_laat",
            ngettext(
                "%(n)s stap van het kwartiermaken is over de streefdatum heen.",
                "%(n)s stappen van het kwartiermaken zijn over de streefdatum heen.",
                aantal,
            )
            % {"n": aantal},
            "Handreiking Kwartiermaken, deel 3: Aan de slag",
            level="info",
        )
    ]


def _feiten(traject) -> dict:
    """What the rules read of the trajectory's own rows, in one query: phase 2 started,
    any scan answer, the number of steps past their target date."""
    te_laat = _te_laat(OuterRef("pk")).order_by().values("traject").annotate(n=Count("pk")).values("n")
    return (
        Traject.objects.filter(pk=traject.pk)
        .annotate(
            fase_2=Exists(FaseStart.objects.filter(traject=OuterRef("pk"), fase__nummer=2)),
            scan=Exists(ScanAntwoord.objects.filter(ronde__traject=OuterRef("pk"))),
            te_laat=Subquery(te_laat),
        )
        .values("fase_2", "scan", "te_laat")
        .get()
    )


def signalen(
    traject, *, leden: list[CoalitieLid] | None = None, besluit: BesluitStand | None | bool = False
) -> list[Signal]:
    """Every kwartiermaken signal for this trajectory. The coalition and the decision are read
    once here when not given (`besluit=False`: not read yet; None: there is none)."""
    if leden is None:
        leden = coalitie(traject)
    if besluit is False:
        besluit = besluit_voor(traject)
    feiten = _feiten(traject)
    fase_2 = feiten["fase_2"]
    return [
        *fase_2_zonder_go(traject, besluit, fase_2=fase_2),
        *besluit_staat(besluit),
        *no_go_traject_actief(traject, besluit),
        *geen_senior_ed(leden),
        *ed_als_projectleider(leden),
        *geen_management(leden),
        *geen_coalitie_in_fase_2(traject, leden, fase_2=fase_2),
        *scan_zonder_besluit(traject, besluit, scan=feiten["scan"]),
        *stappen_te_laat(traject, aantal=feiten["te_laat"] or 0),
    ]
