"""Demo data of oefeningen: compass cards with dots and voted cards for the demo teams.

Registered with the hub in hub.py (`registries.register_demo`).
"""

from __future__ import annotations

from . import selectors, services
from .models import Bijdrage, Oefening, Soort

DEMO_KOMPAS = {
    "noord": [
        "Elk team werkt met minstens twee ervaringsdeskundigen",
        "Ervaringskennis hoort bij elk teamoverleg",
    ],
    "oost": ["De gemeente wil herstelgericht werken steunen", "Collega's vragen zelf om intervisie"],
    "west": ["Eén ervaringsdeskundige alleen in een team", "Te weinig uren om echt mee te doen"],
    "zuid": ["We houden energie door kleine successen te vieren"],
}
DEMO_KAARTEN = [
    "We luisteren echt naar cliënten",
    "Korte lijnen met de wijkteams",
    "Collega's durven eigen ervaringen te delen",
    "We zijn nieuwsgierig en willen leren",
]


def demo(traject) -> None:
    """A few contributions for demo team trajectories: compass cards and voted cards. Idempotent."""
    from django.contrib.auth import get_user_model

    if (
        traject.team.organisatie.naam != "Zorggroep De Brug"
        or Bijdrage.objects.filter(traject=traject).exists()
    ):
        return
    leden = list(
        get_user_model()
        .objects.filter(lidmaatschappen__team=traject.team)
        .order_by("lidmaatschappen__rol", "pk")
    )
    if not leden:
        return
    kompas = next(iter(selectors.kompas_oefeningen()), None)
    if kompas:
        eerste = {}  # the first card of each direction gets the demo's dots
        for richting in kompas.instellingen.get("richtingen", []):
            for n, tekst in enumerate(DEMO_KOMPAS.get(richting["key"], [])):
                kaart = services.bijdrage_toevoegen(
                    traject=traject,
                    oefening=kompas,
                    auteur=leden[n % len(leden)],
                    data={"item": richting["key"], "tekst": tekst},
                )
                eerste.setdefault(richting["key"], kaart)
        if kompas.kind.stemmen_per_persoon(kompas) >= 2:
            for lid in leden:
                services.stem_uitbrengen(traject=traject, bijdrage=eerste["noord"], kiezer=lid)
            services.stem_uitbrengen(traject=traject, bijdrage=eerste["west"], kiezer=leden[0])
    kaarten = Oefening.objects.filter(soort=Soort.KAARTEN).order_by("hoofdstuk__volgorde", "volgorde").first()
    if kaarten:
        gemaakt = [
            services.bijdrage_toevoegen(
                traject=traject, oefening=kaarten, auteur=leden[n % len(leden)], data={"tekst": tekst}
            )
            for n, tekst in enumerate(DEMO_KAARTEN)
        ]
        if kaarten.kind.stemmen_per_persoon(kaarten):
            for lid in leden:
                services.stem_uitbrengen(traject=traject, bijdrage=gemaakt[0], kiezer=lid)
            services.stem_uitbrengen(traject=traject, bijdrage=gemaakt[1], kiezer=leden[0])
