"""CSV files people open in a spreadsheet: every cell safe from being read as a formula."""

import csv

from django.http import HttpResponse


def spreadsheet_safe(value):
    """Keep a spreadsheet from reading a cell as a formula (CSV injection)."""
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_response(filename, header, rows):
    """A CSV download named ``filename``: the header, then each row of ``rows`` (an iterable, read once)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    writer = csv.writer(response)
    writer.writerow([spreadsheet_safe(cell) for cell in header])
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return response
