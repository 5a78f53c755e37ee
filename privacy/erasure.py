"""Closing an account: the person's details go; the school keeps its record of their reports, as "former parent"."""

from axes.models import AccessAttempt, AccessLog
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from notifications.models import Notification
from policy.models import PolicyAcknowledgement


def may_close(account):
    """Parents close their own accounts; a member of staff's is switched off by a superuser instead."""
    return not (account.is_staff or account.is_superuser or account.staff_groups() or account.closed_at)


@transaction.atomic
def close_account(account):
    """Remove the person from the portal, keeping the school's record of what they reported.

    1. Their name, email address, password and two-factor devices go; the
       account can never log in again, and every session of theirs ends (a
       session is tied to the password it was opened with).
    2. Their links to children, their acknowledgements of the policy and the
       emails sent to them go, and so do the records of their failed logins.
    3. Their reports stay, made by "former parent" (``User.__str__``): the
       school may have to keep them, until their own retention period ends.
    """
    email = account.email
    account.email = f"closed-account-{account.pk}@invalid.example"
    account.full_name = ""
    account.is_active = False
    account.email_confirmed_at = None
    account.closed_at = timezone.now()
    account.set_unusable_password()
    account.save(update_fields=["email", "full_name", "is_active", "email_confirmed_at", "closed_at", "password"])
    account.children.clear()
    PolicyAcknowledgement.objects.filter(user=account).delete()
    Notification.objects.filter(recipient=account).delete()
    TOTPDevice.objects.filter(user=account).delete()
    StaticDevice.objects.filter(user=account).delete()
    AccessAttempt.objects.filter(username=email).delete()
    AccessLog.objects.filter(username=email).delete()
    return account
