"""Only the non-sensitive models are in the admin.

The sensitive profile, consents, grants and the audit log are deliberately left out: the admin
would show them without a grant and without an audit entry. Staff who need them for a legal
request go through the database with their own logging.
"""

from django.contrib import admin

from .models import Plek, WervingStap


class WervingStapInline(admin.TabularInline):
    model = WervingStap
    extra = 0


@admin.register(Plek)
class PlekAdmin(admin.ModelAdmin):
    list_display = ["titel", "traject", "statuut", "uren_per_week", "positie"]
    list_select_related = ["traject"]
    list_filter = ["statuut", "positie"]
    raw_id_fields = ["ervaringsdeskundige", "tandem_partner"]
    inlines = [WervingStapInline]
