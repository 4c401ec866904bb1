"""Writes of the kwartiermaken tracker; each bumps the trajectory's last activity."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max

from plan import services as plan_services
from trajecten.models import Traject
from trajecten.weergave import weergavenaam

from .models import (
    Besluit,
    CoalitieLid,
    Fase,
    FaseStart,
    ScanAntwoord,
    ScanRonde,
    ScanVraag,
    Stap,
    StapStatus,
    StapVoortgang,
    Voorwaarde,
)


@transaction.atomic
def stap_bijwerken(
    *,
    traject: Traject,
    stap: Stap,
    status: str,
    reden: str,
    eigenaar,
    streefdatum: date | None,
    notities: str,
) -> StapVoortgang:
    voortgang, _ = StapVoortgang.objects.update_or_create(
        traject=traject,
        stap=stap,
        defaults={
            "status": status,
            "reden": reden.strip(),
            "eigenaar": eigenaar,
            "streefdatum": streefdatum,
            "notities": notities.strip(),
        },
    )
    traject.touch()
    return voortgang


@transaction.atomic
def stap_status_zetten(*, traject: Traject, stap: Stap, status: str, reden: str = "") -> StapVoortgang:
    """Change only the status (the quick form on the tracker); owner, date and notes stay."""
    defaults = {"status": status}
    if reden.strip():
        defaults["reden"] = reden.strip()
    voortgang, _ = StapVoortgang.objects.update_or_create(traject=traject, stap=stap, defaults=defaults)
    traject.touch()
    return voortgang


def huidige_ronde(traject: Traject) -> ScanRonde | None:
    return ScanRonde.objects.filter(traject=traject).order_by("-nummer").first()


@transaction.atomic
def scan_ronde_starten(*, traject: Traject) -> ScanRonde:
    # Lock the trajectory row (PostgreSQL) so two begeleiders starting a round get numbers 1 and 2.
    # SQLite ignores the lock but serialises writes; a double click then gets the round just made.
    Traject.objects.select_for_update().filter(pk=traject.pk).first()
    hoogste = ScanRonde.objects.filter(traject=traject).aggregate(m=Max("nummer"))["m"] or 0
    try:
        with transaction.atomic():
            ronde = ScanRonde.objects.create(traject=traject, nummer=hoogste + 1)
    except IntegrityError:
        ronde = ScanRonde.objects.filter(traject=traject).order_by("-nummer").first()
    traject.touch()
    return ronde


@transaction.atomic
def scan_beantwoorden(*, traject: Traject, user, antwoorden: dict[ScanVraag, tuple[str, str]]) -> ScanRonde:
    """Store one person's answers in the current round (the first round is made on demand).

    An empty answer removes that person's earlier answer to the question.
    """
    ronde = huidige_ronde(traject)
    if ronde is None:
        ronde, _ = ScanRonde.objects.get_or_create(traject=traject, nummer=1)
    for vraag, (antwoord, toelichting) in antwoorden.items():
        if antwoord:
            ScanAntwoord.objects.update_or_create(
                ronde=ronde,
                vraag=vraag,
                user=user,
                defaults={"antwoord": antwoord, "toelichting": toelichting},
            )
        else:
            ScanAntwoord.objects.filter(ronde=ronde, vraag=vraag, user=user).delete()
    traject.touch()
    return ronde


BESLUIT_STAP = "verkenning-besluit"
BRON_VOORWAARDE = "Go/no-go-besluit – voorwaarde"


@transaction.atomic
def besluit_vastleggen(
    *,
    traject: Traject,
    door,
    velden: dict[str, Any],
    voorwaarden: list[dict[str, Any]] | None = None,
    bestaand: Besluit | None = None,
) -> Besluit:
    """Record the go/no-go decision (or change `bestaand`, the one that counts now).

    `velden` are the Besluit's fields (keuze, redenen, datum, the preconditions, the motives,
    vervolg, opnieuw_op). The conditions of a go onder voorwaarden become plan actions; the
    trajectory has one set of them, kept in step on every save (`_voorwaarden_bijwerken`).
    Recording completes the step "Neem een go/no-go-besluit".
    """
    besluit = bestaand if bestaand is not None else Besluit(traject=traject)
    if besluit.traject_id != traject.pk:
        raise ValueError("decision of another trajectory")
    for veld, waarde in velden.items():
        setattr(besluit, veld, waarde)
    besluit.genomen_door, besluit.naam = door, weergavenaam(door)
    besluit.save()
    gaat_door_onder_voorwaarden = besluit.keuze == Besluit.Keuze.GO_VOORWAARDEN
    _voorwaarden_bijwerken(traject, (voorwaarden or []) if gaat_door_onder_voorwaarden else [])
    stap = Stap.objects.filter(slug=BESLUIT_STAP).first()
    if stap is not None:
        stap_status_zetten(traject=traject, stap=stap, status=StapStatus.KLAAR)
    traject.touch()
    return besluit


def _voorwaarden_bijwerken(traject: Traject, invoer: list[dict[str, Any]]) -> None:
    """Make the trajectory's conditions match `invoer`: a row keeps its action when it carries
    that action's id, or else has the same text; new rows get a new action; conditions no
    longer named are withdrawn from the plan. Saving the same form twice changes nothing."""
    bestaand = {v.actie_id: v for v in Voorwaarde.objects.filter(traject=traject).select_related("actie")}
    op_tekst = {v.actie.wat.strip().casefold(): v for v in bestaand.values()}
    gehouden: set[int] = set()
    for volgorde, rij in enumerate(invoer):
        v = bestaand.get(rij.get("actie"))
        if v is None or v.actie_id in gehouden:
            v = op_tekst.get(rij["wat"].casefold())
        if v is not None and v.actie_id in gehouden:
            v = None
        actie = plan_services.actie_opslaan(
            traject=traject,
            wat=rij["wat"],
            eigenaar=rij["eigenaar"],
            wanneer=rij.get("wanneer"),
            bron=BRON_VOORWAARDE,
            actie=v.actie if v else None,
        )
        if v is None:
            Voorwaarde.objects.create(traject=traject, actie=actie, volgorde=volgorde)
        elif v.volgorde != volgorde:
            Voorwaarde.objects.filter(pk=v.pk).update(volgorde=volgorde)
        gehouden.add(actie.pk)
    for actie_id, v in bestaand.items():
        if actie_id not in gehouden:
            v.delete()
            plan_services.actie_intrekken(actie=v.actie)


@transaction.atomic
def fase_starten(*, traject: Traject, fase: Fase, door, zonder_go: bool, waarschuwing: str) -> FaseStart:
    start, _ = FaseStart.objects.get_or_create(
        traject=traject,
        fase=fase,
        defaults={
            "gestart_door": door,
            "zonder_go": zonder_go,
            "waarschuwing": waarschuwing if zonder_go else "",
        },
    )
    traject.touch()
    return start


def coalitie_toevoegen(*, traject: Traject, naam: str, rol: str, is_ervaringsdeskundige: bool) -> CoalitieLid:
    lid = CoalitieLid.objects.create(
        traject=traject, naam=naam.strip(), rol=rol, is_ervaringsdeskundige=is_ervaringsdeskundige
    )
    traject.touch()
    return lid


def coalitie_verwijderen(*, traject: Traject, lid_pk: int) -> bool:
    deleted, _ = CoalitieLid.objects.filter(traject=traject, pk=lid_pk).delete()
    if deleted:
        traject.touch()
    return bool(deleted)
