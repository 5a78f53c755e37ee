"""Who may see a report, and who a person is to it. The one place views ask."""

from accounts.models import StaffGroup

from .ladder import Role, Stage
from .routing import holders


def roles_of(user, report):
    """The ladder roles ``user`` has on ``report``: reporter, handler (holds it now), leadership."""
    roles = set()
    if not user.is_authenticated or not user.is_active:
        return roles
    if report.reporter_id == user.pk:
        roles.add(Role.REPORTER)
    if report.concerns_staff_id == user.pk:
        return roles
    if any(holder.pk == user.pk for holder in holders(report)):
        roles.add(Role.HANDLER)
    if StaffGroup.LEADERSHIP in user.staff_groups():
        roles.add(Role.LEADERSHIP)
    return roles


def can_view_report(user, report, roles=None):
    if not user.is_authenticated or not user.is_active:
        return False
    roles = roles_of(user, report) if roles is None else roles
    if roles:
        return True
    if report.concerns_staff_id == user.pk:
        return False
    groups = user.staff_groups()
    if user.is_superuser or StaffGroup.OFFICE in groups:
        return True
    if StaffGroup.GOVERNORS in groups and report.stage == Stage.GOVERNORS:
        return True
    return report.events.filter(actor=user).exists()


def sees_internal_notes(roles):
    """Given they may see the report: everyone but the reporter sees the whole timeline."""
    return roles != {Role.REPORTER}
