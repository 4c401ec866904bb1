"""Writes for exercises: typed, keyword-only, each in one transaction (reads are in selectors.py).

Other apps (live sessions, the plan) call these instead of touching the models, so the
rules hold everywhere: the kind validates the data, anonymous input stores no author,
the vote limit holds under concurrency and a stale shared-text save is refused.
Access (who may act in which trajectory) is checked by the caller's view; these
functions trust `traject`, `auteur`, `door` and `kiezer` as given.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from trajecten.models import Rol, Traject

from .models import Bijdrage, Cluster, GedeeldeTekst, Oefening, OefeningStatus, Stem
from .soorten import schone_tekst


class VersieConflict(Exception):
    """Someone saved the shared text after the version this save started from."""

    def __init__(self, huidig: GedeeldeTekst, jouw_tekst: str):
        super().__init__("stale version")
        self.huidig = huidig
        self.jouw_tekst = jouw_tekst


# -- status ---------------------------------------------------------------------------------


def _markeer_bezig(traject: Traject, oefening: Oefening) -> None:
    """First contribution: a not-started exercise becomes 'bezig' (done stays done)."""
    updated = OefeningStatus.objects.filter(
        traject=traject, oefening=oefening, status=OefeningStatus.Status.NIET_GESTART
    ).update(status=OefeningStatus.Status.BEZIG, gewijzigd_op=timezone.now())
    if not updated and not OefeningStatus.objects.filter(traject=traject, oefening=oefening).exists():
        try:
            with transaction.atomic():
                OefeningStatus.objects.create(
                    traject=traject, oefening=oefening, status=OefeningStatus.Status.BEZIG
                )
        except IntegrityError:
            pass  # someone else created it at the same moment


@transaction.atomic
def status_zetten(*, traject: Traject, oefening: Oefening, status: str) -> OefeningStatus:
    """Mark done (afgerond) or reopen (bezig); only begeleiders should reach this."""
    if status not in OefeningStatus.Status.values:
        raise ValidationError({"status": _("Kies een geldige status.")})
    row, _created = OefeningStatus.objects.update_or_create(
        traject=traject, oefening=oefening, defaults={"status": status}
    )
    traject.touch()
    return row


@transaction.atomic
def zichtbaarheid_zetten(*, traject: Traject, oefening: Oefening, verborgen: bool) -> OefeningStatus:
    """Private until reveal: when hidden, participants see only their own input."""
    row, _created = OefeningStatus.objects.get_or_create(traject=traject, oefening=oefening)
    row.verborgen = verborgen
    row.save(update_fields=["verborgen", "gewijzigd_op"])
    return row


# -- contributions ------------------------------------------------------------------------------


def _opgeslagen_auteur(oefening: Oefening, auteur, anoniem: bool, namens_groep: bool):
    if anoniem and not oefening.anoniem_toegestaan:
        raise ValidationError({"anoniem": _("Bij deze oefening kun je niet anoniem meedoen.")})
    return None if (anoniem or namens_groep) else auteur


def _geen_tekstsoort(oefening: Oefening) -> None:
    if oefening.kind.gedeelde_tekst:
        raise ValidationError(_("Een gezamenlijke tekst sla je op met tekst_opslaan."))


@transaction.atomic
def bijdrage_toevoegen(
    *,
    traject: Traject,
    oefening: Oefening,
    auteur,
    data: dict[str, Any],
    anoniem: bool = False,
    namens_groep: bool = False,
) -> Bijdrage:
    """Add one item (a card, an event, a compass or matrix card, a rating, a tick, a choice).

    For the per-person kinds (schaal, keuze, checklist) a named person's earlier answer to
    the same item is replaced (keuze with one option: their earlier choice). Anonymous and
    paper contributions are always new rows: nothing links them to a person.
    Raises ValidationError with Dutch messages keyed by field.
    """
    _geen_tekstsoort(oefening)
    kind = oefening.kind
    schoon = kind.clean_data(oefening, data)
    opgeslagen = _opgeslagen_auteur(oefening, auteur, anoniem, namens_groep)
    velden = {**schoon, "namens_groep": namens_groep}
    bijdrage = None
    if kind.antwoord_per_persoon and opgeslagen is not None:
        eigen = Bijdrage.objects.filter(
            traject=traject, oefening=oefening, auteur=opgeslagen, namens_groep=False
        )
        if kind.een_keuze(oefening):
            eigen.exclude(item=schoon["item"]).delete()
        bijdrage = eigen.filter(item=schoon["item"]).first()
        if bijdrage is not None:
            for naam, waarde in velden.items():
                setattr(bijdrage, naam, waarde)
            bijdrage.save()
    if bijdrage is None:
        bijdrage = Bijdrage.objects.create(traject=traject, oefening=oefening, auteur=opgeslagen, **velden)
    _markeer_bezig(traject, oefening)
    traject.touch()
    return bijdrage


@transaction.atomic
def antwoorden_opslaan(
    *,
    traject: Traject,
    oefening: Oefening,
    auteur,
    antwoorden: list[dict[str, Any]],
    anoniem: bool = False,
    namens_groep: bool = False,
) -> list[Bijdrage]:
    """Store a person's whole answer to a schaal, keuze or checklist (replacing their earlier one)."""
    _geen_tekstsoort(oefening)
    kind = oefening.kind
    schoon = [kind.clean_data(oefening, a) for a in antwoorden]
    if len(schoon) > 1 and kind.een_keuze(oefening):
        raise ValidationError({"keuze": _("Kies één mogelijkheid.")})
    opgeslagen = _opgeslagen_auteur(oefening, auteur, anoniem, namens_groep)
    if opgeslagen is not None:
        Bijdrage.objects.filter(
            traject=traject, oefening=oefening, auteur=opgeslagen, namens_groep=False
        ).delete()
    elif not schoon:
        raise ValidationError({"__all__": _("Je hebt nog niets ingevuld.")})
    rijen = Bijdrage.objects.bulk_create(
        [
            Bijdrage(traject=traject, oefening=oefening, auteur=opgeslagen, namens_groep=namens_groep, **s)
            for s in schoon
        ]
    )
    _markeer_bezig(traject, oefening)
    traject.touch()
    return rijen


def mag_wijzigen(bijdrage: Bijdrage, user, rol: str, *, bewijs: Collection[int] = ()) -> bool:
    """Own contributions may be edited by their author; a begeleider moderates all.

    An anonymous contribution has no author stored: the browser that sent it shows its
    receipt (`bewijs`, trajecten.zichtbaarheid) instead.
    """
    if rol == Rol.BEGELEIDER:
        return True
    if bijdrage.auteur_id is None:
        return bijdrage.is_anoniem and bijdrage.pk in bewijs
    return bijdrage.auteur_id == user.pk


@transaction.atomic
def bijdrage_wijzigen(
    *, bijdrage: Bijdrage, door, rol: str, data: dict[str, Any], bewijs: Collection[int] = ()
) -> Bijdrage:
    if not mag_wijzigen(bijdrage, door, rol, bewijs=bewijs):
        raise ValidationError(_("Je kunt alleen je eigen bijdragen aanpassen."))
    schoon = bijdrage.oefening.kind.clean_data(bijdrage.oefening, data)
    for naam, waarde in schoon.items():
        setattr(bijdrage, naam, waarde)
    bijdrage.save()
    bijdrage.traject.touch()
    return bijdrage


@transaction.atomic
def achterhouden(*, bijdrage: Bijdrage, reden: str) -> None:
    """Hold a contribution back with a reason ("" releases it). Only the begeleider, so only
    the view that checked the role calls this."""
    Bijdrage.objects.filter(pk=bijdrage.pk).update(achtergehouden=reden)
    bijdrage.achtergehouden = reden


@transaction.atomic
def namen_wissen(*, bijdrage_ids: Collection[int]) -> int:
    """Make contributions anonymous for good: their authors are forgotten (a live session's
    "Anoniem maken" covers what was sent before too). Paper ones keep saying so."""
    return Bijdrage.objects.filter(pk__in=list(bijdrage_ids), namens_groep=False).update(auteur=None)


@transaction.atomic
def bijdrage_verwijderen(*, bijdrage: Bijdrage, door, rol: str, bewijs: Collection[int] = ()) -> None:
    if not mag_wijzigen(bijdrage, door, rol, bewijs=bewijs):
        raise ValidationError(_("Je kunt alleen je eigen bijdragen verwijderen."))
    bijdrage.delete()


# -- dot votes ------------------------------------------------------------------------------------


def stem_uitbrengen(
    *, traject: Traject, bijdrage: Bijdrage, kiezer, op_papier: bool = False, namens: str = ""
) -> Stem:
    """One dot on a card of this trajectory, within the person's limit for the exercise.

    The limit is kept by the database: each vote takes a numbered place (1..limit) that is
    unique per person and exercise, so two votes sent at the same moment cannot both take
    the last place. A paper vote (`op_papier`, cast by the begeleider in a live session for
    someone without a phone) has no kiezer and no place: it counts on the card only.
    """
    if bijdrage.traject_id != traject.pk:
        raise ValidationError({"stem": _("Je kunt alleen stemmen op kaarten van je eigen team.")})
    oefening = bijdrage.oefening
    if not oefening.kind.stemmen:
        raise ValidationError({"stem": _("Bij deze oefening wordt niet gestemd.")})
    if op_papier:
        return Stem.objects.create(
            traject=traject,
            oefening=oefening,
            bijdrage=bijdrage,
            plek=0,
            op_papier=True,
            namens=namens.strip(),
        )
    limiet = oefening.kind.stemmen_per_persoon(oefening)
    for _poging in range(limiet + 2):
        bezet = set(
            Stem.objects.filter(traject=traject, oefening=oefening, kiezer=kiezer).values_list(
                "bijdrage_id", "plek"
            )
        )
        if any(b == bijdrage.pk for b, _p in bezet):
            raise ValidationError({"stem": _("Je hebt al op deze kaart gestemd.")})
        vrij = sorted(set(range(1, limiet + 1)) - {p for _b, p in bezet})
        if not vrij:
            raise ValidationError(
                {"stem": _("Je hebt al je %(n)s stemmen gebruikt. Haal eerst een stem weg.") % {"n": limiet}}
            )
        try:
            with transaction.atomic():
                stem = Stem.objects.create(
                    traject=traject, oefening=oefening, bijdrage=bijdrage, kiezer=kiezer, plek=vrij[0]
                )
        except IntegrityError:
            continue  # another vote took that place (or this card) just now: look again
        _markeer_bezig(traject, oefening)
        return stem
    raise ValidationError({"stem": _("Het stemmen lukte niet. Probeer het nog een keer.")})


def stem_intrekken(*, traject: Traject, bijdrage: Bijdrage, kiezer) -> bool:
    deleted, _detail = Stem.objects.filter(traject=traject, bijdrage=bijdrage, kiezer=kiezer).delete()
    return bool(deleted)


# -- clusters -------------------------------------------------------------------------------------


def cluster_maken(*, traject: Traject, oefening: Oefening, naam: str) -> Cluster:
    if not oefening.kind.clusters:
        raise ValidationError({"naam": _("Alleen kaarten kun je in groepen leggen.")})
    try:
        naam = schone_tekst(naam, max_lengte=100)
    except ValidationError as error:
        raise ValidationError({"naam": error.messages}) from error
    return Cluster.objects.create(traject=traject, oefening=oefening, naam=naam)


def kaart_groeperen(*, traject: Traject, bijdrage: Bijdrage, cluster: Cluster | None) -> Bijdrage:
    if bijdrage.traject_id != traject.pk or (
        cluster is not None
        and (cluster.traject_id != traject.pk or cluster.oefening_id != bijdrage.oefening_id)
    ):
        raise ValidationError({"cluster": _("Kies een groep van deze oefening.")})
    Bijdrage.objects.filter(pk=bijdrage.pk).update(cluster=cluster)
    bijdrage.cluster = cluster
    return bijdrage


# -- shared text ------------------------------------------------------------------------------------


@transaction.atomic
def tekst_opslaan(*, traject: Traject, oefening: Oefening, tekst: str, versie: int, door) -> GedeeldeTekst:
    """Save the shared text if nobody saved since `versie`; else raise VersieConflict.

    A conditional UPDATE (WHERE versie = v), so it holds on SQLite as on PostgreSQL.
    """
    if not oefening.kind.gedeelde_tekst:
        raise ValidationError(_("Deze oefening heeft geen gezamenlijke tekst."))
    schoon = oefening.kind.clean_data(oefening, {"tekst": tekst})["tekst"]
    if versie == 0:
        try:
            with transaction.atomic():
                GedeeldeTekst.objects.create(traject=traject, oefening=oefening, tekst="", versie=0)
        except IntegrityError:
            pass  # the row exists already; the conditional update below decides
    updated = GedeeldeTekst.objects.filter(traject=traject, oefening=oefening, versie=versie).update(
        tekst=schoon, versie=F("versie") + 1, gewijzigd_door=door, gewijzigd_op=timezone.now()
    )
    huidig = GedeeldeTekst.objects.select_related("gewijzigd_door").get(traject=traject, oefening=oefening)
    if not updated:
        raise VersieConflict(huidig, schoon)
    _markeer_bezig(traject, oefening)
    traject.touch()
    return huidig
