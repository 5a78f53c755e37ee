from django.core.management.base import BaseCommand

from privacy.retention import apply_all_retention, apply_retention


class Command(BaseCommand):
    help = (
        "Anonymise every report whose retention period is over, and remove evidence files no report holds. "
        "Celery beat runs the same each night."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only say what would be anonymised and removed.")

    def handle(self, *args, dry_run=False, **options):
        outcome = apply_retention(dry_run=True) if dry_run else apply_all_retention()
        if dry_run:
            self.stdout.write(
                f"Would anonymise {outcome.complaints} complaints and {outcome.concerns} safeguarding concerns, "
                f"removing {outcome.files} evidence files, and remove {len(outcome.orphan_files)} files with no report."
            )
        else:
            self.stdout.write(self.style.SUCCESS(str(outcome)))
