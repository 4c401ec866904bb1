from django.urls import path

from . import herstel, views

app_name = "trajecten"

urlpatterns = [
    path("", views.mijn_teams, name="mijn_teams"),
    path("organisaties/<int:pk>/", views.organisatie_detail, name="organisatie"),
    path("organisaties/<int:pk>/teams/nieuw/", views.team_nieuw, name="team_nieuw"),
    path("teams/<int:pk>/", views.team_detail, name="team"),
    path("teams/<int:pk>/bewerken/", views.team_bewerken, name="team_bewerken"),
    path("teams/<int:pk>/uitnodigingen/", views.uitnodiging_nieuw, name="uitnodiging_nieuw"),
    path(
        "teams/<int:pk>/uitnodigingen/<int:uitnodiging_pk>/intrekken/",
        views.uitnodiging_intrekken,
        name="uitnodiging_intrekken",
    ),
    path("teams/<int:pk>/trajecten/nieuw/", views.traject_nieuw, name="traject_nieuw"),
    path("trajecten/<int:pk>/", views.traject_detail, name="traject"),
    path("trajecten/<int:pk>/bewerken/", views.traject_bewerken, name="traject_bewerken"),
    path("uitnodiging/<str:token>/", views.uitnodiging, name="uitnodiging"),
    path("teams/<int:pk>/leden/<int:lid_pk>/wachtwoord/", herstel.herstel_nieuw, name="herstel_nieuw"),
    path("wachtwoord/nieuw/<str:token>/", herstel.herstel, name="herstel"),
]
