import pytest
from django.core.management import CommandError, call_command

from accounts.models import StaffGroup, User
from school.models import SchoolClass


def seed(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    return capsys.readouterr().out


def test_it_refuses_to_run_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only runs with DEBUG=1"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_it_makes_the_demo_school_and_says_how_to_log_in(db, settings, capsys, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "a-demo-passphrase")
    out = seed(settings, capsys)
    assert "a-demo-passphrase" in out and "/accounts/login/" in out

    first, second = SchoolClass.objects.all()
    teacher = User.objects.get(email="teacher@example.org")
    assert list(first.teachers.all()) == [teacher]
    assert list(second.teachers.all()) == [User.objects.get(email="teacher2@example.org")]
    for email in ("parent@example.org", "parent2@example.org"):
        assert User.objects.get(email=email).children.get().school_class == first
    assert User.objects.get(email="parent3@example.org").children.get().school_class == second
    admin = User.objects.get(email="admin@example.org")
    assert admin.is_superuser and admin.staff_groups() == frozenset()
    assert all(user.is_email_confirmed for user in User.objects.all())
    assert User.objects.get(email="head@example.org").is_headteacher
    assert User.objects.get(email="governor@example.org").is_chair_of_governors
    assert teacher.staff_groups() == {StaffGroup.TEACHERS}
    assert User.objects.get(email="office@example.org").staff_groups() == {StaffGroup.OFFICE}
    assert User.objects.get(email="parent@example.org").staff_groups() == frozenset()
    assert teacher.check_password("a-demo-passphrase")


def test_running_it_twice_changes_nothing(db, settings, capsys):
    seed(settings, capsys)
    before = list(User.objects.order_by("email").values_list("email", "password", "full_name"))
    classes = list(SchoolClass.objects.values_list("pk", "name"))
    seed(settings, capsys)
    assert list(User.objects.order_by("email").values_list("email", "password", "full_name")) == before
    assert list(SchoolClass.objects.values_list("pk", "name")) == classes
    assert User.objects.get(email="parent@example.org").children.count() == 1
