from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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


class CategoryChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.wording

    def _check_values(self, value):
        """Only row numbers reach the database (SQLite cannot even compare a number past 64 bits)."""
        for item in value:
            if not str(item).isdigit() or len(str(item)) > 18:
                raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                      params={"pk": item})  # fmt: skip
        return super()._check_values(value)


class ReportForm(forms.Form):
    kind = forms.ChoiceField(
        label="What are you reporting?",
        choices=Report.Kind.choices,
        widget=forms.RadioSelect,
        help_text="The policy asks parents to bring concerns about their child to the school, not to social media.",
    )
    categories = CategoryChoiceField(
        label="Which of the policy’s kinds of inappropriate online activity?",
        queryset=Category.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Tick every one that applies. Required for online conduct; optional for a concern.",
    )
    description = forms.CharField(
        label="What happened?",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10_000,
        help_text="Describe what was said or done. You do not need to name anyone.",
    )
    platform = forms.ChoiceField(
        label="Where did it happen?", choices=Report.Platform.choices, widget=forms.RadioSelect
    )
    platform_name = forms.CharField(
        label="Name of the group, page or email thread",
        max_length=200,
        required=False,
        help_text="For example: “Year 3 parents” WhatsApp group.",
    )
    occurred_on = forms.DateField(
        label="When did it happen?",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="The date, or your best guess.",
    )
    links = forms.CharField(
        label="Links (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "https://…"}),
        help_text="Web addresses of posts or pages, one a line.",
    )
    concerns = forms.ChoiceField(
        label="Who does it concern?",
        choices=Report.Concerns.choices,
        widget=forms.RadioSelect,
        help_text="No names are needed.",
    )
    school_class = forms.ModelChoiceField(
        label="Which class does it relate to? (optional)",
        queryset=SchoolClass.objects.all(),
        required=False,
        empty_label="No particular class",
    )
    concerns_staff = forms.ModelChoiceField(
        label="Is it about a particular member of staff? (optional)",
        queryset=None,
        required=False,
        empty_label="No, or I would rather not say",
        help_text="So that someone else handles it: a report is never handled by the person it is about.",
    )
    evidence = MultipleFileField(label="Files (optional)", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["concerns_staff"].queryset = staff_a_report_may_be_about()
        self.fields["evidence"].help_text = evidence_help_text()

    def clean_occurred_on(self):
        occurred_on = self.cleaned_data["occurred_on"]
        if occurred_on > timezone.localdate():
            raise ValidationError("The date cannot be in the future.")
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
                "These are not web addresses starting with http:// or https://: %(bad)s", params={"bad": ", ".join(bad)}
            )
        return "\n".join(links)

    def clean_evidence(self):
        uploads = self.cleaned_data["evidence"]
        if len(uploads) > settings.EVIDENCE_MAX_FILES:
            raise ValidationError(
                f"You attached {len(uploads)} files; a report can have at most {settings.EVIDENCE_MAX_FILES}."
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
            self.add_error("categories", "Tick at least one kind of inappropriate online activity.")
        return cleaned
