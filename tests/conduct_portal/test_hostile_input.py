"""Hostile input sent to every form, filter and search: each gets a clear answer or success, never a server error.

Runs on PostgreSQL in CI, where NUL bytes and numbers too big for a column are
refused by the database itself (SQLite takes them): the portal must stop them first.
"""

import contextlib

import pytest
from django.test import Client

from reports.ladder import Move
from reports.services import apply_move
from safeguarding.services import raise_concern
from tests.conftest import make_user
from tests.reports.factories import form_data, make_report

HOSTILE = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\x00" * 3 + "NUL",
    "9" * 40,
    "-1",
    "1e309",
    "NaN",
    "2026-02-30",
    "0000-00-00",
    "99999-12-31",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "{{ 7*7 }}{% debug %}",
    "%s%n%x",
    "../../etc/passwd",
    "\r\n\r\nSubject: injected",
    "\u202egnp.exe",
    "👩‍👩‍👧‍👦" * 10,
    "تعليقات مسيئة عن المعلم",
    "Zażółć gęślą jaźń",
    "A" * 100_000,
    "https://" + "a" * 5000 + ".example",
]


@pytest.fixture
def school(parent, other_parent, school_class, teacher, office, head, governor, dsl):
    superuser = make_user("admin@example.org", is_staff=True, is_superuser=True)
    complaint = make_report(parent, school_class=school_class)
    at_governors = make_report(teacher)
    apply_move(at_governors, actor=office, move=Move.ESCALATE, note="Straight to the governors.")
    concern = raise_concern(reporter=parent, description="Worried.", occurred_on=complaint.occurred_on,
                            school_class=None, concerns_staff=None, evidence=[])  # fmt: skip
    return {**locals(), "parent": parent, "teacher": teacher, "office": office, "head": head, "governor": governor,
            "dsl": dsl}  # fmt: skip


def client_for(person):
    client = Client(raise_request_exception=False)
    if person is not None:
        client.force_login(person)
    return client


def posts(school):
    """(who, url, the form's fields as a valid submission would send them)."""
    ref, gov_ref, concern = school["complaint"].reference, school["at_governors"].reference, school["concern"].reference
    seen = {"seen_stage": "class_teacher", "seen_status": "new"}

    def move(name, **fields):
        return {f"{name}-{key}": value for key, value in {**fields, **seen}.items()}

    return [
        (None, "/accounts/signup/", {"full_name": "N", "email": "n@example.org", "password1": "x", "password2": "x"}),
        (None, "/accounts/login/", {"username": "parent@example.org", "password": "x"}),
        (None, "/accounts/password-reset/", {"email": "parent@example.org"}),
        ("parent", "/reports/new/?child_at_risk=no", form_data()),
        (
            "parent",
            "/reports/new/?child_at_risk=yes",
            {"description": "x", "occurred_on_day": "20", "occurred_on_month": "11", "occurred_on_year": "2026"},
        ),
        ("parent", f"/reports/{ref}/move/add_info/", move("add_info", note="x")),
        ("teacher", f"/reports/{ref}/move/note/", move("note", note="x")),
        ("teacher", f"/reports/{ref}/move/respond/", move("respond", note="x")),
        ("teacher", f"/reports/{ref}/move/reassign/", move("reassign", assignee="1", note="x")),
        ("teacher", f"/reports/{ref}/move/correct/", move("correct", categories="1", school_class="1", note="x")),
        ("teacher", f"/reports/{ref}/refer/", {"refer-reason": "x", "refer-tell_reporter": "on"}),
        (
            "governor",
            f"/reports/{gov_ref}/move/record_panel/",
            move("record_panel", panel_on="2026-11-20", panel_members="x", note="x"),
        ),  # fmt: skip
        (
            "dsl",
            f"/reports/{concern}/concern/record_action/",
            {"record_action-action_kind": "lado", "record_action-action_on": "2026-11-20"},
        ),  # fmt: skip
        (
            "dsl",
            f"/reports/{concern}/concern/add_colleague/",
            {"add_colleague-colleague": "1", "add_colleague-note": "x"},
        ),  # fmt: skip
        ("parent", "/account/name/", {"full_name": "x"}),
        ("parent", "/account/email/", {"email": "x@example.org"}),
        ("parent", "/account/close/", {"password": "x"}),
        ("teacher", "/accounts/two-factor/", {"token": "123456"}),
        (
            "office",
            "/admin/reports/report/",
            {"action": "move_note", "_selected_action": "1", "post": "yes", "note": "x"},
        ),  # fmt: skip
    ]


def gets(school):
    """(who, url, a query parameter): lists, filters and searches."""
    return [
        ("teacher", "/queue/", "stage"),
        ("teacher", "/queue/", "category"),
        ("teacher", "/queue/", "school_class"),
        ("teacher", "/queue/", "page"),
        ("parent", "/reports/", "page"),
        ("parent", "/reports/new/", "child_at_risk"),
        ("head", "/governors/", "page"),
        ("dsl", "/safeguarding/", "page"),
        ("head", "/admin/reports/report/", "q"),
        ("head", "/admin/reports/report/", "school_class__id__exact"),
        ("head", "/admin/reports/report/", "categories__id__exact"),
        ("head", "/admin/reports/report/", "overdue"),
        ("head", "/admin/reports/report/", "created_at__year"),
        ("head", "/admin/reports/report/", "o"),
        ("head", "/admin/reports/report/export/", "q"),
        ("head", "/admin/notifications/notification/", "q"),
        ("head", "/admin/access/accessrecord/", "q"),
        ("superuser", "/admin/accounts/user/", "q"),
        ("superuser", "/admin/accounts/user/", "groups__id__exact"),
        ("office", "/admin/school/child/", "q"),
        ("office", "/admin/autocomplete/", "term"),
        (None, "/accounts/login/", "next"),
        (None, "/policy/", "x"),
    ]


def person(school, who):
    if who is None:
        return None
    return school["superuser"] if who == "superuser" else school[who]


def test_every_form_answers_every_hostile_value_without_a_server_error(school):
    failures = []
    for who, url, fields in posts(school):
        client = client_for(person(school, who))
        for name in fields:
            for value in HOSTILE:
                response = client.post(url, {**fields, name: value})
                if response.status_code >= 500:
                    failures.append(f"POST {url} {name}={value[:20]!r}: {response.status_code}")
            twice = client.post(url, {**fields, name: [fields[name], HOSTILE[2]]})  # a field sent twice
            if twice.status_code >= 500:
                failures.append(f"POST {url} {name} sent twice: {twice.status_code}")
    assert not failures, "\n".join(failures[:40])


def test_every_list_filter_and_search_answers_every_hostile_value_without_a_server_error(school):
    failures = []
    for who, url, parameter in gets(school):
        client = client_for(person(school, who))
        extra = {"app_label": "school", "model_name": "child", "field_name": "parents"} if "autocomplete" in url else {}
        for value in HOSTILE:
            response = client.get(url, {**extra, parameter: value})
            if response.status_code >= 500:
                failures.append(f"GET {url} {parameter}={value[:20]!r}: {response.status_code}")
    assert not failures, "\n".join(failures[:40])


def test_odd_references_in_addresses_are_not_found(school):
    client = client_for(school["parent"])
    for reference in ("%00", "AAAA-AAA%00", "1' OR '1'='1", "Ω" * 50, "9" * 40):
        assert client.get(f"/reports/{reference}/").status_code == 404


def test_the_directory_import_answers_every_hostile_value_with_row_problems_or_success(db, tmp_path):
    from django.core.management import CommandError, call_command

    columns = ["class", "year_group", "teacher_email", "teacher_name", "pupil_ref", "child_name", "parent_email",
               "parent_name"]  # fmt: skip
    valid = ["Robins", "Year 1", "", "", "P1", "Alex", "pat@example.org", "Pat"]
    for index in range(len(columns)):
        for value in HOSTILE:
            row = list(valid)
            row[index] = value.replace("\r", " ").replace("\n", " ").replace('"', "'")
            path = tmp_path / "directory.csv"
            path.write_text(",".join(columns) + "\n" + ",".join(f'"{cell}"' for cell in row) + "\n", encoding="utf-8")
            with contextlib.suppress(CommandError):  # the row problems, said plainly
                call_command("import_school", str(path), verbosity=0)
