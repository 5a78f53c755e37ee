"""The school the access table runs in: its people, and one report at each place on the ladder.

Every report is made by the same parent and names the Robins class. Those on
the ladder concern the deputy head; the two that went to the safeguarding team
(raised as a concern, and referred by the class teacher) concern nobody on the
staff. Each carries internal notes whose words say who wrote them
and when, so that a page can be searched for what its reader may not see.
"""

import datetime

from django.conf import settings

from accounts.models import StaffGroup
from governance.models import IndependentMember
from reports.evidence import clean_upload
from reports.ladder import Move
from reports.services import apply_move
from safeguarding.services import apply_concern_move, raise_concern, refer
from school.models import Child, SchoolClass
from tests.conftest import make_user
from tests.files import png
from tests.reports.factories import make_report

# The people, in the table's column order. ``None`` is someone not logged in.
PEOPLE = {
    "anonymous": None,
    "reporter": ("parent@example.org", [], {}),
    "other parent": ("parent2@example.org", [], {}),
    "class teacher": ("teacher@example.org", [StaffGroup.TEACHERS], {}),
    "other teacher": ("teacher2@example.org", [StaffGroup.TEACHERS], {}),
    "office": ("office@example.org", [StaffGroup.OFFICE], {"is_staff": True}),
    "leadership": ("head@example.org", [StaffGroup.LEADERSHIP], {"is_staff": True, "is_headteacher": True}),
    "governor": ("governor2@example.org", [StaffGroup.GOVERNORS], {}),
    "chair": ("governor@example.org", [StaffGroup.GOVERNORS], {"is_chair_of_governors": True}),
    "concerned": ("deputy@example.org", [StaffGroup.LEADERSHIP, StaffGroup.TEACHERS], {"is_staff": True}),
    "superuser": ("admin@example.org", [], {"is_staff": True, "is_superuser": True}),
    "safeguarding lead": ("dsl@example.org", [StaffGroup.SAFEGUARDING], {"is_dsl": True}),
    "clerk": ("clerk@example.org", [StaffGroup.CLERK], {"is_staff": True}),
}

# The words of each note: who wrote it, when. A page holds a note's words or does not.
NOTES = {
    "t": "NOTE-BY-THE-CLASS-TEACHER",  # internal, stage 1
    "o": "NOTE-BY-THE-OFFICE",  # internal, stage 2
    "h": "NOTE-BY-THE-HEAD-AFTER-IT-WAS-PASSED-TO-THEM",  # internal, stage 2
    "g": "NOTE-BY-THE-CLERK-TO-THE-GOVERNORS",  # internal, stage 3
    "r": "INFORMATION-THE-PARENT-ADDED-AT-THE-GOVERNORS-STAGE",  # for the reporter, after the governors took it
    "s": "NOTE-BY-THE-SAFEGUARDING-TEAM",  # on a safeguarding concern
}
DESCRIPTION = "WHAT-THE-PARENT-WROTE: rude comments about staff in the class group."
LETTER = "THE-GOVERNORS-LETTER"

MONDAY = datetime.date(2026, 11, 23)


def build():
    """Make the people and the reports; return (people by label, reports by state, evidence by state)."""
    robins = SchoolClass.objects.create(name="Robins", year_group="Year 1", position=1)
    kestrels = SchoolClass.objects.create(name="Kestrels", year_group="Year 2", position=2)
    people = {"anonymous": None}
    for label, spec in PEOPLE.items():
        if spec is not None:
            email, groups, flags = spec
            people[label] = make_user(email, *groups, full_name=label.title(), **flags)
    robins.teachers.add(people["class teacher"])
    third_governor = make_user("governor3@example.org", StaffGroup.GOVERNORS, full_name="Third Governor")
    independent = IndependentMember.objects.create(name="Ivy Independent", organisation="Another school")
    kestrels.teachers.add(people["other teacher"])
    for label, school_class in (("reporter", robins), ("other parent", robins)):
        Child.objects.create(school_class=school_class).parents.add(people[label])

    def report_with_history(*steps, concerns_staff=people["concerned"]):
        report = make_report(
            people["reporter"],
            school_class=robins,
            concerns_staff=concerns_staff,
            description=DESCRIPTION,
            evidence=[clean_upload(png(), settings.EVIDENCE_MAX_BYTES)],
            today=MONDAY,
        )
        for actor, move, options in steps:
            report = apply_move(report, actor=people[actor], move=move, today=MONDAY, **options)
        return report

    teacher_note = ("class teacher", Move.NOTE, {"note": NOTES["t"]})
    escalate = ("class teacher", Move.ESCALATE, {"note": "Passing this to the office."})
    office_note = ("office", Move.NOTE, {"note": NOTES["o"]})
    to_governors = [
        teacher_note,
        escalate,
        office_note,
        ("office", Move.RESPOND, {"note": "The office's response."}),
        ("reporter", Move.ESCALATE, {"note": "I am not satisfied."}),
        ("clerk", Move.ACKNOWLEDGE, {}),
        ("clerk", Move.NOTE, {"note": NOTES["g"]}),
        ("reporter", Move.ADD_INFO, {"note": NOTES["r"]}),
        (
            "clerk",
            Move.RECORD_PANEL,
            {
                "panel_on": MONDAY,
                "governors": [people["governor"], third_governor],
                "independent_members": [independent],
            },
        ),  # fmt: skip
    ]
    reports = {
        "at the class teacher": report_with_history(teacher_note),
        "escalated to the office": report_with_history(teacher_note, escalate, office_note),
        "passed to the head": report_with_history(
            teacher_note,
            escalate,
            office_note,
            ("office", Move.REASSIGN, {"assignee": people["leadership"], "note": "For the head."}),
            ("leadership", Move.NOTE, {"note": NOTES["h"]}),
        ),
        "at the governors": report_with_history(*to_governors),
        "closed by the governors": report_with_history(
            *to_governors,
            (
                "clerk",
                Move.RECORD_OUTCOME,
                {
                    "outcome": "not_upheld",
                    "note": LETTER,
                    "findings": "Handled properly.",
                    "action_taken": "None needed.",
                },
            ),  # fmt: skip
        ),
        "withdrawn": report_with_history(teacher_note, ("reporter", Move.WITHDRAW, {})),
    }
    reports["raised as a safeguarding concern"] = concern_with_note(
        raise_concern(
            reporter=people["reporter"],
            description=DESCRIPTION,
            occurred_on=MONDAY,
            school_class=robins,
            concerns_staff=None,
            evidence=[clean_upload(png(), settings.EVIDENCE_MAX_BYTES)],
        ),
        people["safeguarding lead"],
    )
    complaint = report_with_history(teacher_note, concerns_staff=None)
    referred = refer(complaint, actor=people["class teacher"], reason="The parent's words suggest a child at risk.")
    reports["referred to safeguarding"] = concern_with_note(referred, people["safeguarding lead"])
    return people, reports


def concern_with_note(report, lead):
    report = apply_concern_move(report, actor=lead, move=Move.ACKNOWLEDGE)
    return apply_concern_move(report, actor=lead, move=Move.NOTE, note=NOTES["s"])
