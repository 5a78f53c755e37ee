"""Matters with procedures of their own, which the complaints procedure does not replace.

The DfE's model procedure names them; where each goes instead is a setting
(``OTHER_PROCEDURES``), so a school can name its own council or policy.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

PROCEDURE_NAMES = {
    "admissions": _("School admissions"),
    "exclusions": _("Exclusions"),
    "send": _("An assessment of special educational needs"),
    "staff_conduct": _("The conduct of a member of staff (staff discipline)"),
    "whistleblowing": _("Whistleblowing"),
}


def other_procedures():
    """[(key, what it is, where to go)] for each procedure the school has named, in the settings' order."""
    return [(key, PROCEDURE_NAMES.get(key, key), where) for key, where in settings.OTHER_PROCEDURES.items()]
