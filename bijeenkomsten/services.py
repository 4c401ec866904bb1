"""Writes of sessions, each in one transaction, each bumping the session's version (reads: selectors.py)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from trajecten import zichtbaarheid

from . import live, oefeningen_bridge, selectors
from .models import Bijeenkomst, Blok, Deelname, Inbreng, Stem, gast_username, new_code


class Conflict(Exception):
    """The state changed under the person's feet (another begeleider, a closed block)."""


class AanDeRand(Conflict):
    """Next from the last block, or previous from the first: there is no block to go to."""


class Verouderd(Conflict):
    """Someone else moved the session to another block first."""


class InvoerDicht(Conflict):
    """The block takes no input now: it is not the current block, or its input is closed."""


class AlGestemd(Conflict):
    """This person has already voted on this card."""


class StemmenOp(Conflict):
    """This person has used all their votes in this block."""


class BlokVerdwenen(Conflict):
    """The block was deleted by someone else while this request worked on it."""


class Gesloten(Exception):
    """The session is closed: nothing can be added any more."""


def _code_vrij() -> str:
    for _attempt in range(20):
        code = new_code()
        if not Bijeenkomst.objects.filter(code=code).exists():
            return code
    raise RuntimeError("no free join code")  # 24**6 codes: practically unreachable


@transaction.atomic
def bijeenkomst_plannen(*, traject, **velden: Any) -> Bijeenkomst:
    bijeenkomst = Bijeenkomst.objects.create(traject=traject, code=_code_vrij(), **velden)
    return bijeenkomst


@transaction.atomic
def bijeenkomst_wijzigen(*, bijeenkomst: Bijeenkomst, **velden: Any) -> None:
    Bijeenkomst.objects.filter(pk=bijeenkomst.pk).update(**velden)
    live.bump(bijeenkomst.pk)


@transaction.atomic
def blok_toevoegen(*, bijeenkomst: Bijeenkomst, **velden: Any) -> Blok:
    laatste = bijeenkomst.blokken.aggregate(m=Max("volgorde"))["m"]
    blok = Blok.objects.create(bijeenkomst=bijeenkomst, volgorde=(laatste or 0) + 1, **velden)
    live.bump(bijeenkomst.pk)
    return blok


@transaction.atomic
def blok_verplaatsen(*, blok: Blok, richting: str) -> bool:
    """Swap a block with its neighbour above ("op") or below ("neer"). False at the edge."""
    blokken = list(Blok.objects.select_for_update().filter(bijeenkomst_id=blok.bijeenkomst_id))
    blokken.sort(key=lambda b: (b.volgorde, b.pk))
    index = next((i for i, b in enumerate(blokken) if b.pk == blok.pk), None)
    if index is None:
        raise BlokVerdwenen
    doel = index - 1 if richting == "op" else index + 1
    if doel < 0 or doel >= len(blokken):
        return False
    blokken[index], blokken[doel] = blokken[doel], blokken[index]
    for positie, b in enumerate(blokken, start=1):
        if b.volgorde != positie:
            Blok.objects.filter(pk=b.pk).update(volgorde=positie)
    live.bump(blok.bijeenkomst_id)
    return True


@transaction.atomic
def blok_verwijderen(*, blok: Blok) -> None:
    blok.delete()
    live.bump(blok.bijeenkomst_id)


@transaction.atomic
def starten(*, bijeenkomst: Bijeenkomst) -> None:
    eerste = bijeenkomst.blokken.order_by("volgorde", "pk").first()
    now = timezone.now()
    Bijeenkomst.objects.filter(pk=bijeenkomst.pk, status=Bijeenkomst.Status.GEPLAND).update(
        status=Bijeenkomst.Status.ACTIEF, gestart_op=now, huidig_blok=eerste, blok_gestart_op=now
    )
    live.bump(bijeenkomst.pk)


def _buur(bijeenkomst_id: int, huidig: Blok | None, richting: str) -> Blok | None:
    qs = Blok.objects.filter(bijeenkomst_id=bijeenkomst_id)
    if huidig is None:
        return qs.order_by("volgorde", "pk").first()
    if richting == "volgende":
        return (
            qs.filter(Q(volgorde__gt=huidig.volgorde) | Q(volgorde=huidig.volgorde, pk__gt=huidig.pk))
            .order_by("volgorde", "pk")
            .first()
        )
    return (
        qs.filter(Q(volgorde__lt=huidig.volgorde) | Q(volgorde=huidig.volgorde, pk__lt=huidig.pk))
        .order_by("-volgorde", "-pk")
        .first()
    )


@transaction.atomic
def naar_blok(*, bijeenkomst: Bijeenkomst, richting: str, verwacht_blok_id: int | None) -> Blok:
    """Move to the next or previous block, only if the current block is still the expected one.

    A conditional UPDATE on the current block: when two begeleiders press "next" at
    once, one wins and the other gets Conflict, so the session skips no block.
    """
    huidig = Blok.objects.filter(pk=verwacht_blok_id, bijeenkomst=bijeenkomst).first()
    doel = _buur(bijeenkomst.pk, huidig, richting)
    if doel is None:
        raise AanDeRand
    changed = Bijeenkomst.objects.filter(
        pk=bijeenkomst.pk, status=Bijeenkomst.Status.ACTIEF, huidig_blok_id=verwacht_blok_id
    ).update(huidig_blok=doel, blok_gestart_op=timezone.now())
    if not changed:
        raise Verouderd
    live.bump(bijeenkomst.pk)
    return doel


BLOK_SCHAKELAARS = {"invoer_open", "resultaten_zichtbaar", "anoniem"}


@transaction.atomic
def blok_zetten(*, blok: Blok, veld: str, waarde: bool) -> None:
    """Set one switch of a block (open input, show results, anonymous) to a given value.

    Setting a value rather than toggling makes a double click or two screens harmless.
    """
    assert veld in BLOK_SCHAKELAARS
    Blok.objects.filter(pk=blok.pk).update(**{veld: waarde})
    if veld == "anoniem" and waarde:
        _namen_wissen(blok)
    live.bump(blok.bijeenkomst_id)


def _namen_wissen(blok: Blok) -> None:
    """'Anoniem maken' covers what was already sent: names and authors are wiped for good, on
    the screen, the phones, the report and the exports alike (cards sent after it have none)."""
    kaarten = Inbreng.objects.filter(blok=blok)
    oefeningen_bridge.namen_wissen(
        bijdrage_ids=kaarten.exclude(bijdrage=None).values_list("bijdrage_id", flat=True)
    )
    kaarten.update(naam="", auteur=None)


@transaction.atomic
def gasten_toestaan(*, bijeenkomst: Bijeenkomst, toestaan: bool) -> None:
    Bijeenkomst.objects.filter(pk=bijeenkomst.pk).update(gasten_toegestaan=toestaan)
    if not toestaan:
        _gasten_afsluiten(bijeenkomst)
    live.bump(bijeenkomst.pk)


def _gasten_afsluiten(bijeenkomst: Bijeenkomst) -> None:
    # An inactive user is refused by the auth backend: the guest's login dies with it.
    get_user_model().objects.filter(
        deelnames__bijeenkomst=bijeenkomst, deelnames__is_gast=True, lidmaatschappen__isnull=True
    ).update(is_active=False)


def deelnemen(*, bijeenkomst: Bijeenkomst, user) -> Deelname:
    deelname, _ = Deelname.objects.get_or_create(bijeenkomst=bijeenkomst, user=user)
    return deelname


@transaction.atomic
def gast_aanmaken(*, bijeenkomst: Bijeenkomst, voornaam: str):
    """A guest: a real user with only a first name, no password, no team; linked to this session."""
    if not Bijeenkomst.objects.filter(
        pk=bijeenkomst.pk,
        gasten_toegestaan=True,
        status__in=[Bijeenkomst.Status.GEPLAND, Bijeenkomst.Status.ACTIEF],
    ).exists():
        raise Gesloten
    User = get_user_model()
    user = User(username=gast_username(), first_name=voornaam.strip())
    user.set_unusable_password()
    user.save()
    Deelname.objects.create(bijeenkomst=bijeenkomst, user=user, is_gast=True)
    live.bump(bijeenkomst.pk)
    return user


def _naam(user) -> str:
    return user.get_short_name() or user.get_username()


@transaction.atomic
def inbreng_toevoegen(
    *,
    blok: Blok,
    tekst: str,
    auteur=None,
    op_papier: bool = False,
    namens: str = "",
    ingevoerd_door=None,
    sleutel: str = "",
    anoniem: bool = False,
) -> tuple[Inbreng, bool]:
    """Add a card to the current, open block. Returns (card, created).

    A card is anonymous when its writer chose so (`anoniem`) or the block is anonymous.

    The block must be the session's current block with input open; else Conflict.
    A retried send with the same key returns the card stored the first time.
    """
    open_nu = Bijeenkomst.objects.filter(
        pk=blok.bijeenkomst_id,
        status=Bijeenkomst.Status.ACTIEF,
        huidig_blok_id=blok.pk,
        huidig_blok__invoer_open=True,
    ).exists()
    if sleutel:
        eerder = Inbreng.objects.filter(blok=blok, sleutel=sleutel).first()
        if eerder is not None:
            return eerder, False
    if not open_nu:
        raise InvoerDicht
    blok_anoniem = bool(Blok.objects.filter(pk=blok.pk).values_list("anoniem", flat=True).first())
    if anoniem and not blok_anoniem and not op_papier:
        beleid = oefeningen_bridge.blok_beleid(blok.bijeenkomst.traject_id, blok.oefening_slug)
        if not zichtbaarheid.sessie_modus(anoniem=False, keuze=beleid.anoniem_toegestaan).keuze:
            raise ValidationError(
                _(
                    "Bij deze vraag kun je niet anoniem antwoorden. Haal het vinkje weg, "
                    "of vraag de begeleider om de vraag anoniem te maken."
                )
            )
    anoniem = anoniem or blok_anoniem
    naam = "" if anoniem else (namens.strip() if op_papier else _naam(auteur))
    oefening = oefeningen_bridge.kaartoefening(blok)
    try:
        with transaction.atomic():
            # On a card exercise the card is the exercise's contribution (its refusal, a
            # ValidationError, refuses the card here too); the session keeps its own part.
            bijdrage = (
                oefeningen_bridge.kaart_toevoegen(
                    blok=blok,
                    oefening=oefening,
                    tekst=tekst,
                    auteur=auteur,
                    anoniem=anoniem,
                    op_papier=op_papier,
                )
                if oefening
                else None
            )
            inbreng = Inbreng.objects.create(
                blok=blok,
                auteur=None if (anoniem or op_papier) else auteur,
                naam=naam,
                tekst="" if bijdrage else tekst.strip(),
                bijdrage=bijdrage,
                op_papier=op_papier,
                ingevoerd_door=ingevoerd_door if op_papier else None,
                sleutel=sleutel,
            )
    except IntegrityError:
        # The same key raced in from a retry: the first one stands (and this contribution goes).
        return Inbreng.objects.get(blok=blok, sleutel=sleutel), False
    live.bump(blok.bijeenkomst_id)
    return inbreng, True


def _nog_open(inbreng: Inbreng) -> None:
    """A card can be changed or withdrawn while its session runs (or has not started)."""
    if not Bijeenkomst.objects.filter(
        pk=inbreng.blok.bijeenkomst_id, status__in=[Bijeenkomst.Status.GEPLAND, Bijeenkomst.Status.ACTIEF]
    ).exists():
        raise Gesloten


@transaction.atomic
def inbreng_wijzigen(*, inbreng: Inbreng, tekst: str, door, bewijs: frozenset[int]) -> None:
    """The writer changes their own card (the view checked it is theirs); on a card exercise the
    exercise's own rules refuse what is too long (ValidationError). `bewijs`: the browser's
    receipts of exercise contributions, for a card that became anonymous."""
    _nog_open(inbreng)
    if inbreng.bijdrage_id:
        oefeningen_bridge.kaart_wijzigen(bijdrage=inbreng.bijdrage, tekst=tekst, door=door, bewijs=bewijs)
    else:
        Inbreng.objects.filter(pk=inbreng.pk).update(tekst=tekst.strip())
    live.bump(inbreng.blok.bijeenkomst_id)


@transaction.atomic
def inbreng_intrekken(*, inbreng: Inbreng, door, bewijs: frozenset[int]) -> None:
    """The writer withdraws their own card: gone from every screen, the report and the exercise."""
    _nog_open(inbreng)
    if inbreng.bijdrage_id:
        oefeningen_bridge.kaart_intrekken(bijdrage=inbreng.bijdrage, door=door, bewijs=bewijs)
    Inbreng.objects.filter(pk=inbreng.pk).delete()
    live.bump(inbreng.blok.bijeenkomst_id)


@transaction.atomic
def stem_uitbrengen(*, inbreng: Inbreng, user, op_papier: bool = False, namens: str = ""):
    """A dot on a card of the current, open block (a person's own, or one on paper).

    On an exercise card the vote is the exercise's own (oefeningen.Stem, its limit);
    on other cards it is a session Stem within the block's limit.
    """
    blok = Blok.objects.select_for_update().get(pk=inbreng.blok_id)
    if (
        not Bijeenkomst.objects.filter(
            pk=blok.bijeenkomst_id, status=Bijeenkomst.Status.ACTIEF, huidig_blok_id=blok.pk
        ).exists()
        or not blok.invoer_open
    ):
        raise InvoerDicht
    if not op_papier:
        _stem_vrij(blok, inbreng, user)
    if inbreng.bijdrage_id:
        try:
            with transaction.atomic():
                stem = oefeningen_bridge.stem_uitbrengen(
                    inbreng=inbreng, kiezer=user, op_papier=op_papier, namens=namens
                )
        except ValidationError:
            # Another device of the same person voted at this very moment: say which limit it hit.
            if not op_papier:
                _stem_vrij(blok, inbreng, user)
            raise StemmenOp from None
    else:
        stem = Stem.objects.create(inbreng=inbreng, user=user, op_papier=op_papier, namens=namens.strip())
    live.bump(blok.bijeenkomst_id)
    return stem


def _stem_vrij(blok: Blok, inbreng: Inbreng, user) -> None:
    mijn = selectors.mijn_stemmen(blok=blok, user=user)
    if inbreng.pk in mijn.kaarten:
        raise AlGestemd
    if mijn.over <= 0:
        raise StemmenOp


@transaction.atomic
def verslag_opslaan(*, bijeenkomst: Bijeenkomst, **velden: str) -> None:
    Bijeenkomst.objects.filter(pk=bijeenkomst.pk).update(**velden)
    live.bump(bijeenkomst.pk)


@transaction.atomic
def sluiten(*, bijeenkomst: Bijeenkomst, **evaluatie: str) -> bool:
    """Close the session: input stops, guests lose access; the report stays with the trajectory."""
    changed = Bijeenkomst.objects.filter(
        pk=bijeenkomst.pk, status__in=[Bijeenkomst.Status.GEPLAND, Bijeenkomst.Status.ACTIEF]
    ).update(
        status=Bijeenkomst.Status.GESLOTEN, gesloten_op=timezone.now(), gasten_toegestaan=False, **evaluatie
    )
    if changed:
        Blok.objects.filter(bijeenkomst=bijeenkomst).update(invoer_open=False)
        _gasten_afsluiten(bijeenkomst)
        live.bump(bijeenkomst.pk)
    return bool(changed)
