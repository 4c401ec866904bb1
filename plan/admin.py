from django.contrib import admin

from .models import Actie, Besluit, Herziening, PlanVersie, Risico


@admin.register(Besluit)
class BesluitAdmin(admin.ModelAdmin):
    list_display = ["traject", "onderwerp", "eigenaar", "datum", "herzien_op"]
    list_filter = ["onderwerp"]
    raw_id_fields = ["traject", "eigenaar"]


@admin.register(Actie)
class ActieAdmin(admin.ModelAdmin):
    list_display = ["wat", "traject", "eigenaar", "wanneer", "status", "herzien_op"]
    list_filter = ["status"]
    raw_id_fields = ["traject", "eigenaar"]


@admin.register(Risico)
class RisicoAdmin(admin.ModelAdmin):
    list_display = ["omschrijving", "traject"]
    raw_id_fields = ["traject"]


@admin.register(Herziening)
class HerzieningAdmin(admin.ModelAdmin):
    list_display = ["datum", "traject", "onderwerp", "door"]
    raw_id_fields = ["traject", "besluit", "actie", "door"]


@admin.register(PlanVersie)
class PlanVersieAdmin(admin.ModelAdmin):
    list_display = ["traject", "nummer", "gemaakt_op", "gemaakt_door", "grootte"]
    exclude = ["pdf"]
    readonly_fields = ["snapshot"]
    raw_id_fields = ["traject", "gemaakt_door"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("pdf")
