from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import StaffGroup, User
from conduct_portal.dates import DatePartsField
from conduct_portal.small_tables import SmallTableChoiceField
from reports.forms import MultipleFileField, ReportForm, evidence_help_text, staff_a_report_may_be_about
from school.models import SchoolClass

from .rules import ActionKind


class ConcernForm(forms.Form):
    """A concern that a child is at risk: it goes to the safeguarding team alone."""

    description = forms.CharField(
        label=_("What has happened, or what worries you?"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10_000,
        help_text=_("Write what you saw or were told, in your own words. Names help the safeguarding lead act."),
    )
    occurred_on = DatePartsField(
        label=_("When did it happen, or when did you notice?"),
        help_text=_("The date, or your best guess. For example 27 11 2026."),
        error_messages={"required": _("Enter the date, or your best guess.")},
    )
    school_class = SmallTableChoiceField(
        "classes",
        label=_("Which class is the child in? (optional)"),
        queryset=SchoolClass.objects.all(),
        required=False,
        empty_label=_("I do not know, or it is not about one class"),
    )
    concerns_staff = forms.ModelChoiceField(
        label=_("Is it about a member of staff? (optional)"),
        queryset=None,
        required=False,
        empty_label=_("No, or I would rather not say"),
        help_text=_("If it is, the headteacher (or the chair of governors) handles it with the safeguarding lead."),
    )
    evidence = MultipleFileField(label=_("Files (optional)"), required=False)

    clean_occurred_on = ReportForm.clean_occurred_on
    clean_evidence = ReportForm.clean_evidence

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["concerns_staff"].queryset = staff_a_report_may_be_about()
        self.fields["evidence"].help_text = evidence_help_text()


class ReferForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you think a child may be at risk (only the safeguarding team will read this)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10_000,
    )
    tell_reporter = forms.BooleanField(
        label=_("Tell the person who made the report that it went to the safeguarding lead"),
        required=False,
        initial=True,
        help_text=_("Untick this if telling them could put a child at more risk."),
    )


class ConcernMoveForm(forms.Form):
    note_label = _("Note (only the safeguarding team and those they add will read it)")
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=10_000)

    def __init__(self, *args, note_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].required = note_required
        self.fields["note"].label = self.note_label

    def move_arguments(self):
        return {"note": self.cleaned_data["note"]}


class AcknowledgeForm(ConcernMoveForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["note"]

    def move_arguments(self):
        return {}


class RecordActionForm(ConcernMoveForm):
    action_kind = forms.ChoiceField(label=_("What was done"), choices=ActionKind.choices, widget=forms.RadioSelect)
    action_on = forms.DateField(
        label=_("On what date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        initial=timezone.localdate,
    )
    action_reference = forms.CharField(
        label=_("Their reference (optional)"), required=False, max_length=100,
        help_text=_("For example the referral number children's social care gave you."),
    )  # fmt: skip

    def move_arguments(self):
        return {name: self.cleaned_data[name] for name in ("note", "action_kind", "action_on", "action_reference")}


class AddColleagueForm(ConcernMoveForm):
    note_label = _("Why they need to read it")
    colleague = forms.ModelChoiceField(label=_("Who"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        staff = User.objects.filter(groups__name__in=StaffGroup.values, is_active=True).exclude(
            groups__name=StaffGroup.SAFEGUARDING
        )
        self.fields["colleague"].queryset = staff.distinct().order_by("full_name", "email")
        self.order_fields(["colleague", "note"])

    def move_arguments(self):
        return {"note": self.cleaned_data["note"], "colleague": self.cleaned_data["colleague"]}


class CloseForm(ConcernMoveForm):
    note_label = _("The outcome")
