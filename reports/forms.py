from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from conduct_portal.dates import DatePartsField
from conduct_portal.small_tables import SmallTableChoiceField, SmallTableMultipleChoiceField
from policy.models import Category
from school.models import SchoolClass

from .evidence import ACCEPTED, clean_upload
from .models import Report


def staff_a_report_may_be_about():
    """Only the people who could handle a report, by name: never a bare email address."""
    from accounts.models import StaffGroup, User

    groups = [StaffGroup.TEACHERS, StaffGroup.OFFICE, StaffGroup.LEADERSHIP, StaffGroup.SAFEGUARDING]
    return (
        User.objects.filter(groups__name__in=groups, is_active=True)
        .exclude(full_name="")
        .distinct()
        .order_by("full_name")
    )


def evidence_help_text():
    return _(
        "Screenshots or documents: %(accepted)s. Up to %(files)s files, %(megabytes)s MB each. Location and camera "
        "details are removed from photos."
    ) % {"accepted": ACCEPTED, "files": settings.EVIDENCE_MAX_FILES, "megabytes": settings.EVIDENCE_MAX_BYTES // 2**20}


def time_limit_starts(today=None):
    """The earliest day a complaint may be about without being made late (COMPLAINT_TIME_LIMIT_MONTHS)."""
    from .services import months_before

    return months_before(today or timezone.localdate(), settings.COMPLAINT_TIME_LIMIT_MONTHS)


def time_limit_help_text():
    return ngettext(
        "The date, or your best guess. The school looks at complaints made within %(months)s month of what "
        "happened; if it was longer ago, say why under “What happened?”: the school may still look at it.",
        "The date, or your best guess. The school looks at complaints made within %(months)s months of what "
        "happened; if it was longer ago, say why under “What happened?”: the school may still look at it.",
        settings.COMPLAINT_TIME_LIMIT_MONTHS,
    ) % {"months": settings.COMPLAINT_TIME_LIMIT_MONTHS}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class RiskQuestionForm(forms.Form):
    """The first question of the report form, asked of everyone."""

    child_at_risk = forms.ChoiceField(
        label=_("Do you think a child is at risk of harm?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        widget=forms.RadioSelect,
        help_text=_(
            "For example: you think a child is being hurt, neglected or exploited, or a child has told you something "
            "that worries you. If you are not sure, answer yes: the school's safeguarding lead will look at it."
        ),
        error_messages={"required": _("Choose yes or no.")},
    )


class CategoryChoiceField(SmallTableMultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__("categories", **kwargs)

    def label_from_instance(self, obj):
        return obj.reader_wording

    def _check_values(self, value):
        """Only row numbers reach the database (SQLite cannot even compare a number past 64 bits)."""
        for item in value:
            if not str(item).isdigit() or len(str(item)) > 18:
                raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                      params={"pk": item})  # fmt: skip
        return super()._check_values(value)


class ReportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What are you reporting?"),
        choices=Report.Kind.choices,
        widget=forms.RadioSelect,
        help_text=_("The policy asks parents to bring concerns about their child to the school, not to social media."),
        error_messages={"required": _("Choose what you are reporting.")},
    )
    categories = CategoryChoiceField(
        label=_("Which of the policy’s kinds of inappropriate online activity?"),
        queryset=Category.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tick every one that applies. Required for online conduct; optional for a concern."),
    )
    description = forms.CharField(
        label=_("What happened?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10_000,
        help_text=_("Describe what was said or done. You do not need to name anyone."),
        error_messages={"required": _("Describe what happened.")},
    )
    platform = forms.ChoiceField(
        label=_("Where did it happen?"),
        choices=Report.Platform.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose where it happened.")},
    )
    platform_name = forms.CharField(
        label=_("Name of the group, page or email thread"),
        max_length=200,
        required=False,
        help_text=_("For example: “Year 3 parents” WhatsApp group."),
    )
    occurred_on = DatePartsField(
        label=_("When did it happen?"),
        error_messages={
            "required": _("Enter the date it happened, or your best guess."),
            "incomplete": _("Enter the day, the month and the year it happened."),
        },
    )
    links = forms.CharField(
        label=_("Links (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "https://…"}),
        help_text=_("Web addresses of posts or pages, one a line."),
    )
    concerns = forms.ChoiceField(
        label=_("Who does it concern?"),
        choices=Report.Concerns.choices,
        widget=forms.RadioSelect,
        help_text=_("No names are needed."),
        error_messages={"required": _("Choose who it concerns.")},
    )
    school_class = SmallTableChoiceField(
        "classes",
        label=_("Which class does it relate to? (optional)"),
        queryset=SchoolClass.objects.all(),
        required=False,
        empty_label=_("No particular class"),
    )
    concerns_staff = forms.ModelChoiceField(
        label=_("Is it about a particular member of staff? (optional)"),
        queryset=None,
        required=False,
        empty_label=_("No, or I would rather not say"),
        help_text=_("So that someone else handles it: a report is never handled by the person it is about."),
    )
    evidence = MultipleFileField(label=_("Files (optional)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["concerns_staff"].queryset = staff_a_report_may_be_about()
        self.fields["evidence"].help_text = evidence_help_text()
        occurred_on = self.fields["occurred_on"]
        occurred_on.help_text = time_limit_help_text()
        occurred_on.widget.attrs["data-time-limit"] = time_limit_starts().isoformat()

    def clean_occurred_on(self):
        occurred_on = self.cleaned_data["occurred_on"]
        if occurred_on > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        return occurred_on

    def clean_links(self):
        validate = URLValidator(schemes=["http", "https"])
        links, bad = [], []
        for line in self.cleaned_data["links"].splitlines():
            line = line.strip()
            if not line:
                continue
            try:
                validate(line)
            except ValidationError:
                bad.append(line)
            else:
                links.append(line)
        if bad:
            raise ValidationError(
                _("These are not web addresses starting with http:// or https://: %(bad)s"),
                params={"bad": ", ".join(bad)},
            )
        return "\n".join(links)

    def clean_evidence(self):
        uploads = self.cleaned_data["evidence"]
        if len(uploads) > settings.EVIDENCE_MAX_FILES:
            raise ValidationError(
                _("You attached %(attached)s files; a report can have at most %(most)s."),
                params={"attached": len(uploads), "most": settings.EVIDENCE_MAX_FILES},
            )
        cleaned, errors = [], []
        for upload in uploads:
            try:
                cleaned.append(clean_upload(upload, settings.EVIDENCE_MAX_BYTES))
            except ValidationError as error:
                errors.append(error)
        if errors:
            raise ValidationError(errors)
        return cleaned

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Report.Kind.CONDUCT and not cleaned.get("categories"):
            self.add_error("categories", _("Tick at least one kind of inappropriate online activity."))
        return cleaned
