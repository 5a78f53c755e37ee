"""The policy's eight categories, as the school wrote them, for the translators.

``Category.wording`` is the school's data (editable in the admin); these are the
words the first version was published with, so that makemessages puts them in
every catalogue and ``Category.reader_wording`` can show them in the reader's
language. A wording the school changes is shown as the school wrote it.
"""

from django.utils.translation import gettext_noop

SEEDED_WORDINGS = [
    gettext_noop("Identifying or posting images/videos of pupils"),
    gettext_noop("Abusive or personal comments about staff, pupils or other parents"),
    gettext_noop("Bringing the school into disrepute"),
    gettext_noop("Posting defamatory or libelous comments"),
    gettext_noop("Emails circulated or sent directly with abusive or personal comments about staff or pupils"),
    gettext_noop(
        "Using social media to publicly challenge school policies or discuss issues about individual children"
    ),
    gettext_noop("Threatening behaviour, such as verbally intimidating staff, or using bad language"),
    gettext_noop("Breaching school security procedures"),
]
