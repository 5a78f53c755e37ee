"""Settings for the conduct portal, read from the environment.

Every setting has an embedded default that needs nothing installed: SQLite in
``var/``, Celery tasks run in process after the commit, and email written to
files in ``var/mail/``. Production sets ``DATABASE_URL``, ``REDIS_URL``,
``EMAIL_HOST`` and the rest that ``conduct_portal/checks.py`` asks for: with
``DEBUG`` off the portal refuses to start without them. The README has the table.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_date(name, default):
    """A day, written as 2026-11-27 or as 27 November 2026."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    for form in ("%Y-%m-%d", "%d %B %Y"):
        try:
            return datetime.datetime.strptime(value.strip(), form).date()
        except ValueError:
            continue
    raise ImproperlyConfigured(f"{name} must be a day such as 2026-11-27 or 27 November 2026, not {value!r}.")


def env_secret(name, default=""):
    """Read NAME, or the contents of the file named by NAME_FILE."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return os.environ.get(name, default)


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY (or SECRET_KEY_FILE) to a long random "
            "string, or set DEBUG=1 for a development run."
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = [SITE_URL] if SITE_URL.startswith("https://") else []

SCHOOL_NAME = env_str("SCHOOL_NAME", "Oakfield Primary School")
# The school's data protection officer, named on the privacy notice.
DPO_NAME = env_str("DPO_NAME")
DPO_EMAIL = env_str("DPO_EMAIL")

INSTALLED_APPS = [
    # First: its ready() puts the portal's own error messages in place before any form is defined.
    "conduct_portal.apps.ConductPortalConfig",
    "conduct_portal.admin.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",  # Django's widget templates, found by the template loaders like the portal's own
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "axes",
    "rules",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "accounts",
    "school",
    "policy",
    "reports",
    "notifications",
    "safeguarding",
    "governance",
    "privacy",
    "access",
    "pages",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "conduct_portal.middleware.HostileInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.AccountLanguageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SignInPolicyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "conduct_portal.urls"
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"  # widgets may use templates/widgets/

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "conduct_portal.context_processors.portal",
            ],
        },
    },
]

WSGI_APPLICATION = "conduct_portal.wsgi.application"

VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env_bool("DATABASE_JIT", False):
    # PostgreSQL compiles a plan it guesses is costly (the access policy's EXISTS over every complaint at the
    # governors' stage) to machine code: 20 ms or more of compiling, on every request, to save none.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

AUTH_USER_MODEL = "accounts.User"
# AxesBackend refuses a paused login before EmailBackend checks the password; every
# permission is the access policy's answer (access/rules.py, through the rules backend).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "accounts.backends.EmailBackend",
    "rules.permissions.ObjectPermissionBackend",
]

# Login throttling (django-axes). Failed logins are counted three ways, each with its own limit
# (accounts.throttling): one account from one address; one address, whatever the accounts; one
# account, whatever the addresses. A correct password reset lifts the pause for that account.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 20)
LOGIN_ACCOUNT_FAILURE_LIMIT = env_int("LOGIN_ACCOUNT_FAILURE_LIMIT", 50)
AXES_HANDLER = "accounts.throttling.ThrottlingHandler"
AXES_FAILURE_LIMIT = "accounts.throttling.failure_limit"
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address", "username"]
AXES_USERNAME_CALLABLE = "accounts.backends.login_name"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# The client's address, as django-axes reads it with django-ipware. With no proxy in front
# (TRUSTED_PROXY_COUNT=0) only the connection's own address counts, so a forged X-Forwarded-For
# changes nothing. Behind N reverse proxies, each appending the address it was called from, the
# client is the entry N from the right of X-Forwarded-For (the last proxy's own address is the
# connection's): whatever a client writes into the header itself stays to the left, ignored.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT - 1 if TRUSTED_PROXY_COUNT else None  # proxies listed in the header
AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if TRUSTED_PROXY_COUNT else ("REMOTE_ADDR",)
IPWARE_STRICT = False  # a client can make the header longer: count from the right whatever its length

# Sessions: staff are signed out after an idle time, parents after two weeks (accounts.middleware).
STAFF_SESSION_IDLE_MINUTES = env_int("STAFF_SESSION_IDLE_MINUTES", 30)
SESSION_COOKIE_AGE = env_int("PARENT_SESSION_DAYS", 14) * 24 * 3600
# Sessions are written to the database and read from the cache (the database when the cache has lost one).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Two-factor sign-in (an authenticator app): anyone on the staff may turn it on; with this set,
# staff and the admin require it.
TWO_FACTOR_REQUIRED_FOR_STAFF = env_bool("TWO_FACTOR_REQUIRED_FOR_STAFF", False)
OTP_TOTP_ISSUER = SCHOOL_NAME
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The languages the portal is translated into (locale/<code>/LC_MESSAGES/django.po). English is the
# school's own; the others are the largest home languages of pupils in English schools, and Welsh.
# Panjabi is written in Gurmukhi: families who read Panjabi in Shahmukhi (its Perso-Arabic script)
# can read Urdu, which is here too; Gurmukhi reaches the readers Urdu does not (see README, Languages).
LANGUAGE_CODE = "en-gb"
LANGUAGES = [
    ("en-gb", "English"),
    ("cy", "Cymraeg"),
    ("pl", "Polski"),
    ("ur", "اردو"),
    ("pa", "ਪੰਜਾਬੀ"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_SECURE = SITE_URL.startswith("https://")
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]

# Evidence is kept outside any public URL and served only through a view
# that checks who may see the report.
EVIDENCE_ROOT = Path(env_str("EVIDENCE_ROOT", str(VAR_DIR / "evidence")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "evidence": {"BACKEND": "reports.storage.EvidenceStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
EVIDENCE_MAX_BYTES = env_int("EVIDENCE_MAX_BYTES", 10 * 1024 * 1024)
EVIDENCE_MAX_FILES = env_int("EVIDENCE_MAX_FILES", 5)
EVIDENCE_MAX_PDF_PAGES = env_int("EVIDENCE_MAX_PDF_PAGES", 100)
EVIDENCE_MAX_IMAGE_SIDE = env_int("EVIDENCE_MAX_IMAGE_SIDE", 4000)  # pixels, on an image's long side as stored
# Five files of 10 MB and the form around them.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email: SMTP when a host is set, otherwise files in var/mail/.
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 25)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
    EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = f'"{SCHOOL_NAME}" <{env_str("FROM_EMAIL", "no-reply@example.org")}>'
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: Redis as the broker when REDIS_URL is set; otherwise every task runs
# in process (after the commit, since tasks are queued with delay_on_commit).
REDIS_URL = env_str("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Processes in one worker (celery worker --concurrency): each sends its own batches over its own SMTP connection.
# Twice the cores: a process sending mail spends much of its time waiting for the mail server and the database.
CELERY_WORKER_CONCURRENCY = env_int("CELERY_WORKER_CONCURRENCY", 2 * (os.cpu_count() or 1))
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
# A request never waits on a broker that is down: publish fails fast and the
# outbox row waits for requeue_pending.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600),
    "max_retries": 1,  # one attempt to connect when publishing; the worker reconnects on its own
    "interval_start": 0,
}
NOTIFICATIONS_REQUEUE_AFTER_SECONDS = env_int("NOTIFICATIONS_REQUEUE_AFTER_SECONDS", 60)
NOTIFICATIONS_REQUEUE_BATCH = env_int("NOTIFICATIONS_REQUEUE_BATCH", 500)
# A send task claims up to this many due rows and sends them over one SMTP connection.
NOTIFICATIONS_SEND_BATCH = env_int("NOTIFICATIONS_SEND_BATCH", 100)
NOTIFICATIONS_MAX_ATTEMPTS = env_int("NOTIFICATIONS_MAX_ATTEMPTS", 15)
NOTIFICATIONS_RETRY_BASE_SECONDS = env_int("NOTIFICATIONS_RETRY_BASE_SECONDS", 30)
NOTIFICATIONS_CLAIM_SECONDS = env_int("NOTIFICATIONS_CLAIM_SECONDS", 300)  # a send still unfinished after this died
REMINDERS_HOUR = env_int("REMINDERS_HOUR", 7)
OVERVIEW_FRESH_SECONDS = env_int("OVERVIEW_FRESH_SECONDS", 120)  # the leadership overview's figures, at most this old
RETENTION_HOUR = env_int("RETENTION_HOUR", 2)  # each night, reports past their retention period are anonymised
# The cache: Redis when REDIS_URL is set (shared by every web process: the form limits count there);
# otherwise in each process's memory, for the embedded default.
# CACHE_KEY_PREFIX keeps two portals (or two schools' copies) apart in one Redis.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
CACHES["default"]["KEY_PREFIX"] = env_str("CACHE_KEY_PREFIX", "")
RATELIMIT_CACHE_PREFIX = "portal-limit:"
# Form limits: (per address, per account), as "count/period" (s, m, h, d).
RATE_LIMITS = {
    "signup": (env_str("SIGNUP_RATE_PER_ADDRESS", "10/h"), env_str("SIGNUP_RATE_PER_ACCOUNT", "3/h")),
    "password-reset": (env_str("RESET_RATE_PER_ADDRESS", "10/h"), env_str("RESET_RATE_PER_ACCOUNT", "3/h")),
    "report": (env_str("REPORT_RATE_PER_ADDRESS", "30/h"), env_str("REPORT_RATE_PER_ACCOUNT", "10/h")),
}

CELERY_BEAT_SCHEDULE = {
    "requeue-pending-notifications": {
        "task": "notifications.tasks.requeue_pending",
        "schedule": env_int("NOTIFICATIONS_REQUEUE_EVERY_SECONDS", 60),
    },
    "safeguarding-clock": {
        "task": "safeguarding.tasks.chase_concerns",
        "schedule": env_int("SAFEGUARDING_CHASE_EVERY_SECONDS", 300),
    },
    "retention": {
        "task": "privacy.tasks.apply_retention",
        "schedule": crontab(minute=30, hour=RETENTION_HOUR),
    },
    "deadline-reminders": {
        "task": "reports.tasks.send_deadline_reminders",
        "schedule": crontab(minute=0, hour=REMINDERS_HOUR, day_of_week="mon-fri"),
    },
}

# Security headers. HTTPS-only settings follow SITE_URL's scheme.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = SITE_URL.startswith("https://")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SESSION_COOKIE_SECURE else None
# With an https SITE_URL, plain http is redirected to https (behind a proxy, the proxy's
# X-Forwarded-Proto says which a request came in by) and browsers are told to use https only, for a
# year, on the subdomains too (HSTS). Each can be set from the environment. /healthz is answered over
# http too, for a load balancer's health check that does not go through the proxy.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", SESSION_COOKIE_SECURE)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600 if SESSION_COOKIE_SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", SESSION_COOKIE_SECURE)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", SESSION_COOKIE_SECURE)
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}, "axes": {"level": "WARNING"}},
}

# Deadlines, in school days (weekends and the holidays entered in the admin are skipped).
DEADLINE_ACKNOWLEDGE_DAYS = env_int("DEADLINE_ACKNOWLEDGE_DAYS", 5)
DEADLINE_RESPOND_DAYS = env_int("DEADLINE_RESPOND_DAYS", 10)
DEADLINE_ESCALATE_WITHIN_DAYS = env_int("DEADLINE_ESCALATE_WITHIN_DAYS", 10)
DEADLINE_PANEL_WITHIN_DAYS = env_int("DEADLINE_PANEL_WITHIN_DAYS", 20)
DEADLINE_OUTCOME_DAYS = env_int("DEADLINE_OUTCOME_DAYS", 5)
DEADLINE_URGENT_ACKNOWLEDGE_DAYS = env_int("DEADLINE_URGENT_ACKNOWLEDGE_DAYS", 1)
DEADLINE_URGENT_RESPOND_DAYS = env_int("DEADLINE_URGENT_RESPOND_DAYS", 5)
# The complaints procedure (the DfE's model procedure and the Independent School Standards, Part 7).
COMPLAINT_TIME_LIMIT_MONTHS = env_int("COMPLAINT_TIME_LIMIT_MONTHS", 3)  # later than this is flagged, not refused
PANEL_MIN_MEMBERS = env_int("PANEL_MIN_MEMBERS", 3)
PANEL_MIN_INDEPENDENT = env_int("PANEL_MIN_INDEPENDENT", 1)
SCHOOL_TYPE = env_str("SCHOOL_TYPE", "maintained")  # or "academy": names the next step after the governors
SHOW_STAFF_NAMES_TO_PARENTS = env_bool("SHOW_STAFF_NAMES_TO_PARENTS", False)
# Matters with procedures of their own, and where to go instead: named on the report form, and in the
# letter when staff close a report as handled under one of them.
OTHER_PROCEDURES = {
    "admissions": env_str(
        "OTHER_PROCEDURE_ADMISSIONS", "the admission authority (for most schools, the local council)"
    ),
    "exclusions": env_str("OTHER_PROCEDURE_EXCLUSIONS", "the governing board's review of the exclusion"),
    "send": env_str("OTHER_PROCEDURE_SEND", "the local council's special educational needs team"),
    "staff_conduct": env_str(
        "OTHER_PROCEDURE_STAFF_CONDUCT", "the headteacher, under the staff disciplinary procedure"
    ),
    "whistleblowing": env_str("OTHER_PROCEDURE_WHISTLEBLOWING", "the school's whistleblowing policy"),
}

# Safeguarding (Keeping Children Safe in Education): a concern is acknowledged within this many school
# hours, counted between the school day's start and end; the numbers shown to someone raising one.
SAFEGUARDING_ACKNOWLEDGE_HOURS = env_int("SAFEGUARDING_ACKNOWLEDGE_HOURS", 2)
SCHOOL_DAY_STARTS = env_str("SCHOOL_DAY_STARTS", "08:30")
SCHOOL_DAY_ENDS = env_str("SCHOOL_DAY_ENDS", "16:00")
CHILDREN_SOCIAL_CARE_PHONE = env_str("CHILDREN_SOCIAL_CARE_PHONE")
SCHOOL_PHONE = env_str("SCHOOL_PHONE")

# Personal data: how long a report is kept once it has ended, before it is anonymised (the README names the
# schedule these defaults come from; the school should confirm them), and how often that is applied.
RETENTION_COMPLAINT_YEARS = env_int("RETENTION_COMPLAINT_YEARS", 6)
RETENTION_SAFEGUARDING_YEARS = env_int("RETENTION_SAFEGUARDING_YEARS", 25)

# The school's contact details, on /contact/ and in the accessibility statement; each is left out while empty.
# SCHOOL_PHONE (above) is one of them. An address's lines are separated by "\n" in the environment.
SCHOOL_ADDRESS = env_str("SCHOOL_ADDRESS").replace("\\n", "\n")
SCHOOL_EMAIL = env_str("SCHOOL_EMAIL")
SCHOOL_OFFICE_HOURS = env_str("SCHOOL_OFFICE_HOURS")
# The day the accessibility statement (/accessibility/) was prepared: set it when the statement is reviewed.
ACCESSIBILITY_STATEMENT_DATE = env_date("ACCESSIBILITY_STATEMENT_DATE", datetime.date(2026, 11, 27))
