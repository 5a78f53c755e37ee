"""The acknowledgement clock at work: school hours, a weekend, a holiday; the head alerted and added; the LADO."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from notifications.models import Notification
from reports.ladder import Move
from safeguarding.services import apply_concern_move, chase, raise_concern
from school.models import Holiday

LONDON = ZoneInfo("Europe/London")


def at(day, hour, minute=0, month=11):
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=LONDON)


def notices():
    return sorted(
        Notification.objects.filter(template="safeguarding")
        .exclude(context__notice__in=["new", "received", "allegation"])
        .values_list("recipient__email", "context__notice")
    )


@pytest.fixture
def cast(parent, teacher, office, head, governor, dsl, deputy_dsl):
    return locals()


def concern(cast, made, **fields):
    return raise_concern(reporter=cast["parent"], description="Worried.", occurred_on=made.date(), school_class=None,
                         concerns_staff=fields.get("concerns_staff"), evidence=[], now=made)  # fmt: skip


def test_in_school_hours_the_head_is_alerted_and_added_after_two_school_hours(client, cast):
    report = concern(cast, at(23, 10, 0))  # a Monday morning
    assert chase(at(23, 11, 59)) == {"reminded": 0, "chased": 0, "lado": 0}
    assert chase(at(23, 12, 0))["chased"] == 1
    assert notices() == [("deputy.dsl@example.org", "unacknowledged"), ("head@example.org", "head-alert")]
    assert report.events.last().action == Move.ALERT_HEAD
    client.force_login(cast["head"])
    assert client.get(f"/reports/{report.reference}/").status_code == 200
    assert chase(at(23, 12, 5)) == {"reminded": 0, "chased": 0, "lado": 0}  # nothing twice


def test_an_acknowledged_concern_is_not_chased(cast):
    report = concern(cast, at(23, 10, 0))
    apply_concern_move(report, actor=cast["deputy_dsl"], move=Move.ACKNOWLEDGE)
    assert chase(at(24, 10, 0)) == {"reminded": 0, "chased": 0, "lado": 0}


def test_on_a_friday_night_it_waits_for_monday_morning_with_a_reminder(cast):
    concern(cast, at(27, 20, 0))  # Friday evening
    assert chase(at(28, 12, 0)) == {"reminded": 0, "chased": 0, "lado": 0}  # Saturday
    assert chase(at(30, 8, 30))["reminded"] == 1  # Monday, as school starts
    assert notices() == [("deputy.dsl@example.org", "morning"), ("dsl@example.org", "morning")]
    assert chase(at(30, 10, 29))["chased"] == 0
    assert chase(at(30, 10, 30))["chased"] == 1


def test_a_holiday_does_not_count(cast):
    Holiday.objects.create(
        name="INSET day", start_date=datetime.date(2026, 11, 24), end_date=datetime.date(2026, 11, 24)
    )
    concern(cast, at(23, 15, 30))  # half an hour left on Monday; Tuesday is an INSET day
    assert chase(at(24, 12, 0)) == {"reminded": 0, "chased": 0, "lado": 0}
    assert chase(at(25, 10, 0))["chased"] == 1  # Wednesday, 1 h 30 into the morning


def test_the_case_manager_is_reminded_about_the_lado_unless_a_referral_is_recorded(cast):
    about_teacher = concern(cast, at(23, 10, 0), concerns_staff=cast["teacher"])
    assert about_teacher.concern.lado_due_at == at(24, 16, 0)  # one working day
    apply_concern_move(about_teacher, actor=cast["dsl"], move=Move.ACKNOWLEDGE)
    assert chase(at(24, 15, 59))["lado"] == 0
    assert chase(at(24, 16, 0))["lado"] == 1
    assert ("head@example.org", "lado-reminder") in notices()

    referred = concern(cast, at(23, 10, 0), concerns_staff=cast["teacher"])
    apply_concern_move(referred, actor=cast["dsl"], move=Move.ACKNOWLEDGE)
    apply_concern_move(referred, actor=cast["head"], move=Move.RECORD_ACTION, action_kind="lado",
                       action_on=datetime.date(2026, 11, 23), action_reference="LADO-1")  # fmt: skip
    assert chase(at(25, 9, 0))["lado"] == 0


def test_the_chase_takes_as_many_statements_for_twelve_concerns_as_for_three_and_each_is_told_once(cast, mailoutbox):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from notifications.tasks import send_pending

    def run(count, day):
        for _ in range(count):
            concern(cast, at(day, 20, 0), concerns_staff=cast["teacher"])  # evening: a morning reminder and the LADO
        with CaptureQueriesContext(connection) as queries:
            counts = chase(at(day + 2, 16, 0))
        assert counts == {"reminded": count, "chased": count, "lado": count}
        return len(queries)

    assert run(3, 23) == run(12, 25)  # a Monday and a Wednesday evening; chased two days later
    assert chase(at(30, 16, 0)) == {"reminded": 0, "chased": 0, "lado": 0}
    rows = Notification.objects.filter(context__notice__in=["morning", "unacknowledged", "head-alert", "lado-reminder"])
    assert rows.count() == 15 * (2 + 1 + 1 + 1)  # the team, the deputy, the head, the case manager (the head)
    assert set(rows.values_list("subject", flat=True)) == {""}  # written by the sender
    mailoutbox.clear()
    send_pending.apply()
    assert {message.subject.split(" ")[0] for message in mailoutbox} >= {"Reminder:", "Safeguarding"}
    sent = [message.extra_headers["Message-ID"] for message in mailoutbox]
    assert all(sent.count(row.message_id) == 1 for row in rows)
