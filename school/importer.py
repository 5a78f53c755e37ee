"""Import the school directory (classes, teachers, children, parents) from a CSV export.

Two steps, so that an import is all or nothing:

``parse(data)``
    reads the file and checks every row, without the database. It raises
    ``FileProblem`` (the file as a whole is unusable) or ``RowProblems`` (every
    bad row, with its line number) and otherwise returns a ``Directory``.
``check_against_database(directory)``
    the few checks that need the database; raises ``RowProblems``.
``apply(directory)``
    writes it in one transaction (``school.directory_writer``), in chunks of rows
    so that a large file needs a few queries per chunk rather than per row.
    Running it again with the same rows changes nothing.

The import only adds and updates: it never removes a class, a teacher from a
class, a child or a parent's link to a child. Children's names are never put
in a message: they are shown to staff only.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from accounts.models import User, UserManager

from .directory_writer import DirectoryWriter
from .models import Child, SchoolClass

REQUIRED_COLUMNS = ("class", "year_group")
OPTIONAL_COLUMNS = ("teacher_email", "teacher_name", "pupil_ref", "child_name", "parent_email", "parent_name")
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
CHUNK = 200  # rows checked or written between two progress reports

Progress = Callable[[int, int], None]  # (rows done, rows in the file)


def _max_length(model, name):
    return model._meta.get_field(name).max_length


MAX_LENGTHS = {
    "class": _max_length(SchoolClass, "name"),
    "year_group": _max_length(SchoolClass, "year_group"),
    "teacher_email": _max_length(User, "email"),
    "teacher_name": _max_length(User, "full_name"),
    "pupil_ref": _max_length(Child, "pupil_ref"),
    "child_name": _max_length(Child, "name"),
    "parent_email": _max_length(User, "email"),
    "parent_name": _max_length(User, "full_name"),
}


class FileProblem(Exception):
    """The file cannot be read as a directory at all (empty, not UTF-8 text, no rows)."""


@dataclass(frozen=True)
class Problem:
    line: int
    message: str

    def __str__(self):
        return f"row {self.line}: {self.message}"


class RowProblems(Exception):
    def __init__(self, problems):
        self.problems = sorted(problems, key=lambda problem: problem.line)
        super().__init__("\n".join(str(problem) for problem in self.problems))

    @property
    def row_count(self):
        """How many rows have at least one problem."""
        return len({problem.line for problem in self.problems})


@dataclass(frozen=True)
class Row:
    line: int  # the line of the file the row starts on; the header is line 1
    class_name: str
    year_group: str
    teacher_emails: tuple[str, ...] = ()
    teacher_name: str = ""
    pupil_ref: str = ""
    child_name: str = ""
    parent_email: str = ""
    parent_name: str = ""


@dataclass
class Directory:
    rows: list[Row]
    warnings: list[str] = field(default_factory=list)


@dataclass
class Summary:
    rows: int = 0
    classes_created: int = 0
    classes_updated: int = 0
    teachers_created: int = 0
    parents_created: int = 0
    children_created: int = 0
    children_moved: int = 0
    children_renamed: int = 0
    notes: list[str] = field(default_factory=list)

    def __str__(self):
        return (
            f"Imported {self.rows} rows: {self.classes_created} classes created, {self.classes_updated} updated; "
            f"{self.teachers_created} teachers created; {self.parents_created} parents created; "
            f"{self.children_created} children created, {self.children_moved} moved."
        )


# Reading and checking the file (no database) ------------------------------------------------------------------


def _words(value):
    """Trimmed, with runs of whitespace made one space."""
    return " ".join(value.split())


def _decode(data):
    if isinstance(data, str):
        text = data.removeprefix("\ufeff")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise FileProblem(
                f"the file is not UTF-8 text (byte {error.start + 1} is not UTF-8); "
                "save it from the spreadsheet as 'CSV UTF-8 (comma delimited)'"
            ) from None
    if "\x00" in text:
        raise FileProblem("the file is not text (it contains NUL characters); it needs to be a CSV file")
    if not text.strip():
        raise FileProblem("the file is empty")
    return text


def _records(text):
    """(line the record starts on, values) for each record of the CSV text, blank lines skipped."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    try:
        for values in reader:
            if any(value.strip() for value in values):
                yield start, values
            start = reader.line_num + 1
    except csv.Error as error:
        raise RowProblems([Problem(start, f"this is not valid CSV ({error}); check its quotes")]) from None


def _read_header(line, values):
    names = [value.strip().lower() for value in values]
    problems = []
    seen = set()
    for name in names:
        if name and name in seen and name in COLUMNS:
            problems.append(Problem(line, f"the header has the column '{name}' more than once"))
        seen.add(name)
    missing = [name for name in REQUIRED_COLUMNS if name not in seen]
    if missing:
        message = "the header is missing the required column" + ("s " if len(missing) > 1 else " ")
        message += ", ".join(f"'{name}'" for name in missing)
        if len(values) == 1 and (";" in values[0] or "\t" in values[0]):
            message += " (the columns need to be separated by commas)"
        problems.append(Problem(line, message))
    if problems:
        raise RowProblems(problems)
    unknown = [value.strip() for value, name in zip(values, names, strict=True) if name and name not in COLUMNS]
    warnings = []
    if unknown:
        warnings.append("ignoring columns this import does not know: " + ", ".join(f"'{name}'" for name in unknown))
    return names, warnings


def _row(line, names, values, problems):
    """The Row for one record, adding what is wrong with it on its own to ``problems``.

    A value with a problem is left out of the Row, so that the rest of the row can
    still be checked against the other rows.
    """
    if len(values) > len(names) and any(value.strip() for value in values[len(names) :]):
        problems.append(
            Problem(line, f"it has {len(values)} values but the header has {len(names)} columns (check for commas)")
        )
        return None
    cells = {}
    for name, value in zip(names, values, strict=False):  # a short row leaves its last columns empty
        if name in COLUMNS:
            cells[name] = value
    found = []

    def text(name):
        value = _words(cells.get(name, ""))
        limit = MAX_LENGTHS[name]
        if len(value) > limit:
            shown = "" if name == "child_name" else f" '{value[:30]}…'"
            found.append(f"{name}{shown} is longer than {limit} characters")
            return ""
        return value

    def email(name, value):
        value = UserManager.normalize_email(value)
        try:
            validate_email(value)
        except ValidationError:
            found.append(f"{name} '{value}' is not a valid email address")
            return ""
        if len(value) > MAX_LENGTHS[name]:
            found.append(f"{name} '{value}' is longer than {MAX_LENGTHS[name]} characters")
            return ""
        return value

    class_name, year_group = text("class"), text("year_group")
    if not _words(cells.get("class", "")):
        found.append("class is empty")
    if not _words(cells.get("year_group", "")):
        found.append("year_group is empty")
    teacher_parts = [part for part in cells.get("teacher_email", "").split(";") if part.strip()]
    teacher_emails = tuple(dict.fromkeys(email("teacher_email", part) for part in teacher_parts))
    teacher_emails = tuple(value for value in teacher_emails if value)
    teacher_name = text("teacher_name")
    if teacher_name and not teacher_parts:
        found.append("teacher_name is given but teacher_email is empty")
    elif teacher_name and len(teacher_parts) > 1:
        found.append(f"teacher_name can only go with a single teacher_email (this row has {len(teacher_parts)})")
        teacher_name = ""
    pupil_ref = cells.get("pupil_ref", "").strip()
    if len(pupil_ref) > MAX_LENGTHS["pupil_ref"]:
        found.append(f"pupil_ref is longer than {MAX_LENGTHS['pupil_ref']} characters")
        pupil_ref = ""
    child_name = text("child_name")
    parent_given = cells.get("parent_email", "").strip()
    parent_email = email("parent_email", parent_given) if parent_given else ""
    parent_name = text("parent_name")
    if pupil_ref and not parent_given:
        found.append(f"pupil_ref '{pupil_ref}' needs a parent_email")
    if not cells.get("pupil_ref", "").strip() and parent_given:
        found.append(f"parent_email '{parent_email or parent_given}' needs a pupil_ref to say which child")
    if not cells.get("pupil_ref", "").strip() and child_name:
        found.append("child_name is given but pupil_ref is empty")
    if parent_name and not parent_given:
        found.append("parent_name is given but parent_email is empty")
    problems.extend(Problem(line, message) for message in found)
    return Row(
        line=line,
        class_name=class_name,
        year_group=year_group,
        teacher_emails=teacher_emails,
        teacher_name=teacher_name,
        pupil_ref=pupil_ref,
        child_name=child_name,
        parent_email=parent_email,
        parent_name=parent_name,
    )


class _Agreement:
    """Checks that rows agree with each other: one year group per class, one class per child, one name per person."""

    def __init__(self, problems):
        self.problems = problems
        self.classes = {}  # class key: (name, year group, line)
        self.children = {}  # pupil_ref: (class key, class name, line, child name, line of the name)
        self.names = {}  # email: (name, line)

    def check(self, row):
        key = row.class_name.casefold()
        if row.class_name and row.year_group:
            _name, year_group, line = self.classes.setdefault(key, (row.class_name, row.year_group, row.line))
            if year_group.casefold() != row.year_group.casefold():
                self._problem(
                    row,
                    f"class '{row.class_name}' has year group '{row.year_group}' here but '{year_group}' on row {line}",
                )
        if row.pupil_ref and row.class_name:
            self._check_child(row, key)
        if len(row.teacher_emails) == 1 and row.teacher_name:
            self._check_name(row, "teacher_name", row.teacher_emails[0], row.teacher_name)
        if row.parent_name and row.parent_email:
            self._check_name(row, "parent_name", row.parent_email, row.parent_name)

    def _check_child(self, row, key):
        seen = self.children.get(row.pupil_ref)
        if seen is None:
            self.children[row.pupil_ref] = (key, row.class_name, row.line, row.child_name, row.line)
            return
        seen_key, seen_class, seen_line, seen_name, seen_name_line = seen
        if seen_key != key:
            self._problem(
                row,
                f"pupil_ref '{row.pupil_ref}' is in class '{row.class_name}' here "
                f"but '{seen_class}' on row {seen_line}",
            )
        if row.child_name and seen_name and row.child_name != seen_name:
            # Never the names themselves: they are for staff only.
            self._problem(
                row, f"pupil_ref '{row.pupil_ref}' has a different child_name here than on row {seen_name_line}"
            )
        elif row.child_name and not seen_name:
            self.children[row.pupil_ref] = (seen_key, seen_class, seen_line, row.child_name, row.line)

    def _check_name(self, row, column, email, name):
        seen_name, seen_line = self.names.setdefault(email, (name, row.line))
        if seen_name != name:
            self._problem(row, f"{column} for '{email}' is '{name}' here but '{seen_name}' on row {seen_line}")

    def _problem(self, row, message):
        self.problems.append(Problem(row.line, message))


def parse(data, progress: Progress | None = None) -> Directory:
    """Read and check the whole file: a ``Directory``, or ``FileProblem`` / ``RowProblems`` listing every bad row."""
    records = _records(_decode(data))
    header = next(records, None)
    if header is None:
        raise FileProblem("the file is empty")
    names, warnings = _read_header(*header)
    records = list(records)
    if not records:
        raise FileProblem("the file has a header but no rows")
    problems = []
    agreement = _Agreement(problems)
    rows = []
    for done, (line, values) in enumerate(records, start=1):
        row = _row(line, names, values, problems)
        if row is not None:
            agreement.check(row)  # a row with a problem is checked too: what is fine in it may clash elsewhere
            rows.append(row)
        if progress and done % CHUNK == 0:
            progress(done, len(records))
    if problems:
        raise RowProblems(problems)
    return Directory(rows=rows, warnings=warnings)


# The database ---------------------------------------------------------------------------------------------------


def check_against_database(directory: Directory):
    """Problems only the database shows: a class name that matches two classes differing only in case."""
    existing = {}
    for school_class in SchoolClass.objects.only("name"):
        existing.setdefault(school_class.name.casefold(), []).append(school_class.name)
    problems = []
    reported = set()
    for row in directory.rows:
        key = row.class_name.casefold()
        matches = existing.get(key, [])
        if len(matches) > 1 and key not in reported:
            reported.add(key)
            listed = ", ".join(f"'{name}'" for name in sorted(matches))
            problems.append(
                Problem(
                    row.line,
                    f"class '{row.class_name}' matches {len(matches)} existing classes ({listed}); "
                    "rename or merge them in the admin first",
                )
            )
    if problems:
        raise RowProblems(problems)


def apply(directory: Directory, progress: Progress | None = None) -> Summary:
    """Write the checked rows in one transaction; what already matches is left untouched.

    New teachers of a class start holding its reports at once (the bulk inserts send
    no signals, so the holders are brought up to date here).
    """
    from conduct_portal import small_tables
    from reports.holdings import resync

    tables = ("classes", "staff", "staff_groups", "class_teachers")
    with transaction.atomic():
        summary = DirectoryWriter(directory.rows, Summary(rows=len(directory.rows)), CHUNK).write(progress)
        # The bulk inserts send no signals; resync routes by what they wrote, so the tables are read again now.
        # (Were it to roll back, this process would keep what it read until a table next changes: the command's
        # process ends with it.)
        small_tables.forget(*tables)
        resync()
        transaction.on_commit(lambda: small_tables.forget(*tables))
    small_tables.forget(*tables)
    return summary
