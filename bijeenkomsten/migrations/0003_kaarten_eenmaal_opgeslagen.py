from django.db import migrations
from django.db.models import Exists, F, OuterRef


def eenmaal_opslaan(apps, schema_editor):
    """Link each card to its exercise contribution and drop what was stored twice.

    A card whose contribution still exists gets the real key and loses its copy of the
    text; a session vote that mirrors the exercise's vote (same person, same card) goes.
    Rows that cannot be matched stay as they are: a card whose contribution is gone keeps
    its own text, paper votes and votes the exercise refused stay session votes.
    """
    Inbreng = apps.get_model("bijeenkomsten", "Inbreng")
    SessieStem = apps.get_model("bijeenkomsten", "Stem")
    Bijdrage = apps.get_model("oefeningen", "Bijdrage")
    OefeningStem = apps.get_model("oefeningen", "Stem")
    Inbreng.objects.filter(
        bijdrage__isnull=True, bijdrage_oud__in=Bijdrage.objects.values("pk")
    ).update(bijdrage_id=F("bijdrage_oud"), tekst="")
    gespiegeld = OefeningStem.objects.filter(bijdrage_id=OuterRef("inbreng__bijdrage_id"), kiezer_id=OuterRef("user_id"))
    SessieStem.objects.filter(op_papier=False, user__isnull=False, inbreng__bijdrage__isnull=False).filter(
        Exists(gespiegeld)
    ).delete()


def terug(apps, schema_editor):
    """Back to two copies: the text and the bare id again, and a session vote beside each person's vote."""
    Inbreng = apps.get_model("bijeenkomsten", "Inbreng")
    SessieStem = apps.get_model("bijeenkomsten", "Stem")
    OefeningStem = apps.get_model("oefeningen", "Stem")
    for kaart in Inbreng.objects.filter(bijdrage__isnull=False).select_related("bijdrage"):
        Inbreng.objects.filter(pk=kaart.pk).update(bijdrage_oud=kaart.bijdrage_id, tekst=kaart.bijdrage.tekst)
    SessieStem.objects.bulk_create(
        SessieStem(inbreng=kaart, user_id=stem.kiezer_id)
        for kaart in Inbreng.objects.filter(bijdrage__isnull=False)
        for stem in OefeningStem.objects.filter(bijdrage_id=kaart.bijdrage_id, kiezer__isnull=False)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("bijeenkomsten", "0002_inbreng_bijdrage"),
    ]

    operations = [migrations.RunPython(eenmaal_opslaan, terug)]
