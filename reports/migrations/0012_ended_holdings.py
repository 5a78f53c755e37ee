from django.db import migrations, models


class Migration(migrations.Migration):
    """The holdings a move ended, by person: the list filters' "held it before" conditions read them."""

    dependencies = [("reports", "0011_triage_by_status")]

    operations = [
        migrations.AddIndex(
            model_name="holding",
            index=models.Index(
                condition=models.Q(("ended_by__isnull", False)), fields=["person", "report"], name="ended_holdings"
            ),
        ),
    ]
