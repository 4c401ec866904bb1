from django.urls import path

from . import views

app_name = "oefeningen"

_oef = "trajecten/<int:pk>/oefeningen/<slug:slug>/"
_bij = _oef + "bijdragen/<int:bijdrage_pk>/"

urlpatterns = [
    path("trajecten/<int:pk>/oefeningen/", views.overzicht, name="overzicht"),
    path(_oef, views.oefening, name="oefening"),
    path(_oef + "bijdragen/", views.bijdrage_nieuw, name="bijdrage_nieuw"),
    path(_bij + "bewerken/", views.bijdrage_bewerken, name="bijdrage_bewerken"),
    path(_bij + "verwijderen/", views.bijdrage_verwijderen, name="bijdrage_verwijderen"),
    path(_bij + "stem/", views.stem, name="stem"),
    path(_bij + "stem-weg/", views.stem_intrekken, name="stem_intrekken"),
    path(_bij + "groep/", views.kaart_groeperen, name="kaart_groeperen"),
    path(_bij + "achterhouden/", views.achterhouden, name="achterhouden"),
    path(_oef + "groepen/", views.cluster_nieuw, name="cluster_nieuw"),
    path(_oef + "tekst/", views.tekst_opslaan, name="tekst_opslaan"),
    path(_oef + "status/", views.status_zetten, name="status"),
    path(_oef + "zichtbaarheid/", views.zichtbaarheid, name="zichtbaarheid"),
]
