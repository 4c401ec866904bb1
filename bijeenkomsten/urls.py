from django.urls import path

from . import views

app_name = "bijeenkomsten"

urlpatterns = [
    path("trajecten/<int:pk>/bijeenkomsten/", views.lijst, name="lijst"),
    path("trajecten/<int:pk>/bijeenkomsten/nieuw/", views.nieuw, name="nieuw"),
    path("bijeenkomsten/<int:pk>/", views.bijeenkomst, name="bijeenkomst"),
    path("bijeenkomsten/<int:pk>/bewerken/", views.bewerken, name="bewerken"),
    path("bijeenkomsten/<int:pk>/blokken/", views.blok_nieuw, name="blok_nieuw"),
    path(
        "bijeenkomsten/<int:pk>/blokken/<int:blok_pk>/verplaatsen/",
        views.blok_verplaatsen,
        name="blok_verplaatsen",
    ),
    path(
        "bijeenkomsten/<int:pk>/blokken/<int:blok_pk>/verwijderen/",
        views.blok_verwijderen,
        name="blok_verwijderen",
    ),
    path("bijeenkomsten/<int:pk>/afdrukken/", views.afdrukken, name="afdrukken"),
    path("bijeenkomsten/<int:pk>/agenda.ics", views.agenda_ics, name="ics"),
    path("bijeenkomsten/<int:pk>/presentatie/", views.presentatie, name="presentatie"),
    path("bijeenkomsten/<int:pk>/starten/", views.starten, name="starten"),
    path("bijeenkomsten/<int:pk>/bediening/", views.bediening, name="bediening"),
    path("bijeenkomsten/<int:pk>/gasten/", views.gasten, name="gasten"),
    path("bijeenkomsten/<int:pk>/papier/", views.papier, name="papier"),
    path("bijeenkomsten/<int:pk>/papier/stem/", views.papier_stem, name="papier_stem"),
    path("bijeenkomsten/<int:pk>/sluiten/", views.sluiten, name="sluiten"),
    path("bijeenkomsten/<int:pk>/meedoen/", views.deelnemer, name="deelnemer"),
    path("bijeenkomsten/<int:pk>/inbreng/", views.inbreng, name="inbreng"),
    path("bijeenkomsten/<int:pk>/stem/", views.stem, name="stem"),
    path("bijeenkomsten/<int:pk>/live/", views.poll, name="live"),
    path("bijeenkomsten/<int:pk>/verslag/", views.verslag, name="verslag"),
    path("meedoen/", views.code, name="code"),
    path("meedoen/<str:code>/", views.join, name="join"),
]
