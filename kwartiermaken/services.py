"""Writes of the kwartiermaken tracker; each bumps the trajectory's last activity."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Max

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
    StapVoortgang,
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


@transaction.atomic
def besluit_vastleggen(*, traject: Traject, door, keuze: str, redenen: str, datum: date) -> Besluit:
    besluit = Besluit.objects.create(
        traject=traject,
        keuze=keuze,
        redenen=redenen,
        datum=datum,
        genomen_door=door,
        naam=weergavenaam(door),
    )
    traject.touch()
    return besluit


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
