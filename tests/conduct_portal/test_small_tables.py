"""The classes, categories and holidays kept in the cache are never out of date."""

import datetime

from reports.services import school_calendar
from school.models import Holiday, SchoolClass


def test_a_new_or_renamed_class_is_in_the_queues_filter_at_once(client, teacher, school_class):
    client.force_login(teacher)
    assert "Kestrels" not in client.get("/queue/").content.decode()
    kestrels = SchoolClass.objects.create(name="Kestrels", year_group="Year 3")
    assert "Kestrels" in client.get("/queue/").content.decode()
    kestrels.name = "Falcons"
    kestrels.save()
    page = client.get("/queue/").content.decode()
    assert "Falcons" in page and "Kestrels" not in page
    kestrels.delete()
    assert "Falcons" not in client.get("/queue/").content.decode()


def test_a_holiday_entered_counts_at_once(db):
    monday = datetime.date(2026, 11, 30)
    assert school_calendar().is_school_day(monday)
    Holiday.objects.create(name="Training day", start_date=monday, end_date=monday)
    assert not school_calendar().is_school_day(monday)


def test_a_class_the_directory_import_adds_is_offered_on_the_report_form(client, parent, tmp_path):
    from django.core.management import call_command

    client.force_login(parent)
    assert "Owls" not in client.get("/reports/new/?child_at_risk=no").content.decode()
    directory = tmp_path / "directory.csv"
    directory.write_text(
        "class,year_group,teacher_email,teacher_name,pupil_ref,child_name,parent_email,parent_name\n"
        "Owls,Year 4,owls.teacher@example.org,Olga Owl,,,,\n"
    )
    call_command("import_school", str(directory))
    assert "Owls" in client.get("/reports/new/?child_at_risk=no").content.decode()


def test_a_class_select_written_in_python_is_the_html_django_writes(db, school_class):
    from django import forms

    from conduct_portal.small_tables import SmallTableChoiceField
    from conduct_portal.widgets import OptionsInPython

    SchoolClass.objects.create(name="Owls & <Larks>", year_group="Year 4")
    field = SmallTableChoiceField("classes", queryset=SchoolClass.objects.all(), empty_label="Any class")
    attrs = {"id": "id_class", "class": "form-select", "required": True, "aria-describedby": "class_help"}
    for value in (None, "", school_class.pk, str(school_class.pk)):
        ours = OptionsInPython(choices=field.choices).render("class", value, attrs)
        djangos = forms.Select(choices=field.choices).render("class", value, attrs)
        assert ours == "".join(line.strip() for line in djangos.splitlines()), value
    assert "Owls &amp; &lt;Larks&gt;" in ours


def test_a_teacher_given_the_class_is_its_class_teacher_to_the_parent_at_once(parent, school_class, teacher):
    from accounts.models import StaffGroup
    from reports.standing import role_words
    from tests.conftest import make_user
    from tests.reports.factories import make_report

    report = make_report(parent, school_class=school_class)
    newcomer = make_user("nia@example.org", StaffGroup.TEACHERS, full_name="Nia Newcomer")
    assert str(role_words(newcomer, report)) == "a teacher"
    school_class.teachers.add(newcomer)
    assert str(role_words(newcomer, report)) == "the class teacher"
    school_class.teachers.remove(newcomer)
    assert str(role_words(newcomer, report)) == "a teacher"


def test_a_table_s_rows_by_pk_follow_a_change_at_once(db, school_class):
    from conduct_portal import small_tables

    assert small_tables.by_pk("classes")[school_class.pk].name == "Robins"
    school_class.name = "Red Kites"
    school_class.save()
    assert small_tables.by_pk("classes")[school_class.pk].name == "Red Kites"
