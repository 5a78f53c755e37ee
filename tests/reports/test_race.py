"""Two people pressing "escalate" at the same moment give one escalation (PostgreSQL row locks)."""

import threading

import pytest
from django.db import connection

from reports.ladder import LadderError, Move, Stage
from reports.models import ReportEvent
from reports.services import apply_move
from tests.conftest import make_user, on_postgresql, require

from .factories import make_report


@pytest.mark.parametrize("attempt", range(3))
def test_two_concurrent_escalations_give_one_event(migrated_transactional_db, parent, school_class, office, attempt):
    require(on_postgresql(), "the race test needs PostgreSQL's row locks (set DATABASE_URL)")
    teachers = [make_user(f"teacher{i}@example.org", "Teachers") for i in range(2)]
    school_class.teachers.add(*teachers)
    report = make_report(parent, school_class=school_class)
    barrier = threading.Barrier(len(teachers))
    outcomes = []

    def escalate(teacher):
        try:
            barrier.wait(timeout=10)
            apply_move(report, actor=teacher, move=Move.ESCALATE, note=f"Serious ({teacher.email}).")
            outcomes.append("escalated")
        except LadderError as refusal:
            outcomes.append(f"refused: {refusal}")
        finally:
            connection.close()

    threads = [threading.Thread(target=escalate, args=(teacher,)) for teacher in teachers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes)[0] == "escalated"
    assert len(outcomes) == 2 and outcomes.count("escalated") == 1, outcomes
    assert ReportEvent.objects.filter(report=report, action=Move.ESCALATE).count() == 1
    report.refresh_from_db()
    assert report.stage == Stage.OFFICE_LEADERSHIP
