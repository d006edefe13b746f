from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from activities import spreadsheet
from activities.models import Activity


class Command(BaseCommand):
    help = (
        "Write every activity, drafts included, in the spreadsheet import's columns. "
        "The format follows the file's extension: .xlsx or .csv."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write: an .xlsx or .csv file.")

    def handle(self, *args, file, **options):
        translation.activate("pl")
        extension = file.rsplit(".", 1)[-1].lower()
        writers = {"xlsx": spreadsheet.write_xlsx, "csv": spreadsheet.write_csv}
        if extension not in writers:
            raise CommandError("Podaj plik .xlsx albo .csv.")
        activities = Activity.objects.all()
        total = activities.count()

        def rows():
            for number, row in enumerate(spreadsheet.export_rows(activities), start=1):
                if number % 1000 == 0:
                    self.stderr.write(f"… {number} z {total}")
                yield row

        with open(file, "wb") as opened:
            writers[extension](rows(), opened)
        self.stdout.write(self.style.SUCCESS(f"Zapisano {total} zajęć w {file}."))
