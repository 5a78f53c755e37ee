"""Who may see a report. The one place views ask."""


def can_view_report(user, report):
    if not user.is_authenticated or not user.is_active:
        return False
    if report.reporter_id == user.pk:
        return True
    return user.is_superuser or user.is_school_staff
