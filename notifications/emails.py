"""Building emails from templates: each email is three templates.

``emails/<name>-subject.txt``, ``emails/<name>-body-text.txt`` and
``emails/<name>-body-html.html``. Subjects never carry a child's name or the
text of a report: only the reference and what happened.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def absolute_url(path):
    return f"{settings.SITE_URL}{path}"


def make_message(name, to, context, headers=None):
    context = {"SCHOOL_NAME": settings.SCHOOL_NAME, "SITE_URL": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"emails/{name}-subject.txt", context).split())
    text = render_to_string(f"emails/{name}-body-text.txt", context)
    html = render_to_string(f"emails/{name}-body-html.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to], headers=headers or {})
    message.attach_alternative(html, "text/html")
    return message
