from django.contrib import admin

from .models import Bijeenkomst, Blok, Deelname, Inbreng


class BlokInline(admin.TabularInline):
    model = Blok
    extra = 0
    fields = ["volgorde", "soort", "oefening_slug", "titel", "duur_minuten", "groepsgrootte"]


@admin.register(Bijeenkomst)
class BijeenkomstAdmin(admin.ModelAdmin):
    list_display = ["titel", "traject", "datum", "status", "code"]
    list_filter = ["status"]
    search_fields = ["titel", "code"]
    raw_id_fields = ["traject", "begeleider", "verslaggever", "huidig_blok"]
    inlines = [BlokInline]


@admin.register(Inbreng)
class InbrengAdmin(admin.ModelAdmin):
    list_display = ["inhoud", "blok", "naam", "op_papier", "aangemaakt_op"]
    list_select_related = ["bijdrage"]
    raw_id_fields = ["blok", "auteur", "ingevoerd_door", "bijdrage"]


@admin.register(Deelname)
class DeelnameAdmin(admin.ModelAdmin):
    list_display = ["user", "bijeenkomst", "is_gast", "sinds"]
    raw_id_fields = ["user", "bijeenkomst"]
