from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from accounts.models import StaffGroup, User
from school.models import Child, SchoolClass
from tests.conftest import PASSWORD, make_user

EXAMPLE = Path(settings.BASE_DIR) / "school" / "examples" / "school-directory.csv"
HEADER = "class,year_group,teacher_email,teacher_name,pupil_ref,child_name,parent_email,parent_name"
CHILD_NAMES = [
    "Ada Brightwell",
    "Ezra Quill",
    "Noor Halloway",
    "Felix Tarrant",
    "Mila Okafor",
    "Idris Penhale",
    "Hazel Winterbourne",
    "Otis Fairweather",
    "Luca Ravensworth",
]


def csv_file(tmp_path, *lines, name="directory.csv"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(path, capsys, **options):
    call_command("import_school", str(path), **options)
    return capsys.readouterr()


def refused(path, capsys):
    """The error lines and the final message of an import that fails."""
    with pytest.raises(CommandError) as failure:
        call_command("import_school", str(path))
    return capsys.readouterr().err.splitlines(), str(failure.value)


def snapshot():
    """Everything an import may touch, to compare before and after."""
    return {
        "users": sorted(User.objects.values_list("pk", "email", "password", "full_name", "is_active")),
        "groups": sorted(User.groups.through.objects.values_list("user_id", "group_id")),
        "classes": sorted(SchoolClass.objects.values_list("pk", "name", "year_group", "position")),
        "teachers": sorted(SchoolClass.teachers.through.objects.values_list("schoolclass_id", "user_id")),
        "children": sorted(Child.objects.values_list("pk", "pupil_ref", "school_class_id", "name")),
        "parents": sorted(Child.parents.through.objects.values_list("child_id", "user_id")),
    }


def emails(users):
    return sorted(user.email for user in users)


def test_the_example_file_imports_cleanly(db, capsys):
    out, err = run(EXAMPLE, capsys)

    assert out.strip() == (
        "Imported 17 rows: 3 classes created, 0 updated; 4 teachers created; 11 parents created; "
        "10 children created, 0 moved."
    )
    assert err == ""
    assert [(c.name, c.year_group, c.position) for c in SchoolClass.objects.all()] == [
        ("Wrens", "Reception", 1),
        ("Robins", "Year 1", 2),
        ("Kestrels", "Year 2", 3),
    ]
    robins = SchoolClass.objects.get(name="Robins")
    assert emails(robins.teachers.all()) == ["r.okafor@example.org", "t.lindqvist@example.org"]
    teachers = User.objects.in_group(StaffGroup.TEACHERS)
    assert emails(teachers) == [
        "k.moreau@example.org",
        "r.okafor@example.org",
        "t.lindqvist@example.org",
        "w.achebe@example.org",
    ]
    assert User.objects.get(email="w.achebe@example.org").full_name == "Wanda Achebe"
    for user in User.objects.all():
        assert user.is_active and not user.has_usable_password()

    assert Child.objects.count() == 10
    ada = Child.objects.get(pupil_ref="P1001")
    assert (ada.school_class.name, ada.name) == ("Wrens", "Ada Brightwell")
    assert emails(ada.parents.all()) == ["jo.brightwell@example.org", "sam.brightwell@example.org"]
    assert Child.objects.get(pupil_ref="P1003").name == ""
    jo = User.objects.get(email="jo.brightwell@example.org")
    assert (jo.full_name, jo.staff_groups()) == ("Jo Brightwell", frozenset())
    assert sorted(jo.children.values_list("school_class__name", flat=True)) == ["Kestrels", "Wrens"]
    # A teacher can also be a parent.
    rory = User.objects.get(email="r.okafor@example.org")
    assert rory.staff_groups() == {StaffGroup.TEACHERS}
    assert [child.pupil_ref for child in rory.children.all()] == ["P1006"]


def test_running_it_twice_changes_nothing(db, capsys, parent, teacher):
    run(EXAMPLE, capsys)
    before = snapshot()

    out, err = run(EXAMPLE, capsys)

    assert out.strip() == (
        "Imported 17 rows: 0 classes created, 0 updated; 0 teachers created; 0 parents created; "
        "0 children created, 0 moved."
    )
    assert err == ""
    assert snapshot() == before


@pytest.fixture
def existing_directory(school_class, other_class, teacher, parent, office):
    """Robins (Year 1, position 1) taught by teacher@, Kestrels (Year 2, position 2), a parent, an office member."""


def test_it_matches_and_extends_the_directory_already_there(db, capsys, tmp_path, existing_directory):
    path = csv_file(
        tmp_path,
        HEADER,
        "ROBINS,Year 2,office@example.org,,,,,",
        "Owls,Year 3,,,,,,",
        "Robins,Year 2,,,R1,,parent@example.org,Someone Else",
        "Finches,Year 4,teacher@example.org,,R2,,new.parent@example.org,New Parent",
    )

    out, _err = run(path, capsys)

    assert out.strip() == (
        "Imported 4 rows: 2 classes created, 1 updated; 0 teachers created; 1 parents created; "
        "2 children created, 0 moved."
    )
    assert [(c.name, c.year_group, c.position) for c in SchoolClass.objects.all()] == [
        ("Robins", "Year 2", 1),
        ("Kestrels", "Year 2", 2),
        ("Owls", "Year 3", 3),
        ("Finches", "Year 4", 4),
    ]
    robins = SchoolClass.objects.get(name="Robins")
    assert emails(robins.teachers.all()) == ["office@example.org", "teacher@example.org"]
    office = User.objects.get(email="office@example.org")
    assert office.staff_groups() == {StaffGroup.OFFICE, StaffGroup.TEACHERS}
    assert office.check_password(PASSWORD)
    parent = User.objects.get(email="parent@example.org")
    assert parent.check_password(PASSWORD) and parent.full_name == "Pat Parent"
    assert sorted(parent.children.values_list("pupil_ref", flat=True)) == ["", "R1"]
    assert emails(SchoolClass.objects.get(name="Finches").teachers.all()) == ["teacher@example.org"]


def test_a_child_whose_class_changed_is_moved(db, capsys, tmp_path):
    rows = [HEADER, "Robins,Year 1,,,A1,,one@example.org,", "Robins,Year 1,,,A1,,two@example.org,"]
    run(csv_file(tmp_path, *rows), capsys)
    child = Child.objects.get(pupil_ref="A1")

    moved = [HEADER, "Kestrels,Year 2,,,A1,,one@example.org,", "Kestrels,Year 2,,,A1,,two@example.org,"]
    out, _err = run(csv_file(tmp_path, *moved), capsys)

    assert out.strip().endswith("0 children created, 1 moved.")
    child.refresh_from_db()
    assert child.school_class.name == "Kestrels"
    assert emails(child.parents.all()) == ["one@example.org", "two@example.org"]
    assert Child.objects.count() == 1


def test_a_childs_name_is_updated_without_being_printed(db, capsys, tmp_path):
    run(csv_file(tmp_path, HEADER, "Robins,Year 1,,,A1,Kit Fennimore,one@example.org,"), capsys)

    out, err = run(csv_file(tmp_path, HEADER, "Robins,Year 1,,,A1,Kit Fenimore,one@example.org,"), capsys)

    assert Child.objects.get().name == "Kit Fenimore"
    assert "1 children's names updated." in out
    assert "Fen" not in out + err


def test_a_file_with_a_bom_crlf_and_its_own_column_order_and_case(db, capsys, tmp_path):
    path = tmp_path / "export.csv"
    text = "Parent_Email, PUPIL_REF ,Year_Group,Class\r\nsam@example.org,Z9,Year 6,Owls\r\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())

    out, _err = run(path, capsys)

    assert out.startswith("Imported 1 rows: 1 classes created")
    child = Child.objects.get(pupil_ref="Z9")
    assert (child.school_class.name, child.school_class.year_group) == ("Owls", "Year 6")
    assert emails(child.parents.all()) == ["sam@example.org"]


def many_rows(count):
    return [HEADER] + [f"Class {n % 5},Year {n % 5},,,R{n},,p{n}@example.org," for n in range(count)]


def test_a_large_file_reports_progress_every_200_rows(db, capsys, tmp_path):
    out, err = run(csv_file(tmp_path, *many_rows(450)), capsys)

    assert err.splitlines() == [
        "checked 200 of 450 rows…",
        "checked 400 of 450 rows…",
        "imported 200 of 450 rows…",
        "imported 400 of 450 rows…",
    ]
    assert out.strip() == (
        "Imported 450 rows: 5 classes created, 0 updated; 0 teachers created; 450 parents created; "
        "450 children created, 0 moved."
    )


def test_verbosity_0_and_small_files_show_no_progress(db, capsys, tmp_path):
    out, err = run(csv_file(tmp_path, *many_rows(450)), capsys, verbosity=0)
    assert err == "" and out.startswith("Imported 450 rows")

    out, err = run(csv_file(tmp_path, *many_rows(200), name="small.csv"), capsys)
    assert err == "" and out.startswith("Imported 200 rows")


def test_2000_rows_take_a_few_queries_per_200_rows(db, capsys, tmp_path, django_assert_max_num_queries):
    path = csv_file(tmp_path, *many_rows(2000))
    with django_assert_max_num_queries(150):
        out, _err = run(path, capsys, verbosity=0)
    assert out.startswith("Imported 2000 rows: 5 classes created")
    assert Child.objects.count() == 2000


BAD_ROWS = {
    "an invalid parent email": (
        ["Robins,Year 1,,,A1,,bob@,"],
        ["row 3: parent_email 'bob@' is not a valid email address"],
    ),
    "an invalid teacher email among several": (
        ["Robins,Year 1,t1@example.org;t2@,,,,,"],
        ["row 3: teacher_email 't2@' is not a valid email address"],
    ),
    "a class with two year groups": (
        ["Robins,Year 2,,,,,,"],
        ["row 3: class 'Robins' has year group 'Year 2' here but 'Year 1' on row 2"],
    ),
    "a class spelt differently with two year groups": (
        ["robins,Year 3,,,,,,"],
        ["row 3: class 'robins' has year group 'Year 3' here but 'Year 1' on row 2"],
    ),
    "a child in two classes": (
        ["Kestrels,Year 2,,,A0,,b@example.org,"],
        ["row 3: pupil_ref 'A0' is in class 'Kestrels' here but 'Robins' on row 2"],
    ),
    "a child with two names": (
        ["Robins,Year 1,,,A0,Rowan Ashdown,b@example.org,"],
        ["row 3: pupil_ref 'A0' has a different child_name here than on row 2"],
    ),
    "a parent with two names": (
        ["Robins,Year 1,,,A1,,a@example.org,Bea Blunt"],
        ["row 3: parent_name for 'a@example.org' is 'Bea Blunt' here but 'Ann Able' on row 2"],
    ),
    "a pupil_ref without a parent": (
        ["Robins,Year 1,,,A1,,,"],
        ["row 3: pupil_ref 'A1' needs a parent_email"],
    ),
    "a parent without a pupil_ref": (
        ["Robins,Year 1,,,,,b@example.org,"],
        ["row 3: parent_email 'b@example.org' needs a pupil_ref to say which child"],
    ),
    "a child's name without a pupil_ref": (
        ["Robins,Year 1,t@example.org,,,Rowan Ashdown,,"],
        ["row 3: child_name is given but pupil_ref is empty"],
    ),
    "no class or year group": (
        [",,t@example.org,,,,,"],
        ["row 3: class is empty", "row 3: year_group is empty"],
    ),
    "one teacher_name for two teachers": (
        ["Robins,Year 1,t1@example.org;t2@example.org,Tam Twice,,,,"],
        ["row 3: teacher_name can only go with a single teacher_email (this row has 2)"],
    ),
    "a class name too long": (
        ["R" + "o" * 100 + ",Year 1,,,,,,"],
        ["row 3: class 'Rooooooooooooooooooooooooooooo…' is longer than 100 characters"],
    ),
    "more values than columns": (
        ["Robins,Year 1,,,A1,,b@example.org,Bo, Brown"],
        ["row 3: it has 9 values but the header has 8 columns (check for commas)"],
    ),
}


@pytest.mark.parametrize("rows, expected", BAD_ROWS.values(), ids=BAD_ROWS.keys())
def test_a_bad_row_imports_nothing_and_says_which_row_and_why(db, capsys, tmp_path, parent, rows, expected):
    before = snapshot()
    path = csv_file(tmp_path, HEADER, "Robins,Year 1,,,A0,Ada Ashdown,a@example.org,Ann Able", *rows)

    errors, message = refused(path, capsys)

    assert errors == expected
    assert message == "Nothing was imported: 1 row has problems."
    assert snapshot() == before
    assert "Ashdown" not in "\n".join(errors)


def test_every_bad_row_is_reported_with_its_line_number(db, capsys, tmp_path):
    path = csv_file(
        tmp_path,
        HEADER,
        'Robins,Year 1,,,A1,,a@example.org,"Ann',
        'Able"',  # a name across two lines: the next row starts on line 4
        "Robins,Year 1,,,A2,,b@,",
        "",
        "Robins,Year 2,,,A3,,,",
        "Kestrels,Year 2,,,A1,,c@example.org,",
    )

    errors, message = refused(path, capsys)

    assert errors == [
        "row 4: parent_email 'b@' is not a valid email address",
        "row 6: pupil_ref 'A3' needs a parent_email",
        "row 6: class 'Robins' has year group 'Year 2' here but 'Year 1' on row 2",
        "row 7: pupil_ref 'A1' is in class 'Kestrels' here but 'Robins' on row 2",
    ]
    assert message == "Nothing was imported: 3 rows have problems."
    assert not User.objects.exists() and not SchoolClass.objects.exists()


def test_a_header_without_the_required_columns(db, capsys, tmp_path):
    errors, message = refused(csv_file(tmp_path, "Class,teacher_email", "Robins,t@example.org"), capsys)
    assert errors == ["row 1: the header is missing the required column 'year_group'"]
    assert message == "Nothing was imported: 1 row has problems."

    errors, _message = refused(csv_file(tmp_path, "class;year_group", "Robins;Year 1"), capsys)
    assert errors == [
        "row 1: the header is missing the required columns 'class', 'year_group' "
        "(the columns need to be separated by commas)"
    ]


def test_a_repeated_column_or_broken_quotes(db, capsys, tmp_path):
    errors, _message = refused(csv_file(tmp_path, "class,year_group,Class", "Robins,Year 1,Robins"), capsys)
    assert errors == ["row 1: the header has the column 'class' more than once"]

    path = csv_file(tmp_path, "class,year_group", "Robins,Year 1", '"Kestrels,Year 2', "Owls,Year 3")
    errors, message = refused(path, capsys)
    assert errors == ["row 3: this is not valid CSV (unexpected end of data); check its quotes"]
    assert message == "Nothing was imported: 1 row has problems."
    assert not SchoolClass.objects.exists()


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "the file is empty"),
        (b"\xef\xbb\xbf\r\n\r\n", "the file is empty"),
        (HEADER.encode() + b"\n", "the file has a header but no rows"),
        (
            "class,year_group,pupil_ref,child_name,parent_email\nRobins,Year 1,A1,Zoë,a@example.org\n".encode("cp1252"),
            "the file is not UTF-8 text (byte 71 is not UTF-8); save it from the spreadsheet as "
            "'CSV UTF-8 (comma delimited)'",
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "the file is not UTF-8 text (byte 1 is not UTF-8)"),
    ],
    ids=["empty", "blank lines", "header only", "windows-1252", "an image"],
)
def test_a_file_that_is_not_a_directory(db, capsys, tmp_path, content, reason):
    path = tmp_path / "directory.csv"
    path.write_bytes(content)
    errors, message = refused(path, capsys)
    assert errors == []
    assert message.startswith(f"Nothing was imported: {reason}")


def test_a_missing_file(db, capsys, tmp_path):
    _errors, message = refused(tmp_path / "nowhere.csv", capsys)
    assert message.startswith("Nothing was imported: cannot read")


def test_a_class_name_matching_two_classes_is_refused(db, capsys, tmp_path, school_class):
    SchoolClass.objects.create(name="robins", year_group="Year 1")
    before = snapshot()

    errors, _message = refused(csv_file(tmp_path, HEADER, "Owls,Year 3,,,,,,", "ROBINS,Year 1,,,,,,"), capsys)

    assert errors == [
        "row 3: class 'ROBINS' matches 2 existing classes ('Robins', 'robins'); rename or merge them in the admin first"
    ]
    assert snapshot() == before


def test_unknown_columns_are_ignored_with_a_warning(db, capsys, tmp_path):
    path = csv_file(tmp_path, "class,year_group,date_of_birth", "Robins,Year 1,2019-01-01")
    out, err = run(path, capsys)
    assert err.strip() == "Warning: ignoring columns this import does not know: 'date_of_birth'."
    assert out.startswith("Imported 1 rows: 1 classes created")


def test_a_deactivated_account_is_linked_but_left_deactivated(db, capsys, tmp_path):
    make_user("gone@example.org", is_active=False)
    out, err = run(csv_file(tmp_path, HEADER, "Robins,Year 1,,,A1,,Gone@Example.org,"), capsys)
    user = User.objects.get(email="gone@example.org")
    assert not user.is_active and user.check_password(PASSWORD)
    assert [child.pupil_ref for child in user.children.all()] == ["A1"]
    assert "gone@example.org is deactivated" in err
    assert "0 parents created" in out


def test_childrens_names_are_never_printed(db, capsys, tmp_path):
    out, err = run(EXAMPLE, capsys, verbosity=2)
    printed = out + err
    bad = csv_file(
        tmp_path,
        HEADER,
        "Robins,Year 1,,,P1004,Noor Halloway,x@example.org,",
        "Robins,Year 1,,,P1004,Mila Okafor,y@example.org,",
        "Robins,Year 1,,,P1005," + "Felix Tarrant" * 20 + ",z@example.org,",
    )
    errors, message = refused(bad, capsys)
    assert len(errors) == 2
    printed += "\n".join(errors) + message
    assert not [name for name in CHILD_NAMES if name in printed]


def test_an_imported_parent_can_set_a_password_with_forgot_password(client, db, capsys, mailoutbox):
    run(EXAMPLE, capsys)
    client.post("/accounts/password-reset/", {"email": "jo.brightwell@example.org"})
    assert len(mailoutbox) == 1
