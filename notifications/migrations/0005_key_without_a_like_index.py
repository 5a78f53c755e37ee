from django.db import migrations, models


class Migration(migrations.Migration):
    """The key stays unique, by a constraint: without unique=True PostgreSQL keeps no second (LIKE) index of it."""

    dependencies = [("notifications", "0004_rendered_messages")]

    operations = [
        migrations.AddConstraint(
            model_name="notification",
            constraint=models.UniqueConstraint(fields=("key",), name="one_notification_a_key"),
        ),
        migrations.AlterField(model_name="notification", name="key", field=models.CharField(max_length=200)),
    ]
