from django.db import migrations, models


class Migration(migrations.Migration):
    """Paper votes from live sessions are exercise votes too: a flag and a name, no kiezer."""

    dependencies = [
        ("oefeningen", "0004_soort_keuzes_uit_register"),
    ]

    operations = [
        migrations.AddField(
            model_name="stem",
            name="op_papier",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="stem",
            name="namens",
            field=models.CharField(blank=True, max_length=150),
        ),
        migrations.AddConstraint(
            model_name="stem",
            constraint=models.CheckConstraint(
                condition=models.Q(("op_papier", False), ("kiezer__isnull", True), _connector="OR"),
                name="stem_papier_zonder_kiezer",
            ),
        ),
    ]
