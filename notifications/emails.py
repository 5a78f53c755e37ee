"""Building emails from templates: each email is three templates.

``emails/<name>-subject.txt``, ``emails/<name>-body-text.txt`` and
``emails/<name>-body-html.html``. Subjects never carry a child's name or the
text of a report: only the reference and what happened. Every email ends with
a link to the privacy notice (``emails/_footer.txt``, and the HTML base).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def absolute_url(path):
    return f"{settings.SITE_URL}{path}"


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def render(name, context, language=None):
    """The email ``name`` written in ``language`` (by default the one active now)."""
    with translation.override(language or translation.get_language()):
        return _render(name, context)


def _render(name, context):
    context = {
        "SCHOOL_NAME": settings.SCHOOL_NAME,
        "SITE_URL": settings.SITE_URL,
        "PRIVACY_URL": absolute_url(reverse("privacy")),
        **context,
    }
    subject = " ".join(render_to_string(f"emails/{name}-subject.txt", context).split())
    text = render_to_string(f"emails/{name}-body-text.txt", context).rstrip()
    text = f"{text}\n\n{render_to_string('emails/_footer.txt', context).strip()}\n"
    html = render_to_string(f"emails/{name}-body-html.html", context)
    return Rendered(subject[:300], text, html)


def message_from(rendered, to, headers=None):
    message = EmailMultiAlternatives(subject=rendered.subject, body=rendered.text, to=[to], headers=headers or {})
    message.attach_alternative(rendered.html, "text/html")
    return message


def make_message(name, to, context, headers=None):
    """An email about an account, in the language that account reads (``context["user"]``), or the page's."""
    user = context.get("user")
    return message_from(render(name, context, getattr(user, "language", "") or None), to, headers)
