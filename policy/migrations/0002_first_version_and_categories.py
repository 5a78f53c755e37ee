"""The customer's policy is version 1 on every new database, with its eight categories."""

import datetime
from pathlib import Path

from django.db import migrations

POLICY_FILE = Path(__file__).resolve().parent.parent / "content" / "social-media-policy-v1.md"

CATEGORIES = [
    (1, "Identifying or posting images/videos of pupils", True),
    (2, "Abusive or personal comments about staff, pupils or other parents", False),
    (3, "Bringing the school into disrepute", False),
    (4, "Posting defamatory or libelous comments", False),
    (5, "Emails circulated or sent directly with abusive or personal comments about staff or pupils", False),
    (6, "Using social media to publicly challenge school policies or discuss issues about individual children", False),
    (7, "Threatening behaviour, such as verbally intimidating staff, or using bad language", True),
    (8, "Breaching school security procedures", True),
]


def publish(apps, schema_editor):
    PolicyVersion = apps.get_model("policy", "PolicyVersion")
    Category = apps.get_model("policy", "Category")
    PolicyVersion.objects.get_or_create(
        number=1,
        defaults={
            "label": "September 2025",
            "title": "Social media policy for parents and carers",
            "body": POLICY_FILE.read_text(encoding="utf-8"),
            "effective_date": datetime.date(2025, 9, 1),
        },
    )
    for number, wording, is_urgent in CATEGORIES:
        Category.objects.get_or_create(number=number, defaults={"wording": wording, "is_urgent": is_urgent})


class Migration(migrations.Migration):
    dependencies = [("policy", "0001_initial")]

    operations = [migrations.RunPython(publish, migrations.RunPython.noop)]
