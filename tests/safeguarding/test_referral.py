"""Referring a complaint to safeguarding: it leaves the ladder and the queues of those who held it."""

import pytest

from notifications.models import Notification
from reports.ladder import LadderError, Move
from reports.models import Report
from reports.services import apply_move
from safeguarding.services import refer
from tests.reports.factories import make_report

REASON = "The parent says a child in the photo is being bullied at home."


@pytest.fixture
def complaint(parent, school_class, teacher, office, head, governor, dsl):
    report = make_report(parent, school_class=school_class)
    apply_move(report, actor=teacher, move=Move.NOTE, note="Seen this before.")
    return report


def refer_from_page(client, who, report, tell="on"):
    client.force_login(who)
    return client.post(f"/reports/{report.reference}/refer/", {"refer-reason": REASON, "refer-tell_reporter": tell})


def test_a_teacher_refers_it_and_it_leaves_their_queue_with_a_line_saying_so(client, complaint, teacher, dsl):
    response = refer_from_page(client, teacher, complaint)
    assert response["Location"] == "/queue/"
    complaint.refresh_from_db()
    assert complaint.is_safeguarding and complaint.due_on is None
    queue = client.get("/queue/")
    assert list(queue.context["reports"]) == []
    assert f"{complaint.reference}</span>: referred to safeguarding on" in queue.content.decode()
    assert client.get(f"/reports/{complaint.reference}/").status_code == 404
    assert complaint.reference not in client.get("/notifications/").content.decode()

    client.force_login(dsl)
    page = client.get(f"/reports/{complaint.reference}/").content.decode()
    assert REASON in page and "Seen this before." in page and "Referred from the complaints procedure." in page


def test_the_team_is_told_and_the_reporter_too_unless_that_could_put_a_child_at_risk(complaint, teacher, parent):
    refer(complaint, actor=teacher, reason=REASON)
    notices = set(
        Notification.objects.filter(template="safeguarding").values_list("recipient__email", "context__notice")
    )
    assert notices == {("dsl@example.org", "new"), ("parent@example.org", "referred")}


def test_an_untold_reporter_sees_only_that_the_school_is_dealing_with_it(client, complaint, teacher, parent):
    refer_from_page(client, teacher, complaint, tell="")
    assert not Notification.objects.filter(recipient=parent, template="safeguarding").exists()
    client.force_login(parent)
    page = client.get(f"/reports/{complaint.reference}/").content.decode()
    assert "The school is dealing with this outside the complaints procedure." in page
    assert "safeguarding lead on" not in page and REASON not in page


def test_it_leaves_the_ladder_for_good(complaint, teacher, parent):
    refer(complaint, actor=teacher, reason=REASON)
    with pytest.raises(LadderError, match="referred to safeguarding"):
        apply_move(complaint, actor=parent, move=Move.WITHDRAW)
    with pytest.raises(LadderError, match="already with the safeguarding team"):
        refer(complaint, actor=teacher, reason=REASON)
    assert Report.objects.held_by(teacher).count() == 0


def test_a_reason_is_needed_and_only_staff_who_can_read_it_may_refer(client, complaint, teacher, other_parent, parent):
    with pytest.raises(LadderError, match="Please say why"):
        refer(complaint, actor=teacher, reason="  ")
    for who in (parent, other_parent):
        with pytest.raises(LadderError, match="Only staff who can see this report"):
            refer(complaint, actor=who, reason=REASON)
    assert refer_from_page(client, other_parent, complaint).status_code == 404
    complaint.refresh_from_db()
    assert not complaint.is_safeguarding
