from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from trajecten.herstel import WachtwoordVergetenView
from trajecten.views import LoginView, taal_kiezen

from . import views

urlpatterns = [
    path("account/inloggen/", LoginView.as_view(), name="login"),
    path("account/uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "account/wachtwoord/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "account/wachtwoord/gewijzigd/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("account/wachtwoord-vergeten/", WachtwoordVergetenView.as_view(), name="password_reset"),
    path(
        "account/wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "account/wachtwoord-vergeten/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "account/wachtwoord-vergeten/klaar/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("taal/", taal_kiezen, name="set_language"),
    path("gezond/", views.gezond, name="gezond"),
    path("toegankelijkheid/", views.toegankelijkheid, name="toegankelijkheid"),
    path("beheer/", admin.site.urls),
    path("", include("trajecten.urls")),
    path("", include("oefeningen.urls")),
    path("", include("kwartiermaken.urls")),
    path("", include("ervaringsdeskundigen.urls")),
    path("", include("bijeenkomsten.urls")),
    path("", include("plan.urls")),
]
