import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """A session card on a card exercise points at the exercise's contribution with a real key.

    The bare integer moves aside (bijdrage_oud) until 0003 has linked the rows; 0004 drops it.
    """

    dependencies = [
        ("bijeenkomsten", "0001_initial"),
        ("oefeningen", "0003_inhoud_engels_en_duur"),
    ]

    operations = [
        migrations.RenameField(model_name="inbreng", old_name="bijdrage_id", new_name="bijdrage_oud"),
        migrations.AddField(
            model_name="inbreng",
            name="bijdrage",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="sessiekaart",
                to="oefeningen.bijdrage",
            ),
        ),
        migrations.AlterField(
            model_name="inbreng",
            name="tekst",
            field=models.TextField(blank=True, verbose_name="tekst"),
        ),
    ]
