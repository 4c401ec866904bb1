"""Sessions for tests: a planned or running session with a few blocks."""

from datetime import date, time

from bijeenkomsten import services
from bijeenkomsten.models import Blok


def maak_bijeenkomst(
    traject, *, begeleider=None, blokken=3, actief=False, open_=True, gasten=False, **velden
):
    b = services.bijeenkomst_plannen(
        traject=traject,
        titel=velden.pop("titel", "Sessie één"),
        datum=velden.pop("datum", date(2026, 12, 3)),
        starttijd=velden.pop("starttijd", time(13, 30)),
        plaats=velden.pop("plaats", "Zaal 2"),
        begeleider=begeleider,
        **velden,
    )
    for i in range(blokken):
        services.blok_toevoegen(
            bijeenkomst=b,
            soort=Blok.Soort.VRIJ,
            titel=f"Blok {i + 1}",
            vraag=f"Vraag {i + 1}?",
            duur_minuten=10,
        )
    if actief:
        services.starten(bijeenkomst=b)
        b.refresh_from_db()
        if open_ and b.huidig_blok_id:
            services.blok_zetten(blok=b.huidig_blok, veld="invoer_open", waarde=True)
    if gasten:
        services.gasten_toestaan(bijeenkomst=b, toestaan=True)
    b.refresh_from_db()
    return b
