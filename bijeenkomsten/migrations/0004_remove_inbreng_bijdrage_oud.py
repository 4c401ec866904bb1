from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("bijeenkomsten", "0003_kaarten_eenmaal_opgeslagen"),
    ]

    operations = [migrations.RemoveField(model_name="inbreng", name="bijdrage_oud")]
