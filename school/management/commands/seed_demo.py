import os

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import StaffGroup, User
from governance.models import IndependentMember
from policy.models import PolicyVersion
from reports.holdings import resync
from school.models import Child, SchoolClass

DEFAULT_PASSWORD = "demo-password-2026"

ACCOUNTS = [
    # email, name, groups, flags, class taught or class of the child
    ("parent@example.org", "Pat Parent", [], {}, "Robins"),
    ("parent2@example.org", "Sam Second-Parent", [], {}, "Robins"),
    ("parent3@example.org", "Kit Kestrel-Parent", [], {}, "Kestrels"),
    ("teacher@example.org", "Terry Teacher", [StaffGroup.TEACHERS], {}, "Robins"),
    ("teacher2@example.org", "Tess Second-Teacher", [StaffGroup.TEACHERS], {}, "Kestrels"),
    ("office@example.org", "Olive Office", [StaffGroup.OFFICE], {"is_staff": True}, None),
    ("head@example.org", "Harriet Head", [StaffGroup.LEADERSHIP], {"is_staff": True, "is_headteacher": True}, None),
    ("dsl@example.org", "Dee Safeguarding", [StaffGroup.SAFEGUARDING], {"is_dsl": True}, None),
    ("governor@example.org", "Gill Governor", [StaffGroup.GOVERNORS], {"is_chair_of_governors": True}, None),
    ("governor2@example.org", "Gus Second-Governor", [StaffGroup.GOVERNORS], {}, None),
    ("governor3@example.org", "Grace Third-Governor", [StaffGroup.GOVERNORS], {}, None),
    ("clerk@example.org", "Cleo Clerk", [StaffGroup.CLERK], {"is_staff": True}, None),
    ("admin@example.org", "Ada Administrator", [], {"is_staff": True, "is_superuser": True}, None),
]


class Command(BaseCommand):
    help = "Create a demo school with one account for each role. Development only: refuses to run with DEBUG off."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo makes accounts with a known password, so it only runs with DEBUG=1.")
        password = os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD
        with transaction.atomic():
            created = self._seed(password)
        if not PolicyVersion.objects.exists():
            raise CommandError("No policy version exists: run `python manage.py migrate` first.")
        self.stdout.write(self.style.SUCCESS(f"Demo school ready ({created} new accounts)."))
        self.stdout.write("Log in at /accounts/login/ with any of these, password " + self.style.WARNING(password))
        for email, name, groups, flags, _class in ACCOUNTS:
            role = ", ".join(groups) or ("Superuser" if flags.get("is_superuser") else "Parent")
            self.stdout.write(f"  {email:<24} {name} ({role})")
        self.stdout.write("  and Ivy Independent, an independent member for the governors' complaints panels")

    def _seed(self, password):
        classes = {
            "Robins": SchoolClass.objects.get_or_create(
                name="Robins", defaults={"year_group": "Year 1", "position": 1}
            )[0],
            "Kestrels": SchoolClass.objects.get_or_create(
                name="Kestrels", defaults={"year_group": "Year 2", "position": 2}
            )[0],
        }
        created = 0
        for email, name, groups, flags, class_name in ACCOUNTS:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(
                    email=email, password=password, full_name=name, email_confirmed_at=timezone.now(), **flags
                )
                user.groups.set(Group.objects.filter(name__in=groups))
                created += 1
            if class_name is None:
                continue
            school_class = classes[class_name]
            if StaffGroup.TEACHERS in groups:
                school_class.teachers.add(user)
            elif not Child.objects.filter(parents=user, school_class=school_class).exists():
                Child.objects.create(school_class=school_class).parents.add(user)
        IndependentMember.objects.get_or_create(
            name="Ivy Independent", defaults={"organisation": "Governor at Elm School"}
        )
        resync()
        return created
