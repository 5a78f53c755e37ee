from django.db import migrations


def create_clerk_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name="Clerk")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0007_closing_an_account")]

    operations = [migrations.RunPython(create_clerk_group, migrations.RunPython.noop)]
