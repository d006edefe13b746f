from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from activities import spreadsheet
from activities.models import Activity

PROGRESS_EVERY = 1000


class Command(BaseCommand):
    help = (
        "Write every activity, drafts included, in the spreadsheet import's columns "
        "(.xlsx or .csv), or the HSDS 3.0 data package of published content (.zip), "
        "as the open-data download has it. The format follows the file's extension. "
        "Shows progress on standard error."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write: an .xlsx, .csv or .zip file.")

    def handle(self, *args, file, **options):
        translation.activate("pl")
        extension = file.rsplit(".", 1)[-1].lower()
        writers = {"xlsx": spreadsheet.write_xlsx, "csv": spreadsheet.write_csv}
        if extension not in writers and extension not in spreadsheet.FORMATS:
            raise CommandError("Podaj plik .xlsx, .csv albo .zip (pakiet danych HSDS).")
        activities = Activity.objects.all()
        total = activities.count()

        def rows():
            for number, row in enumerate(spreadsheet.export_rows(activities), start=1):
                if number % PROGRESS_EVERY == 0:
                    self.stderr.write(f"… {number} z {total}")
                yield row

        def progress(done, of):
            self.stderr.write(f"… {done} z {of} opublikowanych zajęć")

        try:
            with open(file, "wb") as opened:
                if extension in writers:
                    writers[extension](rows(), opened)
                else:
                    spreadsheet.FORMATS[extension][1](activities, opened, progress)
        except OSError as error:
            raise CommandError(f"Nie można zapisać {file}: {error}") from error
        if extension in writers:
            self.stdout.write(self.style.SUCCESS(f"Zapisano {total} zajęć w {file}."))
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Zapisano pakiet danych HSDS (tylko opublikowane) w {file}.")
            )
