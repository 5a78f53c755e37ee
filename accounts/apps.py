from collections import defaultdict

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def staff_rows():
    """Every active member of staff, with their groups: the choices of whom a report goes to or is about."""
    from .models import STAFF_GROUP_NAMES, User

    people = User.objects.filter(groups__name__in=STAFF_GROUP_NAMES, is_active=True).distinct()
    # Routing reads them (reports.routing.Directory), and writes them the emails: each reads all but the password.
    return list(people.order_by("full_name", "email").defer("password").prefetch_related("groups"))


def staff_group_rows():
    """{pk: the names of their staff groups} for everyone in one: what each signed-in request asks of its person."""
    from .models import STAFF_GROUP_NAMES, User

    memberships = User.groups.through.objects.filter(group__name__in=STAFF_GROUP_NAMES)
    found = defaultdict(set)
    for person, name in memberships.values_list("user_id", "group__name"):
        found[person].add(name)
    return {person: frozenset(names) for person, names in found.items()}


def changes_staff(update_fields):
    """Signing in saves only the time of it, which nothing read from the staff table shows."""
    return update_fields is None or set(update_fields) != {"last_login"}


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from conduct_portal import small_tables

        from .models import User

        small_tables.register("staff", User, staff_rows, matters=changes_staff, memberships=User.groups.through)
        small_tables.register(
            "staff_groups", User, staff_group_rows, matters=changes_staff, memberships=User.groups.through
        )
