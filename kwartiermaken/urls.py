from django.urls import path

from . import views

app_name = "kwartiermaken"

urlpatterns = [
    path("trajecten/<int:pk>/kwartiermaken/", views.traject, name="traject"),
    path("trajecten/<int:pk>/kwartiermaken/stappen/<slug:slug>/", views.stap, name="stap"),
    path(
        "trajecten/<int:pk>/kwartiermaken/stappen/<slug:slug>/status/", views.stap_status, name="stap_status"
    ),
    path("trajecten/<int:pk>/kwartiermaken/scan/", views.scan, name="scan"),
    path(
        "trajecten/<int:pk>/kwartiermaken/scan/nieuwe-ronde/", views.scan_ronde_nieuw, name="scan_ronde_nieuw"
    ),
    path("trajecten/<int:pk>/kwartiermaken/besluit/", views.besluit, name="besluit"),
    path("trajecten/<int:pk>/kwartiermaken/fase-2-starten/", views.fase_2_starten, name="fase_2_starten"),
    path("trajecten/<int:pk>/kwartiermaken/coalitie/", views.coalitie, name="coalitie"),
    path(
        "trajecten/<int:pk>/kwartiermaken/coalitie/<int:lid_pk>/verwijderen/",
        views.coalitie_verwijderen,
        name="coalitie_verwijderen",
    ),
    path("organisaties/<int:pk>/overzicht/", views.overzicht, name="overzicht"),
    path("organisaties/<int:pk>/overzicht.csv", views.overzicht_csv, name="overzicht_csv"),
]
