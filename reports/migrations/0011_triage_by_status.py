from django.db import migrations, models


class Migration(migrations.Migration):
    """The admin's triage order within one status, for its status filter."""

    dependencies = [("reports", "0010_formal_complaints_by_date")]

    operations = [
        migrations.AddIndex(
            model_name="report",
            index=models.Index(
                models.F("status"),
                models.OrderBy(models.F("is_urgent"), descending=True),
                models.OrderBy(models.F("due_on")),
                models.OrderBy(models.F("created_at"), descending=True),
                name="report_triage_by_status",
            ),
        ),
    ]
