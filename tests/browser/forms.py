"""Filling in the portal's forms as a person does."""


def fill_date(page, question, day):
    """Type ``day`` into the Day, Month and Year boxes of the date asked by ``question`` (its legend)."""
    group = page.get_by_role("group", name=question)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))
