from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from policy.models import Category
from school.models import SchoolClass

from .evidence import ACCEPTED, clean_upload
from .ladder import OPEN
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


class MoveForm(forms.Form):
    """A step on the ladder: a note, and the position the person saw (so a stale page is caught)."""

    note_label = "Note"
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=10_000)
    seen_stage = forms.CharField(widget=forms.HiddenInput)
    seen_status = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, report, note_required=False, **kwargs):
        kwargs.setdefault("initial", {"seen_stage": report.stage, "seen_status": report.status})
        super().__init__(*args, **kwargs)
        self.report = report
        self.fields["note"].required = note_required
        self.fields["note"].label = self.note_label

    def move_arguments(self):
        return {
            "note": self.cleaned_data["note"],
            "seen": (self.cleaned_data["seen_stage"], self.cleaned_data["seen_status"]),
        }


class ReassignForm(MoveForm):
    assignee = forms.ModelChoiceField(label="Pass it to", queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .routing import eligible_assignees

        self.fields["assignee"].queryset = eligible_assignees(self.report)
        self.fields["assignee"].label_from_instance = lambda user: f"{user} ({', '.join(user.staff_groups())})"
        self.order_fields(["assignee", "note"])

    def move_arguments(self):
        return {**super().move_arguments(), "assignee": self.cleaned_data["assignee"]}


class PanelForm(MoveForm):
    note_label = "Note to the reporter (optional)"
    panel_on = forms.DateField(label="Date of the panel", widget=forms.DateInput(attrs={"type": "date"}))
    panel_members = forms.CharField(
        label="Members of the panel", widget=forms.Textarea(attrs={"rows": 2}), help_text="One a line."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.report.panel_on:  # recording again changes the date or the members
            self.initial.update(panel_on=self.report.panel_on, panel_members=self.report.panel_members)
        self.order_fields(["panel_on", "panel_members", "note"])

    def move_arguments(self):
        return {
            **super().move_arguments(),
            "panel_on": self.cleaned_data["panel_on"],
            "panel_members": self.cleaned_data["panel_members"],
        }


class OutcomeForm(MoveForm):
    note_label = "The letter to the reporter"
    outcome = forms.ChoiceField(label="Outcome", choices=Report.Outcome.choices, widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].widget.attrs["rows"] = 8
        self.order_fields(["outcome", "note"])

    def move_arguments(self):
        return {**super().move_arguments(), "outcome": self.cleaned_data["outcome"]}


class CorrectionForm(MoveForm):
    """Staff correct what a report is filed under; the reporter's own words are never changed."""

    note_label = _("Why (only staff see this)")
    categories = CategoryChoiceField(
        label=_("Policy categories"),
        queryset=Category.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    school_class = forms.ModelChoiceField(
        label=_("Class"), queryset=SchoolClass.objects.all(), required=False, empty_label=_("No particular class")
    )
    concerns_staff = forms.ModelChoiceField(
        label=_("Member of staff it concerns"), queryset=None, required=False, empty_label=_("Nobody in particular")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from accounts.models import StaffGroup, User

        self.fields["concerns_staff"].queryset = (
            User.objects.filter(groups__name__in=StaffGroup.values, is_active=True).distinct().order_by("full_name")
        )
        if not self.is_bound:
            self.initial.update(
                categories=list(self.report.categories.all()),
                school_class=self.report.school_class_id,
                concerns_staff=self.report.concerns_staff_id,
            )
        self.order_fields(["categories", "school_class", "concerns_staff", "note"])

    def clean(self):
        cleaned = super().clean()
        if self.report.kind == Report.Kind.CONDUCT and "categories" in cleaned and not cleaned["categories"]:
            self.add_error("categories", _("Tick at least one kind of inappropriate online activity."))
        return cleaned

    def move_arguments(self):
        names = ("categories", "school_class", "concerns_staff")
        return {**super().move_arguments(), "corrections": {name: self.cleaned_data[name] for name in names}}


class QueueFilterForm(forms.Form):
    stage = forms.ChoiceField(choices=[("", "Any stage"), *Report.Stage.choices], required=False)
    status = forms.ChoiceField(
        choices=[("", "Any status"), *[(s, label) for s, label in Report.Status.choices if s in OPEN]],
        required=False,
    )
    category = forms.ModelChoiceField(queryset=Category.objects.all(), required=False, empty_label="Any category")
    school_class = forms.ModelChoiceField(
        label="Class", queryset=SchoolClass.objects.all(), required=False, empty_label="Any class"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"

    def filter(self, reports):
        if not self.is_bound or not self.is_valid():
            return reports
        data = self.cleaned_data
        if data["stage"]:
            reports = reports.filter(stage=data["stage"])
        if data["status"]:
            reports = reports.filter(status=data["status"])
        if data["category"]:
            reports = reports.filter(categories=data["category"])
        if data["school_class"]:
            reports = reports.filter(school_class=data["school_class"])
        return reports
