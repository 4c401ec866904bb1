from django.contrib import admin

from .models import Bijdrage, GedeeldeTekst, Hoofdstuk, Oefening, OefeningStatus


@admin.register(Hoofdstuk)
class HoofdstukAdmin(admin.ModelAdmin):
    list_display = ["nummer", "titel", "slug", "volgorde"]
    search_fields = ["titel", "slug"]


@admin.register(Oefening)
class OefeningAdmin(admin.ModelAdmin):
    # Oefening.clean() validates `instellingen` through the kind, so bad content is refused here.
    list_display = ["titel", "hoofdstuk", "soort", "bron", "volgorde"]
    list_filter = ["hoofdstuk", "soort", "anoniem_toegestaan"]
    search_fields = ["titel", "slug", "vraag", "bron"]


@admin.register(OefeningStatus)
class OefeningStatusAdmin(admin.ModelAdmin):
    list_display = ["traject", "oefening", "status", "verborgen"]
    list_filter = ["status"]
    raw_id_fields = ["traject", "oefening"]


@admin.register(Bijdrage)
class BijdrageAdmin(admin.ModelAdmin):
    list_display = ["__str__", "traject", "oefening", "namens_groep", "aangemaakt_op"]
    raw_id_fields = ["traject", "oefening", "auteur", "cluster"]


@admin.register(GedeeldeTekst)
class GedeeldeTekstAdmin(admin.ModelAdmin):
    list_display = ["oefening", "traject", "versie", "gewijzigd_op"]
    raw_id_fields = ["traject", "oefening", "gewijzigd_door"]
