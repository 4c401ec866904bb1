from django.contrib import admin

from .models import Lidmaatschap, Organisatie, Team, Traject, Uitnodiging, WachtwoordHerstel


class TeamInline(admin.TabularInline):
    model = Team
    extra = 0


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin):
    list_display = ["naam", "aangemaakt_op"]
    search_fields = ["naam"]
    filter_horizontal = ["leidinggevenden"]
    inlines = [TeamInline]


class LidmaatschapInline(admin.TabularInline):
    model = Lidmaatschap
    extra = 0
    autocomplete_fields = ["user"]
    exclude = ["via_uitnodiging"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["naam", "organisatie", "sector"]
    list_filter = ["sector", "organisatie"]
    search_fields = ["naam", "organisatie__naam"]
    inlines = [LidmaatschapInline]


@admin.register(Traject)
class TrajectAdmin(admin.ModelAdmin):
    list_display = ["titel", "team", "startdatum", "status"]
    list_filter = ["status"]
    search_fields = ["titel", "team__naam"]
    filter_horizontal = ["begeleiders"]


@admin.register(Uitnodiging)
class UitnodigingAdmin(admin.ModelAdmin):
    list_display = [
        "team",
        "rol",
        "aangemaakt_op",
        "verloopt_op",
        "gebruikt",
        "max_gebruik",
        "ingetrokken_op",
    ]
    readonly_fields = ["token", "gebruikt"]


@admin.register(WachtwoordHerstel)
class WachtwoordHerstelAdmin(admin.ModelAdmin):
    """The audit trail of begeleiders' password links: read-only, for who looks into a complaint."""

    list_display = ["voor", "aangemaakt_door", "aangemaakt_op", "gebruikt_op", "vervangen_op", "gemeld_op"]
    list_filter = ["aangemaakt_op"]
    search_fields = ["voor__username", "aangemaakt_door__username"]
    exclude = ["token_hash"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
