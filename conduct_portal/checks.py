"""The portal's own system checks: with DEBUG off, it refuses to start without its production settings.

Each problem is an Error, so ``manage.py check`` (and ``check --deploy``), ``migrate``, ``runserver``
and every other command that runs the system checks stops with a message naming the setting, and so
does the web process (``conduct_portal/wsgi.py``). With DEBUG on (a laptop, ``make run``) none of
them fires. They are registered by ``ConductPortalConfig.ready`` with the tag ``production``:
``manage.py check --tag production`` runs only these.

The test run has DEBUG off but never runs the system checks: pytest-django does not, and
``call_command`` skips them unless asked.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, run_checks
from django.core.exceptions import ImproperlyConfigured
from django.http.request import split_domain_port, validate_host
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

TAG = "production"

# SECRET_KEY values written down in this repository: settings.py's development default, the tests'
# (pyproject.toml) and the benchmark's. Anyone can read them, so none is a production key. Keys that
# Django's startproject makes start with "django-insecure-".
KNOWN_SECRET_KEYS = frozenset(
    {
        "insecure-development-key-do-not-use-in-production",
        "test-only-secret-key-not-for-production",
        "bench-only-secret-key",
    }
)
INSECURE_SECRET_KEY_PREFIX = "django-insecure-"
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_DISTINCT_CHARACTERS = 5
SECRET_KEY_HINT = gettext_lazy(
    "Set SECRET_KEY (or SECRET_KEY_FILE, a file holding it) to a new random value of at least 50 characters, "
    "for example the output of: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
)


def production_only(check):
    """Make ``check()`` a system check that runs only with DEBUG off."""

    def wrapper(app_configs=None, **kwargs):
        return [] if settings.DEBUG else check()

    # Not functools.wraps: Django reads the signature through __wrapped__ and wants **kwargs.
    wrapper.__name__, wrapper.__qualname__, wrapper.__doc__ = check.__name__, check.__qualname__, check.__doc__
    return wrapper


@production_only
def email_host():
    if settings.EMAIL_HOST.strip():
        return []
    return [
        Error(
            _(
                "EMAIL_HOST is not set: every email (confirmations, password resets, reports, safeguarding "
                "alerts) would be written to files on this server and reach nobody."
            ),
            hint=_(
                "Set EMAIL_HOST to the SMTP server, and EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD and "
                "EMAIL_USE_TLS as it needs."
            ),
            id="conduct_portal.E001",
        )
    ]


@production_only
def redis_url():
    if settings.REDIS_URL.strip():
        return []
    return [
        Error(
            _(
                "REDIS_URL is not set: there would be no Celery worker and no beat, so no deadline reminders and "
                "no safeguarding chase, and every task would run inside the web request that queued it."
            ),
            hint=_(
                "Set REDIS_URL to the Redis server Celery uses (for example redis://redis.internal:6379/0), and "
                "run the worker and beat processes (Procfile)."
            ),
            id="conduct_portal.E002",
        )
    ]


@production_only
def secret_key():
    key = settings.SECRET_KEY
    errors = []
    if key in KNOWN_SECRET_KEYS or key.startswith(INSECURE_SECRET_KEY_PREFIX):
        errors.append(
            Error(
                _("SECRET_KEY is a development or test value that is written down in the code: anyone can read it."),
                hint=SECRET_KEY_HINT,
                id="conduct_portal.E003",
            )
        )
    if len(key) < SECRET_KEY_MIN_LENGTH or len(set(key)) < SECRET_KEY_MIN_DISTINCT_CHARACTERS:
        errors.append(
            Error(
                _(
                    "SECRET_KEY is too weak: length %(length)d, with %(distinct)d distinct; it needs a length of at "
                    "least %(min_length)d, with at least %(min_distinct)d distinct characters."
                )
                % {
                    "length": len(key),
                    "distinct": len(set(key)),
                    "min_length": SECRET_KEY_MIN_LENGTH,
                    "min_distinct": SECRET_KEY_MIN_DISTINCT_CHARACTERS,
                },
                hint=SECRET_KEY_HINT,
                id="conduct_portal.E004",
            )
        )
    return errors


@production_only
def site_url():
    if settings.SITE_URL.startswith("https://"):
        return []
    return [
        Error(
            _(
                "SITE_URL is %(url)r, not an https:// address: cookies would not be marked secure, HSTS and the "
                "redirect to https would be off, and links in emails would lead to an unencrypted page."
            )
            % {"url": settings.SITE_URL},
            hint=_("Set SITE_URL to the portal's public https:// address, for example https://portal.school.example."),
            id="conduct_portal.E005",
        )
    ]


def site_host():
    """SITE_URL's host as ALLOWED_HOSTS spells it (lower case, no port, an IPv6 address in brackets)."""
    netloc = urlsplit(settings.SITE_URL).netloc.rpartition("@")[2]
    return split_domain_port(netloc)[0]


@production_only
def allowed_hosts():
    host = site_host()
    if host and validate_host(host, settings.ALLOWED_HOSTS):
        return []
    if not host:
        message = _("SITE_URL (%(url)r) has no host name, so ALLOWED_HOSTS cannot include it.") % {
            "url": settings.SITE_URL
        }
        hint = _("Set SITE_URL to the portal's public address, for example https://portal.school.example.")
    else:
        message = _(
            "ALLOWED_HOSTS (%(hosts)s) does not include SITE_URL's host %(host)r: the portal would refuse "
            "requests for its own address, and every link in its emails would fail."
        ) % {"hosts": ", ".join(settings.ALLOWED_HOSTS) or _("empty"), "host": host}
        hint = _("Add %(host)s to ALLOWED_HOSTS (a comma-separated list).") % {"host": host}
    return [Error(message, hint=hint, id="conduct_portal.E006")]


# Settings the portal shows to people and cannot do without: the setting, the check's id, why it is needed.
REQUIRED_CONTACTS = [
    (
        "DPO_NAME",
        "conduct_portal.E007",
        gettext_lazy("DPO_NAME is not set: the privacy notice would name no data protection officer."),
    ),
    (
        "DPO_EMAIL",
        "conduct_portal.E008",
        gettext_lazy("DPO_EMAIL is not set: the privacy notice would give no address for the data protection officer."),
    ),
    (
        "CHILDREN_SOCIAL_CARE_PHONE",
        "conduct_portal.E009",
        gettext_lazy(
            "CHILDREN_SOCIAL_CARE_PHONE is not set: someone raising a concern about a child would be given no "
            "number for children's social care."
        ),
    ),
    (
        "SCHOOL_PHONE",
        "conduct_portal.E010",
        gettext_lazy(
            "SCHOOL_PHONE is not set: someone raising a concern about a child would be given no number for the school."
        ),
    ),
]


@production_only
def required_contacts():
    return [
        Error(message, hint=_("Set %(setting)s.") % {"setting": name}, id=check_id)
        for name, check_id, message in REQUIRED_CONTACTS
        if not str(getattr(settings, name, "")).strip()
    ]


SCHOOL_TYPES = ("maintained", "academy")


def procedure_settings(app_configs=None, **kwargs):
    """The complaints procedure's settings name things the portal knows (in development too)."""
    from reports.procedures import PROCEDURE_NAMES

    errors = []
    if settings.SCHOOL_TYPE not in SCHOOL_TYPES:
        errors.append(Error(
            _("SCHOOL_TYPE is %(value)r: the letter after the governors' decision would name the wrong next step.")
            % {"value": settings.SCHOOL_TYPE},
            hint=_("Set SCHOOL_TYPE to maintained or academy."), id="conduct_portal.E011",
        ))  # fmt: skip
    unknown = sorted(set(settings.OTHER_PROCEDURES) - set(PROCEDURE_NAMES))
    if unknown:
        errors.append(Error(
            _("OTHER_PROCEDURES names procedures the portal does not know: %(names)s.") % {"names": ", ".join(unknown)},
            hint=_("Use: %(names)s.") % {"names": ", ".join(PROCEDURE_NAMES)}, id="conduct_portal.E012",
        ))  # fmt: skip
    if settings.PANEL_MIN_MEMBERS < 3 or settings.PANEL_MIN_INDEPENDENT < 1:
        errors.append(Error(
            _("A complaints panel must have at least three members, one of them independent of the school."),
            hint=_("Set PANEL_MIN_MEMBERS to 3 or more and PANEL_MIN_INDEPENDENT to 1 or more."),
            id="conduct_portal.E013",
        ))  # fmt: skip
    return errors


CHECKS = [email_host, redis_url, secret_key, site_url, allowed_hosts, required_contacts, procedure_settings]


def refuse_to_start_unless_ready():
    """Raise ImproperlyConfigured, naming each problem, when a check above fails (DEBUG off only)."""
    errors = [message for message in run_checks(tags=[TAG]) if message.is_serious()]
    if errors:
        raise ImproperlyConfigured(
            "The portal refuses to start (see README, Production):\n" + "\n".join(str(error) for error in errors)
        )
