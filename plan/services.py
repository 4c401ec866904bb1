"""Writes of the plan that span models, and the snapshot kept with every plan version."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max

from trajecten.models import Traject
from trajecten.weergave import weergavenaam

from .bronnen import Kaart
from .models import Actie, Besluit, Herziening, PlanVersie, Risico


def besluit_voor(traject: Traject, onderwerp: str) -> Besluit:
    besluit = traject.plan_besluiten.filter(onderwerp=onderwerp).first()
    return besluit or Besluit(traject=traject, onderwerp=onderwerp)


@transaction.atomic
def actie_van_kaart(*, traject: Traject, kaart: Kaart) -> tuple[Actie, bool]:
    """Turn a compass card into an action in one step; a card becomes at most one action."""
    try:
        with transaction.atomic():
            return Actie.objects.get_or_create(
                traject=traject,
                kaart_id=kaart.id,
                defaults={"wat": kaart.tekst[:2000], "bron": f"Kompas – {kaart.richting}"},
            )
    except IntegrityError:  # a simultaneous click made it first
        return Actie.objects.get(traject=traject, kaart_id=kaart.id), False


def actie_opslaan(
    *, traject: Traject, wat: str, eigenaar, wanneer: date | None, bron: str, actie: Actie | None = None
) -> Actie:
    """Create an action from another app (e.g. a condition of a go), or update the one it made.

    Status and review date stay as the plan has them: the other app only owns what and who.
    """
    if actie is None:
        actie = Actie(traject=traject)
    elif actie.traject_id != traject.pk:
        raise ValueError("action of another trajectory")
    actie.wat, actie.eigenaar, actie.wanneer, actie.bron = wat[:2000], eigenaar, wanneer, bron[:200]
    actie.save()
    return actie


def actie_intrekken(*, actie: Actie) -> None:
    """An action another app no longer needs: removed while nothing happened with it, else stopped."""
    if actie.status == Actie.Status.OPEN and not actie.herzieningen.exists():
        actie.delete()
    elif actie.status == Actie.Status.BEZIG:
        Actie.objects.filter(pk=actie.pk).update(status=Actie.Status.GESTOPT)


def risico_voor_kaart(*, traject: Traject, kaart: Kaart) -> Risico:
    risico, _ = Risico.objects.get_or_create(
        traject=traject, kaart_id=kaart.id, defaults={"omschrijving": kaart.tekst[:2000]}
    )
    return risico


@transaction.atomic
def herziening_vastleggen(
    *,
    traject: Traject,
    besluit: Besluit | None = None,
    actie: Actie | None = None,
    wat_gebeurde: str,
    volgende: date | None,
    door,
) -> Herziening:
    """Record what happened and move the review date on (or clear it)."""
    assert (besluit is None) != (actie is None)
    herziening = Herziening.objects.create(
        traject=traject, besluit=besluit, actie=actie, wat_gebeurde=wat_gebeurde, volgende=volgende, door=door
    )
    model, obj = (Besluit, besluit) if besluit is not None else (Actie, actie)
    model.objects.filter(pk=obj.pk).update(herzien_op=volgende)
    traject.touch()
    return herziening


def _naam(user) -> str:
    return weergavenaam(user)


def snapshot(traject: Traject) -> dict[str, Any]:
    """What the plan says now, in a shape that two versions can be compared in."""
    return {
        "besluiten": {
            b.onderwerp: {
                "tekst": b.tekst,
                "eigenaar": _naam(b.eigenaar),
                "datum": b.datum.isoformat() if b.datum else None,
                "herzien_op": b.herzien_op.isoformat() if b.herzien_op else None,
            }
            for b in traject.plan_besluiten.select_related("eigenaar")
        },
        "acties": {
            str(a.pk): {
                "wat": a.wat,
                "wie": _naam(a.eigenaar),
                "wanneer": a.wanneer.isoformat() if a.wanneer else None,
                "status": a.status,
                "herzien_op": a.herzien_op.isoformat() if a.herzien_op else None,
            }
            for a in traject.plan_acties.select_related("eigenaar")
        },
        "risicos": {
            str(r.pk): {"risico": r.omschrijving, "reactie": r.reactie} for r in traject.plan_risicos.all()
        },
    }


def plan_versie_opslaan(*, traject: Traject, door, pdf: bytes, inhoud: dict[str, Any]) -> PlanVersie:
    """Keep a downloaded PDF as the next version; retries when two downloads race."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                nummer = (traject.plan_versies.aggregate(m=Max("nummer"))["m"] or 0) + 1
                return PlanVersie.objects.create(
                    traject=traject,
                    nummer=nummer,
                    gemaakt_door=door,
                    pdf=pdf,
                    grootte=len(pdf),
                    snapshot=inhoud,
                )
        except IntegrityError:
            continue
    raise RuntimeError("could not number the plan version")


def vergelijk(oud: dict[str, Any], nieuw: dict[str, Any]) -> list[dict[str, Any]]:
    """The differences between two snapshots: per item, added / removed / changed fields."""
    wijzigingen = []
    for soort in ("besluiten", "acties", "risicos"):
        a, b = oud.get(soort, {}), nieuw.get(soort, {})
        for key in sorted(set(a) | set(b), key=lambda k: (len(k), k)):
            if key not in a:
                wijzigingen.append({"soort": soort, "key": key, "wat": "nieuw", "na": b[key], "velden": []})
            elif key not in b:
                wijzigingen.append({"soort": soort, "key": key, "wat": "weg", "voor": a[key], "velden": []})
            elif a[key] != b[key]:
                velden = [
                    {"veld": veld, "voor": a[key].get(veld), "na": b[key].get(veld)}
                    for veld in sorted(set(a[key]) | set(b[key]))
                    if a[key].get(veld) != b[key].get(veld)
                ]
                wijzigingen.append(
                    {
                        "soort": soort,
                        "key": key,
                        "wat": "gewijzigd",
                        "voor": a[key],
                        "na": b[key],
                        "velden": velden,
                    }
                )
    return wijzigingen
