"""axe-core's WCAG 2.2 A and AA rules on every page each person uses, on a phone and on a desktop.

Each page is opened by every role that can open it (the access table, tests/access/table.py), at
1280 pixels wide; then the same page at 390 pixels, and at 390 with the phone menu (the navbar's
toggler) open. axe-core comes from npm (package.json pins it, ``make static`` installs it) and is
injected into a browser context with the CSP bypass: the portal's own CSP is unchanged.

Every (page, role) is its own test, and each fails with a readable list: page, role, width, rule,
impact and the elements' selectors. To keep them quick, the school (tests/access/world.py), a live
server, Chromium and one signed-in context for each role last for the module: the school is written
once and committed, so each test runs in a transaction (``django_db``, not ``transaction=True``,
whose flush would take the school away) and writes nothing itself; what the server writes (who
opened a report, a failed login) stays until the module ends, which puts the database back as the
migrations left it.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.management import call_command
from django.db import connections
from django.test import Client
from django.test.utils import modify_settings, override_settings
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from conduct_portal.celery import app as celery_app
from tests.access import table, world
from tests.browser.chromium import CHROMIUM, launched_chromium
from tests.conftest import require, restore_migration_data

# One worker runs the whole module in a row: its school is written once, and taken away when it ends.
pytestmark = [pytest.mark.browser, pytest.mark.django_db, pytest.mark.xdist_group("axe")]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => ({target: n.target, summary: n.failureSummary})),
  }));
}"""
STATIC_FILES = "django.contrib.staticfiles.storage.StaticFilesStorage"  # as tests/conftest.py: no manifest
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

# What this file calls each person, and their label in the access table and its school (tests/access/).
ROLES = {
    "anonymous": "anonymous",
    "parent": "reporter",
    "teacher": "class teacher",
    "office": "office",
    "leadership": "leadership",
    "governor": "governor",
    "chair": "chair",
    "clerk": "clerk",
    "dsl": "safeguarding lead",
    "superuser": "superuser",
}
EVERYONE = list(ROLES)
SIGNED_IN = EVERYONE[1:]
REFUSED = {"login", "403", "404", "gone"}  # the access table's cells for a page a person cannot open


def can_open(row, state="at the class teacher"):
    """Who can open a page, by the access table: its row in PAGE_ROWS, or in REPORT_ROWS at ``state``."""
    cells = table.PAGE_ROWS[row] if row in table.PAGE_ROWS else table.REPORT_ROWS[row][state]
    return [role for role, label in ROLES.items() if cells[label] not in REFUSED]


def report(state, suffix=""):
    return lambda reports: f"{reports[state].get_absolute_url()}{suffix}"


def report_in_admin(state):
    return lambda reports: f"/admin/reports/report/{reports[state].pk}/change/"


def current_policy(reports):
    from policy.models import PolicyVersion

    return f"/policy/{PolicyVersion.objects.current().number}/"


def policy_in_admin(reports):
    from policy.models import PolicyVersion

    return f"/admin/policy/policyversion/{PolicyVersion.objects.current().pk}/change/"


def password_reset_link(reports):
    """The link a parent is emailed to choose a new password (made after they sign in: it depends on when)."""
    reporter = reports["at the class teacher"].reporter
    user = type(reporter).objects.get(pk=reporter.pk)  # as it is now, signed in
    uidb64, token = urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)
    return reverse("password_reset_confirm", kwargs={"uidb64": uidb64, "token": token})


def press(selector):
    """What a person does on the page first: press a button with nothing filled in."""

    def act(page):
        with page.expect_navigation():
            page.locator(selector).click()

    return act


def wrong_password(page):
    page.locator("#id_username").fill("parent@example.org")
    page.locator("#id_password").fill("not-the-password")
    with page.expect_navigation():
        page.locator("main [type=submit]").click()


@dataclass(frozen=True)
class Page:
    name: str
    url: object  # a path, or a function of the school's reports by place on the ladder that returns one
    roles: list
    act: object = None  # what a person does on the page before it is checked
    status: int = 200


REPORT_PAGE = "the report's page /reports/<ref>/"
PAGES = [
    # Public pages: everyone, signed in or not (the navigation differs).
    Page("home", "/", EVERYONE),
    Page("policy", "/policy/", EVERYONE),
    Page("policy version", current_policy, EVERYONE),
    Page("help", "/help/", can_open("help /help/")),
    Page("contact", "/contact/", can_open("the school's contact details /contact/")),
    Page("accessibility statement", "/accessibility/", can_open("the accessibility statement /accessibility/")),
    Page("privacy notice", "/privacy/", EVERYONE),
    # Signing in and up.
    Page("log in", "/accounts/login/", ["anonymous"]),
    Page("log in, wrong password", "/accounts/login/", ["anonymous"], act=wrong_password),
    Page("sign up", "/accounts/signup/", ["anonymous"]),
    Page("sign up, nothing filled in", "/accounts/signup/", ["anonymous"], act=press("main [type=submit]")),
    Page("password reset", "/accounts/password-reset/", ["anonymous"]),
    Page("password reset sent", "/accounts/password-reset/sent/", ["anonymous"]),
    Page("password reset: choose a new password", password_reset_link, ["anonymous"]),
    Page("password reset done", "/accounts/reset/done/", ["anonymous"]),
    Page("password reset: a link no longer valid", "/accounts/reset/MQ/set-by-no-one/", ["anonymous"]),
    # Pages that say no.
    Page("page not found", "/no-such-page/", ["anonymous", "parent"], status=404),
    Page("not allowed", "/queue/", ["parent"], status=403),
    # Everyone signed in.
    Page("my reports", "/reports/", can_open("my reports /reports/")),
    Page("account", "/account/", SIGNED_IN),
    Page("change password", "/accounts/password/", SIGNED_IN),
    Page("two-factor sign-in", "/accounts/two-factor/", can_open("two-factor sign-in /accounts/two-factor/")),
    Page("make a report: is a child at risk?", "/reports/new/", can_open("make a report /reports/new/")),
    Page("make a report: is a child at risk?, no answer", "/reports/new/", ["parent"], act=press("main [type=submit]")),
    Page("make a report", "/reports/new/?child_at_risk=no", can_open("make a report /reports/new/")),
    Page("make a report, nothing filled in", "/reports/new/?child_at_risk=no", ["parent"], act=press("#submit-report")),
    Page("raise a safeguarding concern", "/reports/new/?child_at_risk=yes", ["parent"]),
    Page(
        "raise a safeguarding concern, nothing filled in",
        "/reports/new/?child_at_risk=yes",
        ["parent"],
        act=press("main [type=submit]"),
    ),
    # A report's page, at each place on the ladder, for everyone who reads it there.
    *(
        Page(f"report {state}", report(state), can_open(REPORT_PAGE, state))
        for state in table.STATES
        if state not in ("raised as a safeguarding concern", "referred to safeguarding")
    ),
    Page("report received", report("at the class teacher", "submitted/"), ["parent"]),
    Page(
        "who opened a report",
        report("passed to the head", "access/"),
        can_open("who opened it /reports/<ref>/access/", "passed to the head"),
    ),
    # Staff's lists.
    Page("queue", "/queue/", can_open("my queue /queue/")),
    Page("queue, closed reports", "/queue/?show=closed", can_open("closed reports I can see /queue/?show=closed")),
    Page("notifications", "/notifications/", can_open("my notifications /notifications/")),
    Page("overview", "/overview/", can_open("the leadership overview /overview/")),
    Page("complaints at the governors", "/governors/", can_open("escalated complaints /governors/")),
    Page("complaints register", "/governors/register/", can_open("the complaints register /governors/register/")),
    # The safeguarding team.
    Page("safeguarding concerns", "/safeguarding/", can_open("the safeguarding team's list /safeguarding/")),
    *(
        Page(f"safeguarding: {state}", report(state), can_open(REPORT_PAGE, state))
        for state in ("raised as a safeguarding concern", "referred to safeguarding")
    ),
    # The admin pages staff use.
    Page("admin", "/admin/", can_open("the admin /admin/")),
    Page("admin: reports", "/admin/reports/report/", can_open("the admin's list of reports")),
    Page(
        "admin: a report",
        report_in_admin("escalated to the office"),
        can_open("the report in the admin", "escalated to the office"),
    ),
    Page("admin: notifications", "/admin/notifications/notification/", can_open("its emails in the admin's outbox")),
    Page("admin: people", "/admin/accounts/user/", can_open("a parent's account in the admin")),
    Page("admin: the policy", policy_in_admin, ["office", "leadership", "superuser"]),
    Page("admin: independent panel members", "/admin/governance/independentmember/", ["clerk", "superuser"]),
]
CASES = [(page, role) for page in PAGES for role in page.roles]


def case_id(page, role):
    words = re.sub(r"\W+", "_", page.name).strip("_")
    return f"{words}-{role}"


def as_migrated():
    """The database as the migrations left it (as a transactional test with serialized_rollback starts)."""
    contents = getattr(connections["default"], "_test_serialized_contents", None)
    call_command("flush", interactive=False, verbosity=0, reset_sequences=False, inhibit_post_migrate=bool(contents))
    if contents:
        connections["default"].creation.deserialize_db_from_string(contents)
    else:
        restore_migration_data()


@dataclass
class School:
    url: str
    evidence: Path
    paths: dict  # page name → path
    cookies: dict  # role → the session cookie of that person, signed in


@pytest.fixture(scope="module")
def school(django_db_setup, django_db_blocker, tmp_path_factory):
    """The access table's school, written once and committed, served by a live server of this module's own.

    Not pytest-django's ``live_server``: asking for it makes every test transactional. The settings are
    those tests/conftest.py's ``_isolated_environment`` gives each test, for the module.
    """
    evidence = tmp_path_factory.mktemp("evidence")
    isolated = override_settings(
        EVIDENCE_ROOT=evidence,
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "axe"}},
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": STATIC_FILES},
        },
    )
    always_eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    from pytest_django.live_server_helper import LiveServer

    with isolated, modify_settings(ALLOWED_HOSTS={"append": "localhost"}):
        with django_db_blocker.unblock():
            as_migrated()
            people, reports = world.build()
            cookies = {role: signed_in(people[label]) for role, label in ROLES.items() if label != "anonymous"}
            paths = {page.name: page.url if isinstance(page.url, str) else page.url(reports) for page in PAGES}
        server = LiveServer("localhost")
        try:
            yield School(server.url, evidence, paths, cookies)
        finally:
            server.stop()
            with django_db_blocker.unblock():  # left empty, as a transactional test leaves it
                call_command("flush", interactive=False, verbosity=0, reset_sequences=False, inhibit_post_migrate=True)
            celery_app.conf.task_always_eager = always_eager


@pytest.fixture(autouse=True)
def _school_evidence(school, settings):
    """The school's evidence files, where each test's own settings (tests/conftest.py) would not look."""
    settings.EVIDENCE_ROOT = school.evidence


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture(scope="module")
def browser(school):
    """Debian's Chromium for the module (after the school is written: see conftest.py's ``chromium``)."""
    require(Path(CHROMIUM).exists(), f"{CHROMIUM} is missing (apt-get install chromium)")
    require(AXE.exists(), f"{AXE} is missing (make static installs it from npm)")
    with launched_chromium() as chromium:
        yield chromium


class Person:
    """One role's browser context (signed in, with axe injected into every page) and its one tab."""

    def __init__(self, browser, school, role):
        self.context = browser.new_context(
            viewport=DESKTOP,
            locale="en-GB",
            timezone_id="Europe/London",
            bypass_csp=True,  # lets axe run; the portal's CSP (default-src 'self') is unchanged
            reduced_motion="reduce",  # the phone menu opens at once (reading.css)
        )
        self.context.set_default_timeout(15_000)
        self.context.add_init_script(path=str(AXE))
        if role in school.cookies:
            self.context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": school.cookies[role], "url": school.url}]
            )
        self.page = self.context.new_page()
        self.problems = []
        self.page.on("pageerror", self._script_error)
        self.page.on("response", self._response)

    def _script_error(self, error):
        self.problems.append(f"uncaught script error: {error}")

    def _response(self, response):
        if response.status >= 500:
            self.problems.append(f"HTTP {response.status} for {response.request.method} {response.url}")


@pytest.fixture(scope="module")
def people(browser, school):
    """role → Person, each made the first time a test asks for it."""
    made = {}

    def person(role):
        if role not in made:
            made[role] = Person(browser, school, role)
        return made[role]

    yield person
    for each in made.values():
        each.context.close()


def axe(page, where):
    return [(where, violation) for violation in page.evaluate(RUN_AXE, WCAG_22_AA)]


OPEN_PHONE_MENU = """() => {
  const toggler = document.querySelector('.navbar-toggler');
  if (!toggler || !toggler.checkVisibility()) return false;  // the admin has no phone menu
  toggler.click();
  return true;
}"""


def open_phone_menu(page):
    """Press the menu button, when there is one (in one call: Playwright's click checks cost ~0.1 s a page)."""
    if not page.evaluate(OPEN_PHONE_MENU):
        return False
    page.locator("#main-nav.show").wait_for()
    return True


def describe(page_name, role, problems, found):
    lines = [f"{page_name!r} as {role}:"]
    lines += [f"  - {problem}" for problem in problems]
    for where, violation in found:
        lines.append(f"  - [{where}] {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:10]:
            lines.append(f"      {' '.join(str(part) for part in node['target'])}")
            if node.get("summary"):
                lines.append(f"        {' '.join(node['summary'].split())[:300]}")
        if len(violation["nodes"]) > 10:
            lines.append(f"      ... and {len(violation['nodes']) - 10} more")
    return "\n".join(lines)


@pytest.mark.parametrize(("spec", "role"), CASES, ids=[case_id(page, role) for page, role in CASES])
def test_axe_finds_nothing(spec, role, school, people):
    person = people(role)
    page = person.page
    del person.problems[:]
    path = school.paths[spec.name]
    page.set_viewport_size(DESKTOP)
    response = page.goto(school.url + path)
    assert response.status == spec.status, f"{path} answered {response.status} for {role}, not {spec.status}"
    if spec.act:
        spec.act(page)
    found = axe(page, "1280 px")
    page.set_viewport_size(PHONE)
    found += axe(page, "390 px")
    if open_phone_menu(page):
        found += axe(page, "390 px, menu open")
    if found or person.problems:
        pytest.fail(describe(spec.name, role, person.problems, found), pytrace=False)
