from django.urls import path

from . import views

app_name = "plan"

urlpatterns = [
    path("trajecten/<int:pk>/plan/", views.plan, name="plan"),
    path("trajecten/<int:pk>/plan/pdf/", views.plan_pdf, name="pdf"),
    path("trajecten/<int:pk>/plan/versies/", views.versies, name="versies"),
    path("trajecten/<int:pk>/plan/versies/<int:nummer>/pdf/", views.versie_pdf, name="versie_pdf"),
    path("trajecten/<int:pk>/plan/besluiten/<slug:onderwerp>/", views.besluit, name="besluit"),
    path("trajecten/<int:pk>/plan/acties/nieuw/", views.actie_nieuw, name="actie_nieuw"),
    path("trajecten/<int:pk>/plan/acties/van-kaart/", views.actie_van_kaart, name="actie_van_kaart"),
    path("trajecten/<int:pk>/plan/acties/<int:actie_pk>/", views.actie, name="actie"),
    path("trajecten/<int:pk>/plan/risicos/<int:kaart_id>/", views.risico, name="risico"),
    path("trajecten/<int:pk>/plan/herzien/<slug:soort>/<int:obj_pk>/", views.herziening, name="herziening"),
    path("trajecten/<int:pk>/export.json", views.export_json, name="export_json"),
    path("trajecten/<int:pk>/export-csv.zip", views.export_csv, name="export_csv"),
]
