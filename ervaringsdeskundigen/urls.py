from django.urls import path

from . import views

app_name = "ervaringsdeskundigen"

urlpatterns = [
    path("trajecten/<int:pk>/ervaringsdeskundigen/", views.plekken, name="plekken"),
    path("trajecten/<int:pk>/ervaringsdeskundigen/nieuw/", views.plek_nieuw, name="plek_nieuw"),
    path("trajecten/<int:pk>/ervaringsdeskundigen/<int:plek_pk>/", views.plek_detail, name="plek"),
    path(
        "trajecten/<int:pk>/ervaringsdeskundigen/<int:plek_pk>/bewerken/",
        views.plek_bewerken,
        name="plek_bewerken",
    ),
    path(
        "trajecten/<int:pk>/ervaringsdeskundigen/<int:plek_pk>/verwijderen/",
        views.plek_verwijderen,
        name="plek_verwijderen",
    ),
    path(
        "trajecten/<int:pk>/ervaringsdeskundigen/<int:plek_pk>/werving/<int:stap_pk>/",
        views.werving_stap,
        name="werving_stap",
    ),
    path("mijn-gegevens/", views.mijn_gegevens, name="mijn_gegevens"),
    path("mijn-gegevens/download/", views.download, name="download"),
    path("mijn-gegevens/ervaringsprofiel/", views.profiel, name="profiel"),
    path("mijn-gegevens/toestemming-intrekken/", views.toestemming_intrekken, name="toestemming_intrekken"),
    path("mijn-gegevens/inzage/", views.inzage_nieuw, name="inzage_nieuw"),
    path("mijn-gegevens/inzage/<int:recht_pk>/intrekken/", views.inzage_intrekken, name="inzage_intrekken"),
    path("mijn-gegevens/logboek/", views.logboek, name="logboek"),
    path("mijn-gegevens/wissen/", views.wissen, name="wissen"),
]
