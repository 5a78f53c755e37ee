"""A change of someone's staff groups changes what they may read on their very next page.

Each process keeps the staff groups (conduct_portal.small_tables) and, for each person as they are, the grants'
compiled statement (access.visibility): neither may outlive a change."""

import datetime

from django.contrib.auth.models import Group

from accounts.models import StaffGroup
from safeguarding.services import raise_concern
from tests.conftest import make_user
from tests.reports.factories import make_report


def status_of(client, report):
    return client.get(report.get_absolute_url()).status_code


def test_joining_and_leaving_the_leadership_team_opens_and_shuts_a_complaint_at_once(
    client, parent, school_class, teacher
):
    report = make_report(parent, school_class=school_class)
    colleague = make_user("lee@example.org", full_name="Lee Leader")
    leadership = Group.objects.get(name=StaffGroup.LEADERSHIP)
    client.force_login(colleague)
    assert status_of(client, report) == 404

    colleague.groups.add(leadership)
    assert status_of(client, report) == 200
    colleague.groups.remove(leadership)
    assert status_of(client, report) == 404


def test_someone_who_leaves_the_safeguarding_team_no_longer_reads_its_concerns(client, parent, school_class, dsl):
    concern = raise_concern(reporter=parent, description="Worried.", occurred_on=datetime.date(2026, 11, 2),
                            school_class=school_class, concerns_staff=None, evidence=[])  # fmt: skip
    client.force_login(dsl)
    assert status_of(client, concern) == 200

    dsl.groups.remove(Group.objects.get(name=StaffGroup.SAFEGUARDING))
    assert status_of(client, concern) == 404
