"""Property-based tests: whatever text arrives in whichever fields, every form answers valid or invalid, never an error.

Hypothesis sends any Unicode (NUL bytes and control characters included),
very long values and missing fields; a form that is valid must have produced
what the service it feeds expects.
"""

import datetime

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.forms import CloseAccountForm, EmailAuthenticationForm, EmailChangeForm, NameForm, SignupForm, TokenForm
from reports.forms import ReportForm
from reports.models import Report
from reports.move_forms import (
    CorrectionForm,
    ExtendDeadlineForm,
    LinkForm,
    MoveForm,
    OutcomeForm,
    PanelForm,
    ReassignForm,
)
from safeguarding.forms import AddColleagueForm, ConcernForm, RecordActionForm, ReferForm
from tests.reports.factories import make_report

EXAMPLES = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
ANY_TEXT = st.one_of(st.text(max_size=300), st.text(max_size=5).map(lambda text: text * 4000), st.just("\x00"))
DATES = st.one_of(ANY_TEXT, st.dates().map(datetime.date.isoformat))
NUMBERS = st.one_of(ANY_TEXT, st.integers().map(str))


def fields(**strategies):
    """A form's data: each field present or missing, with any value its strategy makes."""
    return st.fixed_dictionaries({}, optional=strategies)


@pytest.fixture
def report(parent, school_class, teacher, office, head, governor, dsl):
    return make_report(parent, school_class=school_class)


@EXAMPLES
@given(
    data=fields(
        kind=ANY_TEXT,
        categories=NUMBERS,
        description=ANY_TEXT,
        platform=ANY_TEXT,
        platform_name=ANY_TEXT,
        occurred_on_day=ANY_TEXT,
        occurred_on_month=NUMBERS,
        occurred_on_year=NUMBERS,
        links=ANY_TEXT,
        concerns=ANY_TEXT,
        school_class=NUMBERS,
        concerns_staff=NUMBERS,
    )
)
def test_the_report_form(report, data):  # fmt: skip
    form = ReportForm(data)
    if form.is_valid():
        assert form.cleaned_data["occurred_on"] <= datetime.date.today()
        assert "\x00" not in form.cleaned_data["description"]


@EXAMPLES
@given(
    data=fields(
        description=ANY_TEXT,
        occurred_on_day=NUMBERS,
        occurred_on_month=ANY_TEXT,
        occurred_on_year=NUMBERS,
        school_class=NUMBERS,
        concerns_staff=NUMBERS,
    )
)
def test_the_safeguarding_concern_form(report, data):
    form = ConcernForm(data)
    if form.is_valid():
        assert len(form.cleaned_data["description"]) <= 10_000


@EXAMPLES
@given(data=fields(full_name=ANY_TEXT, email=ANY_TEXT, password1=ANY_TEXT, password2=ANY_TEXT))
def test_the_sign_up_form(db, data):
    form = SignupForm(data)
    if form.is_valid():
        assert "@" in form.cleaned_data["email"] and form.cleaned_data["email"] == form.cleaned_data["email"].lower()


@EXAMPLES
@given(data=fields(username=ANY_TEXT, password=ANY_TEXT))
def test_the_login_form(db, data):
    assert not EmailAuthenticationForm(None, data).is_valid() or data.get("password")


MOVE_FIELDS = {
    "note": ANY_TEXT, "seen_stage": ANY_TEXT, "seen_status": ANY_TEXT, "assignee": NUMBERS, "panel_on": DATES,
    "governors": NUMBERS, "independent_members": NUMBERS, "outcome": ANY_TEXT, "findings": ANY_TEXT,
    "action_taken": ANY_TEXT, "categories": NUMBERS, "school_class": NUMBERS, "due_on": DATES,
    "linked_reference": ANY_TEXT, "staff_note": ANY_TEXT,
}  # fmt: skip


@EXAMPLES
@given(data=fields(**MOVE_FIELDS))
def test_every_move_form(report, data):
    for form_class in (MoveForm, ReassignForm, PanelForm, OutcomeForm, CorrectionForm, ExtendDeadlineForm, LinkForm):
        form = form_class(data, report=report, note_required=True)
        if form.is_valid():
            form.move_arguments()


@EXAMPLES
@given(
    data=fields(
        reason=ANY_TEXT,
        tell_reporter=ANY_TEXT,
        note=ANY_TEXT,
        action_kind=ANY_TEXT,
        action_on=DATES,
        action_reference=ANY_TEXT,
        colleague=NUMBERS,
    )
)
def test_the_safeguarding_forms(report, data):  # fmt: skip
    ReferForm(data).is_valid()
    for form_class in (RecordActionForm, AddColleagueForm):
        form = form_class(data, note_required=False)
        if form.is_valid():
            form.move_arguments()


@EXAMPLES
@given(data=fields(full_name=ANY_TEXT, email=ANY_TEXT, password=ANY_TEXT, token=ANY_TEXT))
def test_the_account_forms(parent, data):
    NameForm(data).is_valid()
    EmailChangeForm(data, user=parent).is_valid()
    CloseAccountForm(data, user=parent).is_valid()
    TokenForm(data).is_valid()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=fields(
        kind=ANY_TEXT,
        categories=NUMBERS,
        description=ANY_TEXT,
        platform=ANY_TEXT,
        occurred_on_day=ANY_TEXT,
        occurred_on_month=NUMBERS,
        occurred_on_year=NUMBERS,
        links=ANY_TEXT,
        concerns=ANY_TEXT,
        school_class=NUMBERS,
    )
)
def test_posting_anything_to_the_report_form_never_gives_a_server_error(report, parent, data):  # fmt: skip
    client = Client(raise_request_exception=False)
    client.force_login(parent)
    before = Report.objects.count()
    response = client.post("/reports/new/?child_at_risk=no", data)
    assert response.status_code in (200, 302, 400)
    assert Report.objects.count() == before + (response.status_code == 302)
