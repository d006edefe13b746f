import re

from django.core.management.base import BaseCommand, CommandError

from activities import import_jobs


class Command(BaseCommand):
    help = (
        "Run one import started in admin (activities/import_jobs.py): check or save the "
        "uploaded file, writing progress for the admin page. The admin starts it."
    )

    def add_arguments(self, parser):
        parser.add_argument("token", help="The upload's token, as the admin page named it.")

    def handle(self, *args, token, **options):
        if not re.fullmatch(r"[\w-]{16,64}", token) or import_jobs.read_state(token) is None:
            raise CommandError(f"No import waiting under {token!r}.")
        import_jobs.run(token)
