"""`manage.py load_seed`: the programmes and activities of the source article."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext

from activities.models import Activity
from programmes.models import Programme

SEED_FIXTURES = ["vocabularies", "programmes"]


class Command(BaseCommand):
    help = (
        "Load the seed data built from the source article into an empty database. "
        "Does nothing when programmes exist, so staff edits are never overwritten."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Load even when programmes already exist."
        )

    def handle(self, *args, force=False, **options):
        if Programme.objects.exists() and not force:
            self.stdout.write("Seed data not loaded: the database already has programmes.")
            return
        # The fixtures' plain field names (`title`) are the Polish text; the other
        # languages are named (`title_uk`, `title_en`).
        with transaction.atomic(), translation.override("pl"):
            call_command("loaddata", *SEED_FIXTURES, verbosity=options["verbosity"])
            # loaddata saves raw rows (no signals), so the derived data is built here.
            Programme.objects.refresh_search_index()
            Activity.objects.refresh_search_index()
            # A first version of everything, so staff can restore what they change or delete.
            call_command(
                "createinitialrevisions",
                "programmes",
                "activities",
                comment=gettext("Seed data from the source article"),
                verbosity=0,
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {Programme.objects.count()} programmes "
                f"and {Activity.objects.count()} activities."
            )
        )
