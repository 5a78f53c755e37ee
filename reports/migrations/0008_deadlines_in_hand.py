from django.db import migrations, models


class Migration(migrations.Migration):
    """An index of the deadlines of reports in hand, for the morning's reminder sweep and the overdue lists."""

    dependencies = [("reports", "0007_triage_register_and_reference_indexes")]

    operations = [
        migrations.AddIndex(
            model_name="report",
            index=models.Index(
                condition=models.Q(("status__in", ["acknowledged", "new"])), fields=["due_on"], name="deadlines_in_hand"
            ),
        ),
    ]
