"""The admin permissions of the Office and Leadership groups.

Staff in these groups with ``is_staff`` use the admin to triage reports and to
keep the school's lists (classes, children, holidays) up to date. On a new
database the permissions do not exist yet when this runs (Django creates them
after ``migrate``), so they are created here first.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OFFICE = {
    "reports": {"report": ["view", "change"], "evidence": ["view"], "reportevent": ["view"]},
    "school": {
        "schoolclass": ["view", "add", "change", "delete"],
        "child": ["view", "add", "change", "delete"],
        "holiday": ["view", "add", "change", "delete"],
    },
    "policy": {"category": ["view"], "policyversion": ["view"]},
    "accounts": {"user": ["view", "change"]},
}

LEADERSHIP_EXTRA = {
    "policy": {
        "policyversion": ["add", "change"],
        "category": ["change"],
        "policyacknowledgement": ["view"],
    },
    "notifications": {"notification": ["view"]},
}


def merge(*grants):
    merged = {}
    for grant in grants:
        for app_label, models in grant.items():
            for model, actions in models.items():
                merged.setdefault(app_label, {}).setdefault(model, [])
                merged[app_label][model] += [action for action in actions if action not in merged[app_label][model]]
    return merged


GRANTS = {"Office": OFFICE, "Leadership": merge(OFFICE, LEADERSHIP_EXTRA)}


def permissions_for(apps, grant):
    Permission = apps.get_model("auth", "Permission")
    wanted = [
        (app_label, f"{action}_{model}")
        for app_label, models in grant.items()
        for model, actions in models.items()
        for action in actions
    ]
    found = {
        (permission.content_type.app_label, permission.codename): permission
        for permission in Permission.objects.select_related("content_type").filter(
            content_type__app_label__in={app_label for app_label, _ in wanted},
            codename__in={codename for _, codename in wanted},
        )
    }
    missing = sorted(f"{app_label}.{codename}" for app_label, codename in wanted if (app_label, codename) not in found)
    if missing:
        raise RuntimeError(f"Permissions not found: {', '.join(missing)}")
    return [found[key] for key in wanted]


def ensure_permissions(apps, schema_editor):
    for app_label in sorted({label for grant in GRANTS.values() for label in grant}):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True  # a migration's app config has none; create_permissions needs one
        create_permissions(app_config, verbosity=0, using=schema_editor.connection.alias, apps=apps)


def grant(apps, schema_editor):
    ensure_permissions(apps, schema_editor)
    Group = apps.get_model("auth", "Group")
    for name, permissions in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions_for(apps, permissions))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, permissions in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(*permissions_for(apps, permissions))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_staff_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("reports", "0002_ladder"),
        ("school", "0002_directory_refs_and_holidays"),
        ("policy", "0002_first_version_and_categories"),
        ("notifications", "0002_ladder"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
