from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError

from school import importer


class Command(BaseCommand):
    help = (
        "Import classes, teachers, children and parents from the school's CSV export "
        "(see docs/import-format.md). All or nothing; running it again with the same file changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file: UTF-8, comma separated, with a header row.")

    def handle(self, *args, file, verbosity, **options):
        try:
            data = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Nothing was imported: cannot read {file} ({error.strerror}).") from None
        try:
            directory = importer.parse(data, progress=self._progress("checked", verbosity))
            importer.check_against_database(directory)
        except importer.FileProblem as problem:
            raise CommandError(f"Nothing was imported: {problem}.") from None
        except importer.RowProblems as problems:
            for problem in problems.problems:
                self.stderr.write(str(problem))
            count = problems.row_count
            raise CommandError(
                f"Nothing was imported: {count} {'row has' if count == 1 else 'rows have'} problems."
            ) from None
        if verbosity > 0:
            for warning in directory.warnings:
                self.stderr.write(self.style.WARNING(f"Warning: {warning}."))
        try:
            summary = importer.apply(directory, progress=self._progress("imported", verbosity))
        except IntegrityError as error:
            raise CommandError(
                f"Nothing was imported: the database changed while importing ({error}); run the import again."
            ) from None
        if verbosity > 0:
            for note in summary.notes:
                self.stderr.write(self.style.WARNING(note))
            if summary.children_renamed:
                self.stdout.write(f"{summary.children_renamed} children's names updated.")
        self.stdout.write(self.style.SUCCESS(str(summary)))

    def _progress(self, verb, verbosity):
        if verbosity < 1:
            return None

        def report(done, total):
            if total > importer.CHUNK:
                self.stderr.write(f"{verb} {done} of {total} rows…")

        return report
