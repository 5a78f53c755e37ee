"""The ladder's table, against the rules written out again in plain words. No database."""

import datetime
import itertools

import pytest

from reports import ladder
from reports.ladder import Facts, LadderError, Move, Role, Stage, Status

TODAY = datetime.date(2026, 11, 24)
CT, OL, GOV = Stage.CLASS_TEACHER, Stage.OFFICE_LEADERSHIP, Stage.GOVERNORS
NEW, ACK, RESPONDED, RESOLVED, WITHDRAWN, CLOSED = Status
H, R, L = Role.HANDLER, Role.REPORTER, Role.LEADERSHIP
# The safeguarding team's steps are not the ladder's (safeguarding/rules.py): the ladder never allows them.
SAFEGUARDING_MOVES = {Move.REFER, Move.RECORD_ACTION, Move.ADD_COLLEAGUE, Move.ALERT_HEAD, Move.CLOSE}
MOVES = [move for move in Move if move != Move.SUBMIT]
FACTS = [
    Facts(today=TODAY, deadline_passed=passed, escalation_open=window, panel_recorded=panel or held,
          panel_held=held, late_undecided=late)
    for passed, window, panel, held, late in itertools.product([False, True], repeat=5)
]  # fmt: skip


def expected(stage, status, move, role, facts):
    """The policy's ladder, said once more without the table."""
    if move in SAFEGUARDING_MOVES:
        return False
    lower = stage != GOV
    in_hand = status in (NEW, ACK)
    still_open = status in (NEW, ACK, RESPONDED)
    if move == Move.ACKNOWLEDGE:
        return role == H and status == NEW
    if move == Move.RESPOND:
        return role == H and lower and in_hand
    if move == Move.NOTE:
        return still_open and (role == H or (role == L and lower))
    if move == Move.REQUEST_INFO:
        return role == H and in_hand
    if move == Move.ADD_INFO:
        return role == R and still_open
    if move == Move.REASSIGN:
        return in_hand and (role == H or (role == L and lower))
    if move == Move.ESCALATE:
        if not lower:
            return False
        if role == H:
            return still_open
        if role == R:
            after_response = status in (RESPONDED, RESOLVED) and facts.escalation_open
            no_response_in_time = in_hand and facts.deadline_passed
            return after_response or no_response_in_time
        return False
    if move == Move.RESOLVE:
        return lower and ((role == H and still_open) or (role == R and status == RESPONDED))
    if move == Move.WITHDRAW:
        return role == R and still_open
    if move == Move.RECORD_PANEL:
        return role == H and stage == GOV and in_hand
    if move == Move.RECORD_OUTCOME:
        return role == H and stage == GOV and status == ACK and facts.panel_held
    if move == Move.NAME_COMPANION:
        return role == R and stage == GOV and status == ACK and facts.panel_recorded
    if move == Move.EXTEND_DEADLINE:
        return role == H and in_hand
    if move in (Move.ACCEPT_LATE, Move.DECLINE_LATE):
        return role == H and lower and still_open and facts.late_undecided
    if move in (Move.OTHER_PROCEDURE, Move.LINK, Move.PROCEDURE_COMPLETED):
        return role == H and lower and still_open
    if move == Move.CORRECT:
        return still_open and (role == H or (role == L and lower))
    raise AssertionError(move)


@pytest.mark.parametrize("move", MOVES)
@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("stage", list(Stage))
def test_every_move_from_every_position_by_every_role(stage, status, move, role):
    for facts in FACTS:
        allowed = expected(stage, status, move, role, facts)
        assert (move in ladder.allowed_moves(stage, status, {role}, facts)) == allowed, facts
        if allowed:
            ladder.find_rule(stage, status, {role}, move, facts)
        else:
            with pytest.raises(LadderError):
                ladder.find_rule(stage, status, {role}, move, facts)


def test_nobody_without_a_role_may_do_anything():
    for stage, status, facts in itertools.product(Stage, Status, FACTS):
        assert ladder.allowed_moves(stage, status, set(), facts) == []


@pytest.mark.parametrize(
    ("stage", "status", "move", "role", "destination"),
    [
        (CT, NEW, Move.ACKNOWLEDGE, H, (CT, ACK)),
        (CT, ACK, Move.RESPOND, H, (CT, RESPONDED)),
        (CT, RESPONDED, Move.ESCALATE, R, (OL, NEW)),
        (OL, ACK, Move.ESCALATE, H, (GOV, NEW)),
        (OL, RESPONDED, Move.RESOLVE, R, (OL, RESOLVED)),
        (CT, NEW, Move.WITHDRAW, R, (CT, WITHDRAWN)),
        (GOV, NEW, Move.RECORD_PANEL, H, (GOV, ACK)),
        (GOV, ACK, Move.RECORD_OUTCOME, H, (GOV, CLOSED)),
        (CT, ACK, Move.DECLINE_LATE, H, (CT, CLOSED)),
        (OL, NEW, Move.LINK, H, (OL, CLOSED)),
        (CT, ACK, Move.NOTE, L, (CT, ACK)),
        (OL, NEW, Move.REASSIGN, H, (OL, NEW)),
    ],
)
def test_where_a_move_leads(stage, status, move, role, destination):
    facts = Facts(today=TODAY, escalation_open=True, panel_recorded=True, panel_held=True, late_undecided=True)
    rule = ladder.find_rule(stage, status, {role}, move, facts)
    assert ladder.destination(stage, status, rule) == destination


def test_refusals_say_why_in_plain_words():
    closed_window = Facts(today=TODAY, escalation_open=False)
    with pytest.raises(LadderError, match="The time to escalate after the response has passed"):
        ladder.find_rule(CT, RESPONDED, {R}, Move.ESCALATE, closed_window)
    with pytest.raises(LadderError, match="once the deadline for a response has passed"):
        ladder.find_rule(CT, ACK, {R}, Move.ESCALATE, Facts(today=TODAY))
    with pytest.raises(LadderError, match="This report is closed"):
        ladder.find_rule(GOV, CLOSED, {H}, Move.NOTE, Facts(today=TODAY))
    with pytest.raises(LadderError, match="only on or after the day the panel meets"):
        ladder.find_rule(GOV, ACK, {H}, Move.RECORD_OUTCOME, Facts(today=TODAY, panel_recorded=True))


def test_a_person_with_two_roles_gets_each_move_once():
    moves = ladder.allowed_moves(CT, RESPONDED, {H, R}, Facts(today=TODAY, escalation_open=True))
    assert len(moves) == len(set(moves))
    assert Move.ESCALATE in moves and Move.WITHDRAW in moves
