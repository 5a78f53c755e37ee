"""The moves staff make on many reports at once from the admin's list: a page asking for the note, then each report
moved through ``reports.services.apply_move``, as on its own page."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy

from access.visibility import report_access

from . import ladder
from .ladder import LadderError, Move, Role
from .moves import STAFF_TEXT
from .services import apply_move, facts_for, school_calendar

STAFF_ROLES = frozenset({Role.HANDLER, Role.LEADERSHIP})


class NoteForm(forms.Form):
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}), max_length=10_000, strip=True,
        error_messages={"required": _("Write the note: this step needs one.")},
    )  # fmt: skip

    def __init__(self, *args, required, visible_to_reporter, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["note"]
        field.required = required
        field.label = _("Note") if required else _("Note (optional)")
        field.help_text = (
            _("The reporter of each report sees this note and is emailed about it.")
            if visible_to_reporter
            else _("For staff only: reporters never see it.")
        )


def staff_rules(move):
    """The ladder's rules for ``move`` made by staff (handler or leadership), not by the reporter."""
    return [rule for rule in ladder.RULES if rule.move == move and rule.roles & STAFF_ROLES]


MOVES_DONE = {
    Move.ACKNOWLEDGE: ngettext_lazy("%(count)d report acknowledged.", "%(count)d reports acknowledged.", "count"),
    Move.NOTE: ngettext_lazy("%(count)d report given an internal note.", "%(count)d reports given an internal note.",
                             "count"),
    Move.RESPOND: ngettext_lazy("%(count)d report responded to.", "%(count)d reports responded to.", "count"),
    Move.ESCALATE: ngettext_lazy("%(count)d report escalated.", "%(count)d reports escalated.", "count"),
    Move.RESOLVE: ngettext_lazy("%(count)d report resolved.", "%(count)d reports resolved.", "count"),
}  # fmt: skip


def move_action(move, description):
    """An admin action that makes ``move`` on each chosen report, after a page asking for the note."""

    def action(modeladmin, request, queryset):
        return modeladmin.make_move(request, queryset, move)

    action.__name__ = f"move_{move}"
    return admin.action(description=description, permissions=["move"])(action)


class MovesFromTheList:
    """A ModelAdmin mixin: the actions ``move_action`` makes, and who may use them."""

    def has_move_permission(self, request):
        return request.user.has_perm("reports.move_report")

    def make_move(self, request, queryset, move):
        """Ask for the note; then make ``move`` on each report through apply_move, and say what happened."""
        rules = staff_rules(move)
        form = NoteForm(
            request.POST if request.POST.get("post") == "yes" else None,
            required=any(rule.note_required for rule in rules),
            visible_to_reporter=any(rule.note_visible_to_reporter for rule in rules),
        )
        reports = list(queryset)
        if form.is_bound and form.is_valid():
            self._apply(request, reports, move, form.cleaned_data["note"])
            return None
        return self._confirmation_page(request, reports, move, form)

    def _apply(self, request, reports, move, note):
        made, refused = 0, []
        for report in reports:
            seen = request.POST.get(f"seen_{report.pk}", "").split(":")
            try:
                apply_move(report, actor=request.user, move=move, note=note, seen=seen if len(seen) == 2 else None)
            except LadderError as error:
                refused.append((report.reference, str(error)))
            else:
                made += 1
        if made:
            self.message_user(request, MOVES_DONE[move] % {"count": made}, messages.SUCCESS)
        for reference, reason in refused:
            self.message_user(request, _("%(reference)s was not changed: %(reason)s") % {"reference": reference,
                              "reason": reason}, messages.WARNING)  # fmt: skip

    def _confirmation_page(self, request, reports, move, form):
        button, meaning, _label = STAFF_TEXT[move]
        calendar = school_calendar()
        rows = []
        for report in reports:
            try:
                facts = facts_for(report, timezone.localdate(), calendar)
                ladder.find_rule(report.stage, report.status, report_access(request.user, report).roles, move, facts)
                refusal = ""
            except LadderError as error:
                refusal = str(error)
            rows.append({"report": report, "refusal": refusal})
        context = {
            **self.admin_site.each_context(request),
            "title": ngettext("%(step)s: %(count)d report", "%(step)s: %(count)d reports", len(reports))
            % {"step": button, "count": len(reports)},
            "subtitle": None,
            "opts": self.opts,
            "meaning": meaning,
            "button": button,
            "rows": rows,
            "form": form,
            "action": request.POST.get("action", ""),
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "changelist_url": request.get_full_path(),
            "media": self.media + form.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/reports/move_confirmation.html", context)
