"""The first privacy notice, written from what the portal does; and retention may rewrite append-only rows."""

import datetime
from pathlib import Path

from django.db import migrations

from conduct_portal.append_only import refuse_rewrite_function

NOTICE = Path(__file__).resolve().parent.parent / "content" / "privacy-notice-v1.md"


def publish(apps, schema_editor):
    apps.get_model("privacy", "PrivacyNotice").objects.get_or_create(
        number=1, defaults={"effective_date": datetime.date(2025, 9, 1), "body": NOTICE.read_text(encoding="utf-8")}
    )


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial"), ("access", "0001_initial"), ("reports", "0005_anonymised_reports")]

    operations = [
        migrations.RunPython(publish, migrations.RunPython.noop),
        refuse_rewrite_function(),
    ]
