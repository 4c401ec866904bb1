from django.contrib import admin

from .models import Fase, ScanVraag, Stap


class StapInline(admin.TabularInline):
    model = Stap
    fields = ["volgorde", "slug", "titel", "bron", "oefeningen"]
    extra = 0


@admin.register(Fase)
class FaseAdmin(admin.ModelAdmin):
    list_display = ["nummer", "titel", "bron"]
    inlines = [StapInline]


@admin.register(Stap)
class StapAdmin(admin.ModelAdmin):
    list_display = ["titel", "fase", "volgorde", "bron"]
    list_filter = ["fase"]


@admin.register(ScanVraag)
class ScanVraagAdmin(admin.ModelAdmin):
    list_display = ["volgorde", "vraag", "bron"]


# Team data (progress, scan answers, decisions) stays out of the admin on purpose:
# it is reached through the app with its access checks, and exported per person via the registry.
