import os

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import StaffGroup, User
from policy.models import PolicyVersion
from school.models import Child, SchoolClass

DEFAULT_PASSWORD = "demo-password-2026"

ACCOUNTS = [
    # email, name, groups, flags
    ("parent@example.org", "Pat Parent", [], {}),
    ("parent2@example.org", "Sam Second-Parent", [], {}),
    ("teacher@example.org", "Terry Teacher", [StaffGroup.TEACHERS], {}),
    ("office@example.org", "Olive Office", [StaffGroup.OFFICE], {"is_staff": True}),
    ("head@example.org", "Harriet Head", [StaffGroup.LEADERSHIP], {"is_staff": True, "is_headteacher": True}),
    ("governor@example.org", "Gill Governor", [StaffGroup.GOVERNORS], {"is_chair_of_governors": True}),
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
        for email, name, groups, _flags in ACCOUNTS:
            role = ", ".join(groups) or "Parent"
            self.stdout.write(f"  {email:<24} {name} ({role})")

    def _seed(self, password):
        robins, _ = SchoolClass.objects.get_or_create(name="Robins", defaults={"year_group": "Year 1", "position": 1})
        SchoolClass.objects.get_or_create(name="Kestrels", defaults={"year_group": "Year 2", "position": 2})
        created = 0
        users = {}
        for email, name, groups, flags in ACCOUNTS:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(email=email, password=password, full_name=name, **flags)
                user.groups.set(Group.objects.filter(name__in=groups))
                created += 1
            users[email] = user
        robins.teachers.add(users["teacher@example.org"])
        for parent in ("parent@example.org", "parent2@example.org"):
            if not Child.objects.filter(parents=users[parent], school_class=robins).exists():
                Child.objects.create(school_class=robins).parents.add(users[parent])
        return created
