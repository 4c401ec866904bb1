from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from cocreatie.beheer import BeleidsLijst
from trajecten import zichtbaarheid
from trajecten.weergave import weergavenaam

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


def verborgen_tot_onthullen(traject: str, oefening: str) -> Exists:
    """Per row of a list: is its exercise hidden until the reveal in its trajectory?"""
    return Exists(
        OefeningStatus.objects.filter(
            traject_id=OuterRef(traject), oefening_id=OuterRef(oefening), verborgen=True
        )
    )


@admin.register(Bijdrage)
class BijdrageAdmin(BeleidsLijst, admin.ModelAdmin):
    """The list shows what the visibility policy lets a team member read (trajecten.zichtbaarheid)."""

    list_display = ["inhoud", "naam", "traject", "oefening", "namens_groep", "aangemaakt_op"]
    list_select_related = ["auteur", "oefening", "traject"]
    raw_id_fields = ["traject", "oefening", "auteur", "cluster"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_verborgen=verborgen_tot_onthullen("traject_id", "oefening_id"))
        )

    def lijst_label(self, obj):
        return self.inhoud(obj)

    @admin.display(description=_("inhoud"))
    def inhoud(self, obj):
        return zichtbaarheid.beheer_tekst(
            obj.tekst or obj.item,
            verborgen=obj._verborgen,
            achtergehouden=obj.get_achtergehouden_display() if obj.achtergehouden else "",
        )

    @admin.display(description=_("naam"))
    def naam(self, obj):
        return zichtbaarheid.beheer_naam(
            weergavenaam(obj.auteur) if obj.auteur_id else "",
            anoniem=obj.auteur_id is None,
            kind=obj.oefening.kind,
            verborgen=obj._verborgen,
        )


@admin.register(GedeeldeTekst)
class GedeeldeTekstAdmin(admin.ModelAdmin):
    list_display = ["oefening", "traject", "versie", "gewijzigd_op"]
    raw_id_fields = ["traject", "oefening", "gewijzigd_door"]
