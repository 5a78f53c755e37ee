import datetime
import re

from policy.models import Category
from reports.models import Report
from reports.services import submit_report


def make_report(reporter, **overrides):
    fields = {
        "kind": Report.Kind.CONDUCT,
        "categories": list(Category.objects.filter(number=2)),
        "description": "Rude comments about a teacher in the class group.",
        "platform": Report.Platform.WHATSAPP,
        "platform_name": "Robins parents",
        "occurred_on": datetime.date(2026, 11, 20),
        "links": "",
        "concerns": Report.Concerns.STAFF,
        "school_class": None,
        "evidence": [],
    }
    fields.update(overrides)
    return submit_report(reporter=reporter, **fields)


def form_data(**overrides):
    """What a parent types into the report form."""
    data = {
        "kind": "conduct",
        "categories": [str(Category.objects.get(number=2).pk)],
        "description": "Someone posted rude comments about a teacher.",
        "platform": "whatsapp",
        "platform_name": "Robins parents",
        "occurred_on": "2026-11-20",
        "links": "https://example.org/post/1",
        "concerns": "staff",
        "school_class": "",
    }
    data.update(overrides)
    return with_date_parts(data)


def with_date_parts(data, name="occurred_on"):
    """A date as the form's three boxes take it: "2026-11-20" → day 20, month 11, year 2026."""
    value = data.pop(name, None)
    if value is not None:
        parts = value.split("-") if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value) else [value, "11", "2026"]
        year, month, day = parts if len(parts[0]) == 4 else (parts[2], parts[1], parts[0])
        data.update({f"{name}_day": day, f"{name}_month": month, f"{name}_year": year})
    return data
