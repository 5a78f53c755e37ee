"""The README's "Who can see what", made from the access table the tests run (table.py).

    python -m tests.access.readme          # print the tables
    python -m tests.access.readme --write  # put them into README.md and docs/who-can-see-what.md

A test fails when either file differs from what this makes, so the README
cannot drift from the rules the tests prove.
"""

import sys
from pathlib import Path

from . import table

ROOT = Path(__file__).resolve().parent.parent.parent
README = ROOT / "README.md"
FULL = ROOT / "docs" / "who-can-see-what.md"
START, END = "<!-- who-can-see-what: made by tests/access/readme.py -->", "<!-- end of who-can-see-what -->"

WORDS = {
    "login": "log in",
    "404": "–",
    "gone": "–",
    "403": "no",
    "200": "yes",
    "in": "listed",
    "out": "–",
    "done": "**can**",
    "refused": "no",
    "meta": "where it is",
}
NOTE_WORDS = {"t": "T", "o": "O", "h": "H", "g": "G", "r": "R", "s": "S"}


def cell(value):
    if value in WORDS:
        return WORDS[value]
    if value == "-":
        return "reads"
    return "reads + " + " ".join(NOTE_WORDS[letter] for letter in value)


def markdown_table(first_column, rows):
    header = f"| {first_column} | " + " | ".join(table.PEOPLE) + " |"
    lines = [header, "|" + " --- |" * (len(table.PEOPLE) + 1)]
    lines += [
        f"| {name} | " + " | ".join(cell(cells[person]) for person in table.PEOPLE) + " |" for name, cells in rows
    ]
    return "\n".join(lines)


LEGEND = """\
Each column is a person as the access table tests them: a parent who made the
report ("reporter"), another parent of the class, the class's teacher (after
the report moves on, someone who held it earlier), a teacher of another class,
the office, the headteacher ("leadership"), a governor, the chair of governors,
the deputy head the report is about ("concerned"), a superuser, and the
Designated Safeguarding Lead ("safeguarding lead"). "reads":
the report, its files and what the reporter is shown; then the internal notes
the page shows, by who wrote them: **T** the class teacher, **O** the office,
**H** the head after it was passed to them, **G** the governors, **S** the
safeguarding team; **R** the parent's own addition once the governors had it. "–": not found, as if it did
not exist. "where it is": its reference and place on the ladder, never what it
says. The last two rows are off the ladder: a concern raised as a child at
risk, and a complaint the class teacher referred to safeguarding."""


def readme_section():
    report_page = table.REPORT_ROWS["the report's page /reports/<ref>/"]
    return "\n\n".join(
        [
            START,
            LEGEND,
            "**The report's page**, as it moves up the ladder:",
            markdown_table("where the report is", report_page.items()),
            "**Other pages:**",
            markdown_table("page", table.PAGE_ROWS.items()),
            "Every other page and action about a report (files, lists, moves, the admin, the export, "
            "the outbox and the record of who looked), at each place on the ladder: "
            "[docs/who-can-see-what.md](docs/who-can-see-what.md).",
            END,
        ]
    )


def full_document():
    parts = [
        "# Who can see what\n\nMade by `tests/access/readme.py` from the access table the tests run "
        "(`tests/access/table.py`); do not edit by hand.",
        LEGEND,
    ]
    for name, states in table.REPORT_ROWS.items():
        parts += [f"## {name}", markdown_table("where the report is", states.items())]
    parts += ["## Pages not about one report", markdown_table("page", table.PAGE_ROWS.items())]
    return "\n\n".join(parts) + "\n"


def readme_with_section(text):
    before, _, rest = text.partition(START)
    _, _, after = rest.partition(END)
    return before + readme_section() + after


def main(argv):
    if "--write" in argv:
        README.write_text(readme_with_section(README.read_text()))
        FULL.write_text(full_document())
    else:
        print(readme_section())


if __name__ == "__main__":
    main(sys.argv[1:])
