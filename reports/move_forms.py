"""The forms of the moves on a report's page. Each says who will read its note.

A move whose note the reporter reads ("The parent will see this note") may
carry a reason for staff as well, in a field of its own ("Only staff see
this"): ``MoveForm(with_staff_note=True)``.

Each class says, in ``shows(report)``, everything its empty form reads of the report and of the school beyond
its constructor's options and the language: the page keeps each empty form's HTML under that, and builds a form
only when it is not kept (``reports.moves.form_shows``). None: it is built and rendered each time.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conduct_portal.small_tables import SmallTableChoiceField, fingerprint
from policy.models import Category
from school.models import SchoolClass

from .forms import CategoryChoiceField
from .models import Report
from .procedures import other_procedures

FOR_THE_REPORTER = _("The parent will read this note, and it is emailed to them.")
FOR_STAFF = _("Only staff see this note.")


class MoveForm(forms.Form):
    """A step on the ladder: a note, and the position the person saw (so a stale page is caught)."""

    note_label = _("Note")
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=10_000,
        error_messages={"required": _("Write the note: this step needs one.")},
    )  # fmt: skip
    staff_note = forms.CharField(
        label=_("A reason for staff (optional)"),
        help_text=FOR_STAFF,
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=10_000,
    )
    seen_stage = forms.CharField(widget=forms.HiddenInput)
    seen_status = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, report, note_required=False, note_for_reporter=False, with_staff_note=False,
                 note_label=None, **kwargs):  # fmt: skip
        kwargs.setdefault("initial", {"seen_stage": report.stage, "seen_status": report.status})
        super().__init__(*args, **kwargs)
        self.report = report
        note = self.fields["note"]
        note.required = note_required
        note.label = note_label or self.note_label
        note.help_text = FOR_THE_REPORTER if note_for_reporter else FOR_STAFF
        if not with_staff_note:
            del self.fields["staff_note"]

    @classmethod
    def shows(cls, report):
        """What the empty form reads of ``report`` (the position it was seen at), and of the school."""
        return (report.stage, report.status)

    def move_arguments(self):
        return {
            "note": self.cleaned_data["note"],
            "staff_note": self.cleaned_data.get("staff_note", ""),
            "seen": (self.cleaned_data["seen_stage"], self.cleaned_data["seen_status"]),
        }

    def arguments(self, *names):
        """The note and position every move has, and the named fields of this one."""
        return {**MoveForm.move_arguments(self), **{name: self.cleaned_data[name] for name in names}}


class ReassignForm(MoveForm):
    assignee = SmallTableChoiceField("staff", label=_("Pass it to"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .routing import assignable_by, eligible_assignees, may_be_assigned

        self.fields["assignee"].queryset = eligible_assignees(self.report)
        self.fields["assignee"].offered = lambda person: may_be_assigned(person, self.report)
        self.fields["assignee"].offered_by = assignable_by(self.report)
        self.fields["assignee"].label_from_instance = lambda user: f"{user} ({', '.join(user.staff_groups())})"
        self.order_fields(["assignee", "note"])

    @classmethod
    def shows(cls, report):
        from .routing import assignable_by

        offered = fingerprint("staff", assignable_by(report))  # each person's groups are in the staff table's rows
        return None if offered is None else (*super().shows(report), offered)

    def move_arguments(self):
        return self.arguments("assignee")


class ExtendDeadlineForm(MoveForm):
    due_on = forms.DateField(
        label=_("The new date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("A school day after the present deadline."),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["due_on", "note"])

    def move_arguments(self):
        return self.arguments("due_on")


class OtherProcedureForm(MoveForm):
    procedure = forms.ChoiceField(label=_("Which procedure deals with it"), widget=forms.RadioSelect, choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["procedure"].choices = [(key, name) for key, name, _where in other_procedures()]
        self.order_fields(["procedure", "note"])

    @classmethod
    def shows(cls, report):
        return (*super().shows(report), tuple((key, str(name)) for key, name, _where in other_procedures()))

    def move_arguments(self):
        return self.arguments("procedure")


class LinkForm(MoveForm):
    linked_reference = forms.CharField(
        label=_("The reference of the earlier report"), max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["linked_reference", "note"])

    def move_arguments(self):
        return self.arguments("linked_reference")


class PanelForm(MoveForm):
    """The clerk arranges a panel the rules allow (governance.rules): the portal says what is wrong otherwise."""

    panel_on = forms.DateField(
        label=_("The day the panel meets"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    governors = forms.ModelMultipleChoiceField(
        label=_("Governors on the panel"), queryset=None, widget=forms.CheckboxSelectMultiple, required=False
    )
    independent_members = forms.ModelMultipleChoiceField(
        label=_("Independent members"), queryset=None, widget=forms.CheckboxSelectMultiple, required=False,
        help_text=_("Independent of the management and running of the school. Add them in the admin."),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from accounts.models import StaffGroup, User
        from governance.models import IndependentMember

        self.fields["governors"].queryset = User.objects.in_group(StaffGroup.GOVERNORS).order_by("full_name")
        self.fields["independent_members"].queryset = IndependentMember.objects.filter(is_available=True)
        self.fields["panel_on"].initial = timezone.localdate()
        self.order_fields(["panel_on", "governors", "independent_members", "note"])

    @classmethod
    def shows(cls, report):
        return None  # its governors and independent members are read from the database each time

    def move_arguments(self):
        return self.arguments("panel_on", "governors", "independent_members")


class OutcomeForm(MoveForm):
    outcome = forms.ChoiceField(label=_("The panel's decision"), choices=Report.Outcome.choices,
                                widget=forms.RadioSelect)  # fmt: skip
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10_000)
    recommendations = forms.CharField(label=_("Recommendations"), widget=forms.Textarea(attrs={"rows": 3}),
                                      max_length=10_000, required=False)  # fmt: skip
    action_taken = forms.CharField(
        label=_("The action the school has taken or will take"), widget=forms.Textarea(attrs={"rows": 3}),
        max_length=10_000, help_text=_("Whatever the outcome: the register records it."),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].widget.attrs["rows"] = 8
        self.order_fields(["outcome", "findings", "recommendations", "action_taken", "note"])

    def move_arguments(self):
        return self.arguments("outcome", "findings", "recommendations", "action_taken")


class CorrectionForm(MoveForm):
    """Staff correct what a report is filed under; the reporter's own words are never changed."""

    categories = CategoryChoiceField(
        label=_("Policy categories"), queryset=Category.objects.all(), widget=forms.CheckboxSelectMultiple,
        required=False,
    )  # fmt: skip
    school_class = SmallTableChoiceField(
        "classes", label=_("Class"), queryset=SchoolClass.objects.all(), required=False,
        empty_label=_("No particular class"),
    )  # fmt: skip
    concerns_staff = SmallTableChoiceField(
        "staff", label=_("Member of staff it concerns"), queryset=None, required=False,
        empty_label=_("Nobody in particular"),
    )  # fmt: skip

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

    @classmethod
    def shows(cls, report):
        tables = [fingerprint(name) for name in ("categories", "classes", "staff")]
        if None in tables:
            return None
        filed_under = tuple(sorted(category.pk for category in report.categories.all()))
        return (*super().shows(report), *tables, filed_under, report.school_class_id, report.concerns_staff_id)

    def clean(self):
        cleaned = super().clean()
        if self.report.kind == Report.Kind.CONDUCT and "categories" in cleaned and not cleaned["categories"]:
            self.add_error("categories", _("Tick at least one kind of inappropriate online activity."))
        return cleaned

    def move_arguments(self):
        names = ("categories", "school_class", "concerns_staff")
        return {**super().move_arguments(), "corrections": {name: self.cleaned_data[name] for name in names}}
