"""Login throttling: django-axes, with a limit of its own for each way failures are counted.

``AXES_LOCKOUT_PARAMETERS`` counts failed logins three ways, in this order:

1. one account from one address (``LOGIN_FAILURE_LIMIT``, 5): someone guessing
   a parent's password is paused without the parent being locked out from
   their own phone;
2. one address, whatever the accounts (``LOGIN_ADDRESS_FAILURE_LIMIT``, 20):
   one machine trying many parents' accounts is paused;
3. one account, whatever the addresses (``LOGIN_ACCOUNT_FAILURE_LIMIT``, 50): a
   brake on guessing from many machines at once. Only that can pause a parent
   everywhere, and a password reset (which proves the mailbox) lifts it.

The client's address is read by django-ipware as ``TRUSTED_PROXY_COUNT`` says
(settings), so a forged X-Forwarded-For header cannot move an attacker to
someone else's address, and a proxy in front does not put every parent behind
one address.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum

NOT_REACHED = 10**9


def limits():
    return (settings.LOGIN_FAILURE_LIMIT, settings.LOGIN_ADDRESS_FAILURE_LIMIT, settings.LOGIN_ACCOUNT_FAILURE_LIMIT)


def failure_limit(request, credentials=None):
    """What django-axes compares a client's failures with (``AXES_FAILURE_LIMIT``).

    django-axes has one limit for every way it counts; here each count has its
    own. Once any count reaches its limit the answer is 0, which every count of
    failures reaches; until then it is a number none does.
    """
    handler = AxesProxyHandler.get_implementation()
    for attempts, limit in zip(handler.get_user_attempts(request, credentials), limits(), strict=True):
        if (attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0) >= limit:
            return 0
    return NOT_REACHED


class ThrottlingHandler(AxesDatabaseHandler):
    def reset_user_attempts(self, request, credentials=None):
        """A successful login clears that account's failures from that address, and only those.

        Clearing the address's or the account's counts too would let someone
        with one working password reset the limit that stops them trying others.
        """
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(username=username, ip_address=request.axes_ip_address).delete()
        return count


def lift_pause(email):
    """After a successful password reset: the account's failed logins, from everywhere, no longer count."""
    AccessAttempt.objects.filter(username=email.strip().lower()).delete()
