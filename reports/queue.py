"""A member of staff's working queue: which reports, found and sorted how, and the same as a CSV file.

Which reports a person may list comes from the access policy alone
(``Report.objects.held_by`` and ``readable_by``): this module only narrows
and orders them.
"""

from django import forms
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from conduct_portal.small_tables import SmallTableChoiceField
from policy.models import Category
from school.models import SchoolClass

from .ladder import FINAL, Stage, Status
from .models import Report
from .references import PATTERN, normalise

SHOW_CHOICES = [
    ("held", _("Held by me now")),
    ("open", _("Every open report I can see")),
    ("closed", _("Closed")),
]
SORT_CHOICES = [
    ("deadline", _("Urgent, overdue, then next deadline")),
    ("received", _("Newest first")),
    ("oldest", _("Oldest first")),
    ("stage", _("Stage")),
    ("ended", _("Most recently ended")),
]
STAGE_ORDER = Case(*(When(stage=stage, then=Value(index)) for index, stage in enumerate(Stage)),
                   output_field=IntegerField())  # fmt: skip
ORDERINGS = {
    "deadline": ("-is_urgent", "-overdue", "due_on", "created_at"),
    "received": ("-created_at",),
    "oldest": ("created_at",),
    "stage": (STAGE_ORDER.desc(), "-is_urgent", "-overdue", "due_on"),
    "ended": ("-ended_on", "-created_at"),
}
MAX_SEARCH_WORDS = 8


class QueueForm(forms.Form):
    show = forms.ChoiceField(label=_("Show"), choices=SHOW_CHOICES, required=False)
    q = forms.CharField(
        label=_("Search"), required=False, max_length=200,
        help_text=_("A reference, words from the report, a class or a category."),
    )  # fmt: skip
    stage = forms.ChoiceField(label=_("Stage"), choices=[("", _("Any stage")), *Stage.choices], required=False)
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("Any status")), *Status.choices], required=False)
    category = SmallTableChoiceField(
        "categories", label=_("Category"), queryset=Category.objects.all(), required=False,
        empty_label=_("Any category"),
    )  # fmt: skip
    school_class = SmallTableChoiceField(
        "classes", label=_("Class"), queryset=SchoolClass.objects.all(), required=False, empty_label=_("Any class")
    )
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].label_from_instance = lambda category: f"{category.number}. {category.reader_wording}"
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"
        self.fields["q"].widget.attrs["class"] = "form-control form-control-sm"

    @property
    def choices(self):
        """What was asked for; nothing (the defaults) when the form is empty or wrong."""
        return self.cleaned_data if self.is_bound and self.is_valid() else {}

    @property
    def showing(self):
        return self.choices.get("show") or "held"

    def reports(self, user, today=None):
        """The reports this person asked for, with what the list shows fetched, in the order they chose."""
        today = today or timezone.localdate()
        data, show = self.choices, self.showing
        if show == "held":
            reports = Report.objects.held_by(user)
        else:
            reports = Report.objects.readable_by(user).filter(track=Report.Track.COMPLAINT)
            reports = reports.filter(status__in=FINAL) if show == "closed" else reports.open()
        for name in ("stage", "status", "school_class"):
            if data.get(name):
                reports = reports.filter(**{name: data[name]})
        if data.get("category"):
            reports = reports.filter(Exists(Report.categories.through.objects.filter(
                report=OuterRef("pk"), category=data["category"])))  # fmt: skip
        reports = search(reports, data.get("q", ""))
        sort = data.get("sort") or ("ended" if show == "closed" else "deadline")
        return reports.for_listing(today).order_by(*ORDERINGS[sort], "pk")


def search(reports, text):
    """Reports matching every word of ``text``: in the reference, what was written, the class or a category."""
    for word in text.split()[:MAX_SEARCH_WORDS]:
        category = Q(category__wording__icontains=word)
        if word.isdigit() and len(word) < 4:
            category |= Q(category__number=int(word))
        matches = (
            Q(reference__icontains=word)
            | Q(description__icontains=word)
            | Q(platform_name__icontains=word)
            | Q(school_class__name__icontains=word)
            | Exists(Report.categories.through.objects.filter(category, report=OuterRef("pk")))
        )
        if PATTERN.match(normalise(word)):  # "k7qm4xpd" finds K7QM-4XPD
            matches |= Q(reference=normalise(word))
        reports = reports.filter(matches)
    return reports


CSV_HEADER = [_("Reference"), _("Received"), _("Stage"), _("Status"), _("With"), _("Categories"), _("Class"),
              _("Urgent"), _("Made late"), _("Next step"), _("Due by"), _("Overdue"), _("Ended on"),
              _("How it ended")]  # fmt: skip


def csv_rows(reports, today):
    """One row a report, as the queue shows it: where it is and what it is about, never what it says or who made it."""

    def yes_no(value):
        return gettext("yes") if value else gettext("no")

    for report in reports.iterator(chunk_size=500):
        deadline = report.deadline() if report.is_still_open else None
        yield [
            report.reference,
            timezone.localdate(report.created_at).isoformat(),
            report.get_stage_display(),
            report.get_status_display(),
            report.assignee.get_full_name() if report.assignee else report.get_held_by_display(),
            "; ".join(f"{category.number}. {category.reader_wording}" for category in report.categories.all()),
            report.school_class.name if report.school_class else "",
            yes_no(report.is_urgent),
            yes_no(report.is_late),
            deadline.label if deadline else "",
            deadline.due_on.isoformat() if deadline else "",
            yes_no(report.is_overdue(today)),
            report.ended_on.isoformat() if report.ended_on else "",
            report.get_closed_as_display() or report.get_outcome_display(),
        ]
