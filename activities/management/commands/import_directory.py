import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from activities.importer import CHANGED, CREATED, ERROR, UNCHANGED, Importer

STATUS_LABELS = {
    CREATED: "nowe",
    CHANGED: "zmiana",
    UNCHANGED: "bez zmian",
    ERROR: "BŁĄD",
}
PROGRESS_EVERY = 500


class Command(BaseCommand):
    help = (
        "Import activities from a spreadsheet (XLSX or CSV in the admin import's columns). "
        "Prints what each row creates or changes; saves nothing when any row has an error. "
        "With --dry-run, only shows what would happen."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="An .xlsx or .csv file (see the admin's template).")
        parser.add_argument("--dry-run", action="store_true", help="Check and preview only.")
        parser.add_argument(
            "--quiet-rows",
            action="store_true",
            help="Print only changes and errors, not every unchanged row.",
        )

    def handle(self, *args, file, dry_run=False, quiet_rows=False, **options):
        translation.activate("pl")
        self.quiet_rows = quiet_rows
        importer = Importer(
            on_row=self.print_row,
            progress_every=PROGRESS_EVERY,
            on_progress=lambda count: self.stderr.write(f"… {count} wierszy sprawdzonych"),
        )
        try:
            with open(file, "rb") as opened:
                result = importer.run(opened, file, commit=not dry_run)
        except OSError as error:
            raise CommandError(f"Nie można otworzyć {file}: {error}") from error
        for message in result.file_errors:
            self.stderr.write(self.style.ERROR(message))
        counts = result.counts
        summary = (
            f"Wierszy: {result.total}; nowe: {counts[CREATED]}, zmienione: {counts[CHANGED]}, "
            f"bez zmian: {counts[UNCHANGED]}, błędy: {counts[ERROR]}."
        )
        self.stdout.write(summary)
        if not result.ok:
            raise CommandError("Nic nie zapisano: popraw błędy w pliku i spróbuj ponownie.")
        if dry_run:
            self.stdout.write("Podgląd (--dry-run): nic nie zapisano.")
        else:
            self.stdout.write(
                self.style.SUCCESS("Zapisano wszystkie wiersze w jednej zmianie historii.")
            )
        sys.stdout.flush()

    def print_row(self, row):
        if row.status == UNCHANGED and self.quiet_rows:
            return
        self.stdout.write(
            f"Wiersz {row.row}: {STATUS_LABELS[row.status]} — {row.slug or row.title}"
        )
        for header, old, new in row.changes:
            self.stdout.write(f"    {header}: {old} → {new}")
        for error in row.errors:
            self.stdout.write(self.style.ERROR(f"    {error}"))
