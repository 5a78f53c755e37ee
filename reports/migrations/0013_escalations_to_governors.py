from django.db import migrations, models


class Migration(migrations.Migration):
    """The events that took a complaint to the governors, by report: the leadership team's lists read them."""

    dependencies = [("reports", "0012_ended_holdings")]

    operations = [
        migrations.AddIndex(
            model_name="reportevent",
            index=models.Index(
                condition=models.Q(
                    ("from_stage__in", ["class_teacher", "office_leadership"]), ("to_stage", "governors")
                ),
                fields=["report"],
                name="escalations_to_governors",
            ),
        ),
    ]
