from django.urls import path

from .views import deelname, eigen, planning, poll, sessie, verslag

app_name = "bijeenkomsten"

urlpatterns = [
    path("trajecten/<int:pk>/bijeenkomsten/", planning.lijst, name="lijst"),
    path("trajecten/<int:pk>/bijeenkomsten/nieuw/", planning.nieuw, name="nieuw"),
    path("bijeenkomsten/<int:pk>/", planning.bijeenkomst, name="bijeenkomst"),
    path("bijeenkomsten/<int:pk>/bewerken/", planning.bewerken, name="bewerken"),
    path("bijeenkomsten/<int:pk>/blokken/", planning.blok_nieuw, name="blok_nieuw"),
    path(
        "bijeenkomsten/<int:pk>/blokken/<int:blok_pk>/verplaatsen/",
        planning.blok_verplaatsen,
        name="blok_verplaatsen",
    ),
    path(
        "bijeenkomsten/<int:pk>/blokken/<int:blok_pk>/verwijderen/",
        planning.blok_verwijderen,
        name="blok_verwijderen",
    ),
    path("bijeenkomsten/<int:pk>/afdrukken/", planning.afdrukken, name="afdrukken"),
    path("bijeenkomsten/<int:pk>/agenda.ics", planning.agenda_ics, name="ics"),
    path("bijeenkomsten/<int:pk>/presentatie/", sessie.presentatie, name="presentatie"),
    path("bijeenkomsten/<int:pk>/starten/", sessie.starten, name="starten"),
    path("bijeenkomsten/<int:pk>/bediening/", sessie.bediening, name="bediening"),
    path("bijeenkomsten/<int:pk>/gasten/", sessie.gasten, name="gasten"),
    path("bijeenkomsten/<int:pk>/papier/", sessie.papier, name="papier"),
    path("bijeenkomsten/<int:pk>/papier/stem/", sessie.papier_stem, name="papier_stem"),
    path("bijeenkomsten/<int:pk>/sluiten/", sessie.sluiten, name="sluiten"),
    path("bijeenkomsten/<int:pk>/meedoen/", deelname.deelnemer, name="deelnemer"),
    path("bijeenkomsten/<int:pk>/inbreng/", deelname.inbreng, name="inbreng"),
    path("bijeenkomsten/<int:pk>/stem/", deelname.stem, name="stem"),
    path("bijeenkomsten/<int:pk>/mijn-kaarten/", eigen.mijn_kaarten, name="mijn_kaarten"),
    path("bijeenkomsten/<int:pk>/mijn-kaarten/<int:kaart_pk>/", eigen.mijn_kaart, name="mijn_kaart"),
    path("bijeenkomsten/<int:pk>/live/", poll.poll, name="live"),
    path("bijeenkomsten/<int:pk>/verslag/", verslag.verslag, name="verslag"),
    path("meedoen/", deelname.code, name="code"),
    path("meedoen/<str:code>/", deelname.join, name="join"),
]
