from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from cocreatie.beheer import BeleidsLijst
from oefeningen.models import OefeningStatus
from trajecten import zichtbaarheid

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
class InbrengAdmin(BeleidsLijst, admin.ModelAdmin):
    """The list shows what the visibility policy lets the session's screens show (trajecten.zichtbaarheid)."""

    list_display = ["kaart", "blok", "getoonde_naam", "op_papier", "aangemaakt_op"]
    list_select_related = ["bijdrage", "blok"]
    raw_id_fields = ["blok", "auteur", "ingevoerd_door", "bijdrage"]

    def get_queryset(self, request):
        verborgen = OefeningStatus.objects.filter(
            traject_id=OuterRef("blok__bijeenkomst__traject_id"),
            oefening__slug=OuterRef("blok__oefening_slug"),
            verborgen=True,
        )
        return super().get_queryset(request).annotate(_verborgen=Exists(verborgen))

    def lijst_label(self, obj):
        return self.kaart(obj)

    @admin.display(description=_("inhoud"))
    def kaart(self, obj):
        achter = (
            obj.bijdrage.get_achtergehouden_display()
            if obj.bijdrage_id and obj.bijdrage.achtergehouden
            else ""
        )
        return zichtbaarheid.beheer_tekst(obj.inhoud, verborgen=obj._verborgen, achtergehouden=achter)

    @admin.display(description=_("naam"))
    def getoonde_naam(self, obj):
        return zichtbaarheid.beheer_naam(obj.naam, anoniem=obj.blok.anoniem, verborgen=obj._verborgen)


@admin.register(Deelname)
class DeelnameAdmin(admin.ModelAdmin):
    list_display = ["user", "bijeenkomst", "is_gast", "sinds"]
    raw_id_fields = ["user", "bijeenkomst"]
