"""Version 1 of the policy in the portal's other languages, from policy/content/translations/.

Each file is ``social-media-policy-v1.<language>.md``: its first line is the title ("# …"), the
rest the text. The English version stays the one in force.
"""

from pathlib import Path

from django.db import migrations

TRANSLATIONS = Path(__file__).resolve().parent.parent / "content" / "translations"


def translations_of_version_1():
    for path in sorted(TRANSLATIONS.glob("social-media-policy-v1.*.md")):
        language = path.name.split(".")[-2]
        title, _newline, body = path.read_text(encoding="utf-8").partition("\n")
        yield language, title.removeprefix("# ").strip(), body.strip() + "\n"


def publish(apps, schema_editor):
    PolicyVersion = apps.get_model("policy", "PolicyVersion")
    PolicyTranslation = apps.get_model("policy", "PolicyTranslation")
    version = PolicyVersion.objects.filter(number=1).first()
    if version is None:
        return
    for language, title, body in translations_of_version_1():
        PolicyTranslation.objects.get_or_create(version=version, language=language,
                                                defaults={"title": title, "body": body})  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("policy", "0004_translations_of_the_policy")]

    operations = [migrations.RunPython(publish, migrations.RunPython.noop)]
