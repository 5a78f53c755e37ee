"""The report page: each person sees the moves they may make, and making one works from the page."""

import re

import pytest

from reports.ladder import Move, Stage, Status
from reports.services import apply_move

from .factories import make_report


@pytest.fixture
def report(parent, school_class, teacher, office, head, governor):
    return make_report(parent, school_class=school_class)


def page(client, user, report):
    client.force_login(user)
    response = client.get(report.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def post_move(client, report, move, **data):
    report.refresh_from_db()
    return client.post(
        f"/reports/{report.reference}/move/{move}/",
        {
            f"{move}-{key}": value
            for key, value in {"seen_stage": report.stage, "seen_status": report.status, **data}.items()
        },
    )


def test_the_teacher_sees_the_staff_moves_and_the_parent_sees_theirs(client, report, teacher, parent):
    staff_page = page(client, teacher, report)
    for button in ("Acknowledge", "Respond", "Add an internal note", "Escalate now", "Resolve"):
        assert button in staff_page
    assert "Withdraw the report" not in staff_page

    parent_page = page(client, parent, report)
    for button in ("Add information", "Withdraw the report"):
        assert button in parent_page
    for button in ("Acknowledge", "Add an internal note", "Escalate to the next step"):
        assert button not in parent_page
    assert "With the class teacher, who will acknowledge it by" in parent_page


def test_a_move_from_the_page_is_applied_and_shown(client, report, teacher, parent):
    client.force_login(teacher)
    response = post_move(client, report, Move.RESPOND, note="We have asked the group admin to remove it.")
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.RESPONDED

    parent_page = page(client, parent, report)
    assert "We have asked the group admin to remove it." in parent_page
    assert "The class teacher replied on" in parent_page and "you can escalate it until" in parent_page
    assert "I am satisfied" in parent_page


def test_a_missing_note_keeps_the_form_open_with_a_message(client, report, teacher):
    client.force_login(teacher)
    response = post_move(client, report, Move.RESPOND, note="")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Write the note: this step needs one." in content
    assert "There is a problem" in content and 'href="#id_respond-note"' in content
    assert re.search(r'<details[^>]*\bopen\b[^>]*id="move-respond"', content)
    report.refresh_from_db()
    assert report.status == Status.NEW


def test_internal_notes_are_hidden_from_the_parent(client, report, teacher, parent):
    client.force_login(teacher)
    post_move(client, report, Move.NOTE, note="Staff-only remark")
    assert "Staff-only remark" in page(client, teacher, report)
    assert "Staff-only remark" not in page(client, parent, report)


def test_a_move_that_is_no_longer_allowed_says_so(client, report, teacher, parent):
    apply_move(report, actor=parent, move=Move.WITHDRAW)
    client.force_login(teacher)
    response = client.post(f"/reports/{report.reference}/move/acknowledge/", {}, follow=True)
    assert "nothing more can be done to it" in response.content.decode()


def test_a_stale_page_is_refused_with_a_clear_message(client, report, teacher):
    client.force_login(teacher)
    stale = {"acknowledge-seen_stage": Stage.CLASS_TEACHER, "acknowledge-seen_status": Status.NEW}
    post_move(client, report, Move.ACKNOWLEDGE)
    response = client.post(f"/reports/{report.reference}/move/note/", {
        "note-note": "x", "note-seen_stage": stale["acknowledge-seen_stage"], "note-seen_status": Status.NEW,
    }, follow=True)  # fmt: skip
    assert "Someone else has just moved this report" in response.content.decode()


def test_an_unknown_move_is_a_404(client, report, teacher):
    client.force_login(teacher)
    assert client.post(f"/reports/{report.reference}/move/explode/").status_code == 404
    assert client.get(f"/reports/{report.reference}/move/acknowledge/").status_code == 405


def test_the_queue_lists_what_i_hold_urgent_and_overdue_first(client, parent, school_class, teacher, office):
    import datetime

    from policy.models import Category

    calm = make_report(parent, school_class=school_class)
    late = make_report(parent, school_class=school_class, today=datetime.date.today() - datetime.timedelta(days=30))
    urgent = make_report(parent, school_class=school_class, categories=[Category.objects.get(number=8)])
    elsewhere = make_report(parent)
    content = page(client, teacher, calm) and client.get("/queue/").content.decode()
    order = [content.index(report.reference) for report in (urgent, late, calm)]
    assert order == sorted(order)
    assert elsewhere.reference not in content
    assert "overdue" in content

    filtered = client.get("/queue/", {"category": Category.objects.get(number=8).pk}).content.decode()
    assert urgent.reference in filtered and calm.reference not in filtered


def test_the_queue_is_for_staff(client, parent):
    client.force_login(parent)
    assert client.get("/queue/").status_code == 403
    assert client.get("/overview/").status_code == 403
    assert client.get("/governors/").status_code == 403


@pytest.mark.parametrize("url", ["/queue/", "/overview/", "/governors/", "/reports/"])
def test_list_pages_make_the_same_number_of_queries_for_many_reports(
    client, url, parent, school_class, teacher, office, head, governor, django_assert_max_num_queries
):
    viewer = {"/queue/": teacher, "/overview/": head, "/governors/": governor, "/reports/": parent}[url]

    def escalate_to_governors(report):
        apply_move(report, actor=teacher, move=Move.ESCALATE, note="x")
        apply_move(report, actor=office, move=Move.ESCALATE, note="y")

    escalate_to_governors(make_report(parent, school_class=school_class))
    make_report(parent, school_class=school_class)
    client.force_login(viewer)
    with django_assert_max_num_queries(50) as few:
        assert client.get(url).status_code == 200
    for _ in range(8):
        escalate_to_governors(make_report(parent, school_class=school_class))
        make_report(parent, school_class=school_class)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_overview_counts_open_overdue_and_time_to_resolution(client, parent, school_class, teacher, head):
    import datetime

    old = datetime.date.today() - datetime.timedelta(days=30)
    make_report(parent, school_class=school_class, today=old)
    done = make_report(parent, school_class=school_class)
    apply_move(done, actor=teacher, move=Move.RESOLVE, note="Sorted.")
    content = page(client, head, done) and client.get("/overview/").content.decode()
    assert '<div class="display-6" id="open-total">1</div>' in content
    assert 'id="overdue-count">1</div>' in content
    assert "per-month-data" in content and "chart.umd.min.js" in content
    class_teacher = client.get("/overview/").context["stages"][0]
    assert (class_teacher["open"], class_teacher["ended"], class_teacher["median_days"]) == (1, 1, 0)


def test_governors_see_escalated_complaints(client, report, teacher, office, governor):
    apply_move(report, actor=teacher, move=Move.ESCALATE, note="x")
    client.force_login(governor)
    assert report.reference not in client.get("/governors/").content.decode()
    apply_move(report, actor=office, move=Move.ESCALATE, note="y")
    assert report.reference in client.get("/governors/").content.decode()
    governor_page = page(client, governor, report)
    assert "Timeline" in governor_page  # the chair reads it; the clerk arranges the panel


def form_of(content, move):
    start = content.index(f'id="move-{move}"')
    return content[start : content.index("</details>", start)]


def test_the_forms_on_the_page_follow_the_report_and_the_staff_at_once(client, report, teacher, office):
    from django.contrib.auth.models import Group

    from accounts.models import StaffGroup
    from tests.conftest import make_user

    before = page(client, teacher, report)
    assert 'value="new"' in form_of(before, Move.RESPOND)  # the position the teacher saw
    apply_move(report, actor=teacher, move=Move.ACKNOWLEDGE, note="Looking into it.")
    after = page(client, teacher, report)
    assert 'value="acknowledged"' in form_of(after, Move.RESPOND)
    assert 'value="new"' not in form_of(after, Move.RESPOND)

    colleague = make_user("tess@example.org", full_name="Tess Newcomer")
    assert "Tess Newcomer" not in form_of(page(client, teacher, report), Move.REASSIGN)
    colleague.groups.add(Group.objects.get(name=StaffGroup.TEACHERS))
    assert "Tess Newcomer" in form_of(page(client, teacher, report), Move.REASSIGN)
    colleague.full_name = "Tess Renamed"
    colleague.save()
    assert "Tess Renamed" in form_of(page(client, teacher, report), Move.REASSIGN)
    colleague.groups.clear()
    assert "Tess" not in form_of(page(client, teacher, report), Move.REASSIGN)


def test_a_timeline_item_staff_have_read_is_never_shown_to_the_parent_as_staff_saw_it(client, report, teacher, parent):
    apply_move(report, actor=teacher, move=Move.RESPOND, note="We have spoken to the group's admin.",
               staff_note="The admin is a governor's partner.")  # fmt: skip
    assert "a governor&#x27;s partner" in page(client, teacher, report)  # the item kept, as staff see it
    as_the_parent = page(client, parent, report)
    assert "spoken to the group" in as_the_parent
    assert "partner" not in as_the_parent and "Terry Teacher" not in as_the_parent


def test_nobody_is_offered_a_report_about_them_whatever_was_offered_on_another(client, parent, school_class, teacher,
                                                                                office, head):  # fmt: skip
    """The 'pass it to' list is kept once for its stage and the report's parties: never one report's for another."""
    from accounts.models import StaffGroup
    from tests.conftest import make_user

    colleague = make_user("tess@example.org", StaffGroup.TEACHERS, full_name="Tess Newcomer")
    ordinary = make_report(parent, school_class=school_class)
    about_tess = make_report(parent, school_class=school_class, concerns_staff=colleague)
    assert about_tess.stage == ordinary.stage == Stage.CLASS_TEACHER
    assert "Tess Newcomer" in form_of(page(client, teacher, ordinary), Move.REASSIGN)
    assert "Tess Newcomer" not in form_of(page(client, teacher, about_tess), Move.REASSIGN)


def test_the_timeline_names_a_member_of_staff_who_has_since_left(client, report, teacher, head):
    """Each event's person comes from the small table of active staff, and one who has left from the database."""
    apply_move(report, actor=teacher, move=Move.NOTE, note="Spoke to the class rep.")
    teacher.is_active = False
    teacher.save()
    timeline = page(client, head, report).split('id="timeline"')[1]
    assert "Terry Teacher" in timeline and "Spoke to the class rep." in timeline


def test_an_empty_move_form_is_kept_under_everything_it_shows(parent, school_class, other_class, teacher, office, head,
                                                               governor, clerk):  # fmt: skip
    """The page keeps each empty form's HTML under what its class says it shows (``shows``), without building it:
    two forms with the same key must be the same HTML, whoever looks and whatever has happened to the report."""
    from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from access.visibility import forget, report_access
    from accounts.models import StaffGroup
    from policy.models import Category
    from reports import ladder, moves
    from reports.models import Report
    from reports.services import facts_for
    from tests.conftest import make_user

    kept, built = {}, set()

    def look(report):
        report = Report.objects.get(pk=report.pk)
        forget(report)
        for person in (teacher, office, head, governor, clerk, parent):
            roles = report_access(person, report).roles
            facts = facts_for(report, timezone.localdate())
            for move in ladder.allowed_moves(report.stage, report.status, roles, facts):
                rule = ladder.find_rule(report.stage, report.status, roles, move, facts)
                html = str(as_crispy_form(moves.form_for(move, report, rule, roles)))
                shows = moves.form_shows(move, report, rule, roles)
                if shows is None:
                    built.add(move)
                    continue
                assert kept.setdefault(repr(shows), html) == html, f"{move} for {person}: same key, other HTML"

    report = make_report(parent, school_class=school_class)
    look(report)
    apply_move(report, actor=teacher, move=Move.ACKNOWLEDGE, note="Looking into it.")
    look(report)
    newcomer = make_user("tess@example.org", StaffGroup.TEACHERS, full_name="Tess Newcomer")
    look(report)
    newcomer.full_name = "Tess Renamed"
    newcomer.save()
    look(report)
    newcomer.groups.add(Group.objects.get(name=StaffGroup.OFFICE))
    look(report)
    categories = list(Category.objects.order_by("number")[:3])
    apply_move(report, actor=teacher, move=Move.CORRECT, note="Filed again.", corrections={"categories": categories})
    look(report)
    apply_move(report, actor=teacher, move=Move.CORRECT, note="About Tess.", corrections={"concerns_staff": newcomer})
    look(report)
    apply_move(report, actor=teacher, move=Move.CORRECT, note="And again.",
               corrections={"categories": categories[:1], "concerns_staff": None})  # fmt: skip
    look(report)
    apply_move(report, actor=teacher, move=Move.RESPOND, note="We have dealt with it.")
    look(report)
    apply_move(report, actor=parent, move=Move.ESCALATE, note="Not resolved for us.")
    look(report)
    apply_move(report, actor=head, move=Move.CORRECT, note="Another class.", corrections={"school_class": other_class})
    look(report)
    assert {Move.REASSIGN, Move.CORRECT, Move.RESPOND} <= {move for key in kept for move in Move if f"'{move}'" in key}
