"""No template or Python string a person reads goes unmarked for translation.

The first tests read the project; the others show, on small made-up sources,
what the scanner counts as a problem and what it lets through. What it checks
and how to mark a genuine exception: ``tests/i18n/scan.py``.
"""

import textwrap

import pytest

from tests.i18n import scan

HOW_TO_FIX = (
    "{count} string(s) a person reads are not marked for translation. Wrap each in {{% translate %}} / "
    "{{% blocktranslate %}} (templates) or _() / gettext_lazy() (Python). Text that is really never shown: "
    "'# i18n: not shown' on its line, or an entry in ALLOWED in tests/i18n/scan.py.\n{problems}"
)


def _fail_on(problems):
    if problems:
        pytest.fail(HOW_TO_FIX.format(count=len(problems), problems="\n".join(map(str, problems))), pytrace=False)


# ------------------------------------------------------------------------------------------------------- the project


def test_every_string_in_the_templates_is_marked():
    _fail_on(scan.template_problems())


def test_every_string_in_the_python_is_marked():
    _fail_on(scan.python_problems())


def test_every_allowed_exception_is_still_there():
    """An ALLOWED entry whose text has gone (or was marked) is taken out, so the list stays short."""
    found = {(problem.path, problem.text) for problem in scan.project_problems(allowed=frozenset())}
    assert sorted(scan.ALLOWED - found) == []


def test_every_exception_class_of_the_project_is_known_to_be_read_or_not():
    """A new ``…Error`` goes in PEOPLE_READ (its messages are checked) or in NOT_FOR_PEOPLE."""
    defined = set()
    for path in scan.python_files():
        defined |= scan.exception_classes(path.read_text(encoding="utf-8"))
    assert sorted(defined - scan.PEOPLE_READ - scan.NOT_FOR_PEOPLE) == []


def test_the_scanner_finds_the_templates_and_apps():
    templates = {path.relative_to(scan.ROOT).as_posix() for path in scan.template_files()}
    assert {"templates/base.html", "templates/emails/report-received-subject.txt"} <= templates
    assert any(path.startswith("templates/admin/") for path in templates)
    modules = {path.relative_to(scan.ROOT).as_posix() for path in scan.python_files()}
    assert {"reports/models.py", "accounts/forms.py", "school/apps.py"} <= modules
    assert not [path for path in modules if "/migrations/" in path or path.startswith(("tests/", "bench/"))]


# ------------------------------------------------------------------------------------------------------ templates


def _template(source, path="t.html"):
    return [(problem.line, problem.text) for problem in scan.scan_template(textwrap.dedent(source), path)]


def test_an_unmarked_template_text_is_a_problem_on_its_line():
    source = """\
        {% load i18n %}
        <h1>{% translate "Make a report" %}</h1>
        <p>
          Tell the school.
        </p>
    """
    assert _template(source) == [(4, "Tell the school.")]


def test_a_sentence_with_a_link_in_it_is_one_problem_and_two_links_are_two():
    source = '<p>Read <a href="/p">the policy</a> first.</p>\n<a href="/a">Log in</a> · <a href="/b">Sign up</a>'
    assert _template(source) == [(1, "Read the policy first."), (2, "Log in"), (2, "Sign up")]


def test_a_variable_inside_a_text_is_shown_in_the_problem():
    assert _template("<p>Hello {{ user.name }},</p>") == [(1, "Hello {{ user.name }},")]


def test_marked_template_text_passes():
    source = """\
        {% load i18n %}
        <title>{% block title %}{% translate "Log in" %}{% endblock %}</title>
        <p>{% blocktranslate with name=user.name %}Hello {{ name }},{% endblocktranslate %}</p>
        <p>{% blocktranslate count months=n trimmed %}
          More than {{ months }} month ago.
        {% plural %}
          More than {{ months }} months ago.
        {% endblocktranslate %}</p>
        <p>{% blocktrans %}Old {{ style }}{% endblocktrans %} &nbsp;&middot; 12:30 – {{ when }} (3)</p>
        <button type="submit">{% translate "Send" %}</button>
    """
    assert _template(source) == []


def test_what_nobody_reads_in_a_template_passes():
    source = """\
        {# A note for developers #}
        {% comment %}Also for developers: <p>an old paragraph</p>{% endcomment %}
        <!-- an HTML comment -->
        <script>const label = "Not read";</script>
        <style>.x::after { content: "Not read"; }</style>
        <div class="alert alert-info" id="standing" data-bs-toggle="collapse">{{ message }}</div>
        <meta name="description" content="Not checked: content is not shown">
        <p><a href="https://example.org/policy">https://example.org/policy</a> · office@example.org</p>
        <p>K7QM-4XPD</p>
        <li>WhatsApp</li>
        <input type="hidden" name="post" value="yes">
    """
    assert _template(source) == []


def test_a_name_with_words_around_it_is_a_problem():
    assert _template("<li>WhatsApp group</li>") == [(1, "WhatsApp group")]


def test_an_unmarked_attribute_is_a_problem_on_its_line():
    source = """\
        <img src="x.png"
             alt="A screenshot">
        <nav aria-label="Main">
        <input type="search" placeholder="Search reports">
        <input type="submit" value="Send">
        <button title="Logged in as {{ user.email }}" aria-description="{% translate 'Marked' %}">&times;</button>
    """
    assert _template(source) == [
        (2, "A screenshot"),
        (3, "Main"),
        (4, "Search reports"),
        (5, "Send"),
        (6, "Logged in as {{ user.email }}"),
    ]


def test_a_marked_attribute_passes():
    source = """\
        {% load i18n %}
        <img alt="{% translate 'A screenshot' %}" title="{{ title }}">
        <input type="submit" value="{% translate 'Send' %}">
        {% translate "Main" as main %}<nav aria-label="{{ main }}">
    """
    assert _template(source) == []


def test_a_quoted_fallback_in_a_variable_is_a_problem_where_it_is_shown():
    source = """\
        <p>{{ exception|default:"You do not have access to it." }}</p>
        <td>{{ row.assignee|default:_("Everyone") }} {{ row.held|default:"—" }}</td>
        <div class="alert-{{ message.tags|default:'info' }}"></div>
    """
    assert _template(source) == [(1, "You do not have access to it.")]


def test_an_email_subject_and_text_body_are_checked_line_by_line():
    assert _template("Overdue: report {{ report.reference }}\n", "emails/x-subject.txt") == [
        (1, "Overdue: report {{ report.reference }}")
    ]
    body = "{% load i18n %}{% translate 'Hello,' %}\n\n{{ SITE_URL }}{{ url }}\n--\nOpen it:\n"
    assert _template(body, "emails/x-body-text.txt") == [(5, "Open it:")]


def test_an_admin_body_class_block_is_not_text():
    source = (
        '{% extends "admin/base_site.html" %}{% block bodyclass %}{{ block.super }} move-confirmation{% endblock %}'
    )
    assert _template(source) == []


def test_the_not_shown_comment_quietens_a_template_line():
    assert _template("<p>Lorem ipsum</p>{# i18n: not shown #}\n<p>Shown</p>") == [(2, "Shown")]


# --------------------------------------------------------------------------------------------------------- Python


def _python(source):
    return [(problem.line, problem.text) for problem in scan.scan_python(textwrap.dedent(source), "m.py")]


def test_an_unmarked_python_label_is_a_problem():
    source = """\
        from django import forms
        from django.utils.translation import gettext_lazy as _

        class F(forms.Form):
            name = forms.CharField(label="Your name", help_text=_("As the school knows it."))
            when = forms.DateField(label=_("When"), help_text=f"Before {limit}.")
    """
    assert _python(source) == [(5, "Your name"), (6, "Before {limit}.")]


def test_an_unmarked_textchoices_label_is_a_problem_and_a_marked_one_passes():
    source = """\
        from django.db import models
        from django.utils.translation import gettext_lazy as _

        class Status(models.TextChoices):
            NEW = "new", "New"
            SENT = "sent", _("Sent")

        class Size(models.IntegerChoices):
            SMALL = 1, "Small"
    """
    assert _python(source) == [(5, "New"), (9, "Small")]


def test_every_kind_of_unmarked_python_string_is_found():
    source = """\
        from django.contrib import admin, messages
        from django.core.exceptions import ValidationError
        from django.db import models

        STAFF_TEXT = {"acknowledge": ("Acknowledge", "Record that you have it.")}
        REFUSALS = {"late": "Too late."}
        SOMETHING_ELSE = {"key": "Not checked"}

        class Report(models.Model):
            description = models.TextField("what happened")
            owner = models.ForeignKey("accounts.User", on_delete=models.CASCADE)
            kind = models.CharField(max_length=9, choices=[("a", "Online conduct"), ("b", _("Marked"))])

            class Meta:
                verbose_name = "report"

        class ReportAdmin(admin.ModelAdmin):
            search_help_text = "A reference."
            fieldsets = ((None, {"fields": ["a"]}), ("Where and when", {"fields": ["b"]}))

            @admin.display(description="Created")
            def created(self, obj):
                return "Not checked: a return value"

        def view(request, form):
            messages.success(request, "Saved.")
            form.add_error("note", "Please write a note.")
            field.label = "Note" if required else _("Note (optional)")
            raise ValidationError("That date is past.")

        def make_action(move, description):
            return move

        ACTIONS = [make_action("x", "Resolve selected reports")]
    """
    assert _python(source) == [
        (5, "Acknowledge"),
        (5, "Record that you have it."),
        (6, "Too late."),
        (10, "what happened"),
        (12, "Online conduct"),
        (15, "report"),
        (18, "A reference."),
        (19, "Where and when"),
        (21, "Created"),
        (26, "Saved."),
        (27, "Please write a note."),
        (28, "Note"),
        (29, "That date is past."),
        (34, "Resolve selected reports"),
    ]


def test_marked_and_unshown_python_strings_pass():
    source = """\
        from django.contrib import messages
        from django.utils.html import format_html
        from django.utils.translation import gettext_lazy as _, ngettext, pgettext_lazy

        class F(forms.Form):
            name = forms.CharField(label=_("Your name"), error_messages={"required": _("Say your name.")})
            kind = forms.ChoiceField(choices=[("a", pgettext_lazy("kind", "Online"))])
            url = forms.URLField(help_text="https://example.org")
            code = forms.CharField(label="K7QM-4XPD", widget=forms.TextInput(attrs={"class": "form-control"}))
            platform = forms.CharField(label="WhatsApp")

        def view(request, count, url):
            messages.warning(request, format_html('{} <a href="{}">{}</a>', _("Failed."), url, _("See why")))
            messages.info(request, ngettext("%(n)d email.", "%(n)d emails.", count) % {"n": count})
            logger.info("Sent notification %s", count)
            raise ValueError("For the log, not for people")
            field.help_text = "Lorem ipsum"  # i18n: not shown

        class ReportsConfig(AppConfig):
            label = "reports"
            verbose_name = _("Reports")
    """
    assert _python(source) == []


def test_allowed_pairs_are_left_out(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text("<p>Lorem ipsum</p>\n<p>Shown</p>\n")
    app = tmp_path / "newapp"
    (app / "migrations").mkdir(parents=True)
    (app / "apps.py").write_text('from django.apps import AppConfig\n\nclass C(AppConfig):\n    verbose_name = "New"\n')
    (app / "migrations" / "0001_initial.py").write_text('choices = [("a", "Not read")]\n')
    assert [str(p) for p in scan.project_problems(tmp_path, allowed=frozenset())] == [
        'newapp/apps.py:4: "New"',
        'templates/page.html:1: "Lorem ipsum"',
        'templates/page.html:2: "Shown"',
    ]
    allowed = frozenset({("templates/page.html", "Lorem ipsum")})
    assert [str(p) for p in scan.project_problems(tmp_path, allowed=allowed)] == [
        'newapp/apps.py:4: "New"',
        'templates/page.html:2: "Shown"',
    ]
