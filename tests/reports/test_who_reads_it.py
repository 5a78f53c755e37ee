"""Every move's form says who will read its note; a reason for staff has a field of its own and stays with staff;
the parent is told who wrote, by role, and by name where the school wants names shown."""

import re

import pytest

from notifications.models import Notification
from reports.ladder import Move
from reports.services import apply_move

from .factories import make_report

FOR_THE_PARENT = "The parent will read this note, and it is emailed to them."
FOR_STAFF = "Only staff see this note."


@pytest.fixture
def report(parent, school_class, teacher, office, head):
    return make_report(parent, school_class=school_class)


def form_of(page, move):
    match = re.search(rf'<details[^>]*id="move-{move}".*?</details>', page, re.S)
    assert match, move
    return match.group(0)


def test_each_form_says_who_reads_its_note(client, report, teacher):
    client.force_login(teacher)
    page = client.get(report.get_absolute_url()).content.decode()
    for move in (Move.ESCALATE, Move.RESPOND, Move.REQUEST_INFO, Move.RESOLVE, Move.EXTEND_DEADLINE):
        form = form_of(page, move)
        assert FOR_THE_PARENT in form, move
        assert "A reason for staff (optional)" in form and FOR_STAFF in form, move
    for move in (Move.NOTE, Move.REASSIGN, Move.CORRECT):
        form = form_of(page, move)
        assert FOR_STAFF in form and FOR_THE_PARENT not in form, move
        assert "A reason for staff (optional)" not in form, move
    assert "A note to the parent saying why" in form_of(page, Move.ESCALATE)


def test_a_reason_for_staff_stays_with_staff(client, report, teacher, parent):
    report = apply_move(report, actor=teacher, move=Move.ESCALATE, note="The office will look at this now.",
                        staff_note="The parent has complained about this family before.")  # fmt: skip
    email = Notification.objects.get(event=report.events.latest("pk"), recipient=parent)
    assert "The office will look at this now." in email.body_text
    assert "complained about this family" not in email.body_text + email.body_html
    client.force_login(parent)
    assert "complained about this family" not in client.get(report.get_absolute_url()).content.decode()
    client.force_login(teacher)
    assert "complained about this family" in client.get(report.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("show_names", "said_by"),
    [(False, "The class teacher wrote:"), (True, "Terry Teacher (the class teacher) wrote:")],
)
def test_the_parent_is_told_who_wrote(settings, client, report, teacher, parent, show_names, said_by):
    settings.SHOW_STAFF_NAMES_TO_PARENTS = show_names
    report = apply_move(report, actor=teacher, move=Move.RESPOND, note="We have spoken to the group's admin.")
    email = Notification.objects.get(event=report.events.latest("pk"), recipient=parent)
    assert said_by in email.body_text
    client.force_login(parent)
    page = client.get(report.get_absolute_url()).content.decode()
    assert said_by.replace(" wrote:", "") in page
    assert ("Terry Teacher" in email.body_text) is show_names


def test_the_page_opens_with_where_it_stands_then_the_latest_word_then_the_details(client, report, teacher, parent):
    apply_move(report, actor=teacher, move=Move.REQUEST_INFO, note="Which group was it posted in?")
    client.force_login(parent)
    page = client.get(report.get_absolute_url()).content.decode()
    standing = page.index('id="standing"')
    latest = page.index("Which group was it posted in?")
    details = page.index("The details")
    assert standing < latest < details
    assert "Waiting for you: the class teacher asked you a question on" in page
    assert form_of(page, Move.ADD_INFO)
