"""The access policy: every "may this person see or do this" in the portal, answered here.

Views ask ``request.user.has_perm(name, obj)``, the admin asks through
``rules.contrib.admin``, templates through ``{% has_perm %}``. Django's own
rule that a superuser may do anything does not apply (``accounts.User.has_perm``
asks only this module): a superuser administers accounts and settings, and
sees that a report exists, never what it says. A permission not named here
is refused.

What of a report each person may read is decided in ``access.visibility``.
"""

import rules
from django.db.models import Q

from accounts.models import StaffGroup
from reports.ladder import FINAL, Role

from .visibility import report_access


def _in(group):
    @rules.predicate(name=f"in_{group.lower()}")
    def check(user):
        return user.is_authenticated and user.in_group(group)

    return check


is_teacher = _in(StaffGroup.TEACHERS)
is_office = _in(StaffGroup.OFFICE)
is_leadership = _in(StaffGroup.LEADERSHIP)
is_governor = _in(StaffGroup.GOVERNORS)
is_safeguarding_team = _in(StaffGroup.SAFEGUARDING)
is_clerk = _in(StaffGroup.CLERK)
handles_complaints = is_teacher | is_office | is_leadership | is_governor | is_clerk
is_school_staff = handles_complaints | is_safeguarding_team


@rules.predicate
def is_signed_in(user):
    return user.is_authenticated and user.is_active


@rules.predicate
def is_superuser(user):
    return is_signed_in(user) and user.is_superuser


@rules.predicate
def uses_the_admin(user):
    """Has admin access (``is_staff``, which only a superuser gives)."""
    return is_signed_in(user) and user.is_staff


triage_staff = uses_the_admin & (is_office | is_leadership)
administrator = uses_the_admin & is_superuser

rules.add_perm("admin.use_admin", uses_the_admin)
rules.add_perm("accounts.use_two_factor", is_signed_in)


# --- reports -----------------------------------------------------------------------------


@rules.predicate
def may_list_report(user, report):
    """Without a report: may open the admin's list. With one: may know it exists and where it is."""
    if report is None:
        return (triage_staff | administrator)(user)
    return report_access(user, report).can_list


@rules.predicate
def may_read_report(user, report):
    return report is not None and report_access(user, report).can_read


@rules.predicate
def may_move_report(user, report):
    """Without a report: may use the admin's moves. With one: has a part on the ladder (reporter, holder, oversight)."""
    if report is None:
        return triage_staff(user)
    return bool(report_access(user, report).roles)


@rules.predicate
def may_correct_report(user, report):
    """Handlers and the leadership team (below the governors) correct categories, class and whom it concerns."""
    if report is None or report.status in FINAL:
        return False
    return bool(report_access(user, report).roles & {Role.HANDLER, Role.LEADERSHIP})


@rules.predicate
def may_read_access_log(user, report):
    if report is None:
        return (is_leadership | is_superuser)(user)
    access = report_access(user, report)
    return (is_leadership(user) and access.can_read) or (is_superuser(user) and access.can_list)


@rules.predicate
def may_refer_report(user, report):
    """Any member of staff who may read a complaint (and did not make it) may refer it to safeguarding."""
    if report is None or report.is_safeguarding or report.reporter_id == user.pk:
        return False
    return (is_school_staff(user) or uses_the_admin(user)) and report_access(user, report).can_read


rules.add_perm("reports", triage_staff | administrator)
rules.add_perm("reports.refer_to_safeguarding", may_refer_report)
rules.add_perm("safeguarding.view_list", is_safeguarding_team)
rules.add_perm("reports.make_report", is_signed_in)
rules.add_perm("reports.view_own_reports", is_signed_in)
rules.add_perm("reports.list_report", may_list_report)
rules.add_perm("reports.view_report", may_read_report)
rules.add_perm("reports.view_evidence", may_read_report)
rules.add_perm("reports.view_reportevent", may_read_report)
rules.add_perm("reports.move_report", may_move_report)
rules.add_perm("reports.correct_report", may_correct_report)
rules.add_perm("reports.view_access_log", may_read_access_log)
rules.add_perm("reports.view_queue", handles_complaints)
rules.add_perm("reports.view_governors_list", is_governor | is_clerk | is_leadership)
rules.add_perm("governance.view_register", is_governor | is_clerk | is_leadership)
rules.add_perm("reports.view_overview", is_leadership)
rules.add_perm("reports.export_reports", triage_staff)
# Never: what a reporter wrote is not edited, and no report is deleted or made in the admin.
rules.add_perm("reports.add_report", rules.always_deny)
rules.add_perm("reports.change_report", rules.always_deny)
rules.add_perm("reports.delete_report", rules.always_deny)


# --- notifications -----------------------------------------------------------------------


@rules.predicate
def may_see_notification(user, notification):
    if notification is None:
        return uses_the_admin(user) and (is_leadership(user) or is_superuser(user))
    if notification.report_id is None:
        return is_superuser(user)
    access = report_access(user, notification.report)
    return (is_leadership(user) and access.can_read) or (is_superuser(user) and access.can_list)


def notifications_visible_to(user, notifications):
    """The outbox rows ``user`` may see in the admin, as ``may_see_notification`` decides one."""
    from reports.models import Report

    if is_superuser(user):
        return notifications.filter(Q(report__isnull=True) | Q(report__in=Report.objects.listable_by(user)))
    if is_leadership(user):
        return notifications.filter(report__in=Report.objects.readable_by(user))
    return notifications.none()


rules.add_perm("notifications", uses_the_admin & (is_leadership | is_superuser))
rules.add_perm("notifications.view_inbox", is_school_staff)
rules.add_perm("notifications.view_notification", may_see_notification)


# --- the record of who looked ------------------------------------------------------------


@rules.predicate
def may_see_access_record(user, record):
    if record is None:
        return uses_the_admin(user) and (is_leadership(user) or is_superuser(user))
    return may_read_access_log(user, record.report)


def access_records_visible_to(user, records):
    """The records of who looked that ``user`` may search: about reports they may read (or, administrators, know of)."""
    from reports.models import Report

    if is_superuser(user):
        return records.filter(report__in=Report.objects.listable_by(user))
    if is_leadership(user):
        return records.filter(report__in=Report.objects.readable_by(user))
    return records.none()


rules.add_perm("access", uses_the_admin & (is_leadership | is_superuser))
rules.add_perm("access.view_accessrecord", may_see_access_record)


# --- accounts ------------------------------------------------------------------------------


# An account with no school role and no admin rights: the office may see it and correct its name and email.
PARENT_ACCOUNTS = Q(is_staff=False, is_superuser=False) & ~Q(groups__name__in=StaffGroup.values)


@rules.predicate
def is_a_parent_account(user, account):
    return account is not None and type(account).objects.filter(PARENT_ACCOUNTS, pk=account.pk).exists()


@rules.predicate
def no_account_given(user, account):
    return account is None


@rules.predicate
def is_someone_else(user, account):
    return account is None or account.pk != user.pk


people_admin = triage_staff | administrator
rules.add_perm("accounts", people_admin)
rules.add_perm("accounts.view_user", administrator | (triage_staff & (no_account_given | is_a_parent_account)))
rules.add_perm("accounts.change_user", administrator | (triage_staff & is_a_parent_account))
rules.add_perm("accounts.manage_roles", administrator)  # groups, admin rights, switching an account on or off
rules.add_perm("accounts.add_user", administrator)
rules.add_perm("accounts.delete_user", administrator & is_someone_else)
rules.add_perm("accounts.send_password_reset", people_admin)


def accounts_visible_to(user, accounts):
    """The accounts ``user`` may see in the admin: every one for a superuser, parents' for the office."""
    if administrator(user):
        return accounts
    if triage_staff(user):
        return accounts.filter(PARENT_ACCOUNTS)
    return accounts.none()


rules.add_perm("auth", administrator)
for action in ("view", "add", "change", "delete"):
    rules.add_perm(f"auth.{action}_group", administrator)


# --- the school directory, the policy and the rest of the admin ---------------------------------

rules.add_perm("school", people_admin)
for model in ("schoolclass", "child", "holiday"):
    for action in ("view", "add", "change", "delete"):
        rules.add_perm(f"school.{action}_{model}", people_admin)

rules.add_perm("policy", people_admin)
rules.add_perm("policy.acknowledge", is_signed_in)
rules.add_perm("policy.view_policyversion", people_admin)
rules.add_perm("policy.add_policyversion", (uses_the_admin & is_leadership) | administrator)
rules.add_perm("policy.change_policyversion", (uses_the_admin & is_leadership) | administrator)
rules.add_perm("policy.view_category", people_admin)
rules.add_perm("policy.change_category", (uses_the_admin & is_leadership) | administrator)
rules.add_perm("policy.view_policyacknowledgement", (uses_the_admin & is_leadership) | administrator)

# The governors: independent panel members are kept by the clerk (and the leadership team).
clerk_admin = (uses_the_admin & (is_clerk | is_leadership)) | administrator
rules.add_perm("governance", clerk_admin)
for action in ("view", "add", "change", "delete"):
    rules.add_perm(f"governance.{action}_independentmember", clerk_admin)

# Personal data: the privacy notice, subject access, closing a parent's account for them.
leadership_admin = (uses_the_admin & is_leadership) | administrator
rules.add_perm("privacy", people_admin)
rules.add_perm("privacy.view_privacynotice", people_admin)
rules.add_perm("privacy.add_privacynotice", leadership_admin)
rules.add_perm("privacy.change_privacynotice", leadership_admin)
rules.add_perm("privacy.view_subjectaccessrequest", leadership_admin)
rules.add_perm("privacy.produce_subject_access", leadership_admin)
rules.add_perm("privacy.close_account", people_admin)

# Login throttling (django-axes) and two-factor devices: a superuser unlocks an account or removes a lost phone.
for app_label, models in {
    "axes": ("accessattempt", "accesslog", "accessfailurelog", "accessattemptexpiration"),
    "otp_totp": ("totpdevice",),
    "otp_static": ("staticdevice",),
}.items():
    rules.add_perm(app_label, administrator)
    for model in models:
        rules.add_perm(f"{app_label}.view_{model}", administrator)
        rules.add_perm(f"{app_label}.delete_{model}", administrator)
