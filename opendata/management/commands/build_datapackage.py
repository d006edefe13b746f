import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from opendata import datapackage


class Command(BaseCommand):
    help = (
        "Build the HSDS data package (/api/hsds/datapackage.zip) for the current content, "
        "so the first download after a change does not wait for it. Shows progress."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", help="Write the zip here instead of the site's open-data folder."
        )

    def handle(self, *args, output=None, **options):
        started = time.monotonic()
        site = settings.SITE_URL or "http://localhost"

        def absolute_url(path):
            return site + path

        def progress(done, total):
            rate = done / max(time.monotonic() - started, 0.001)
            sys.stderr.write(f"\rservices {done}/{total} ({rate:.0f}/s)")
            sys.stderr.flush()

        if output:
            datapackage.write_package(output, absolute_url, progress)
            path = output
        else:
            path = datapackage.package_path(absolute_url, progress)
        sys.stderr.write("\n")
        self.stdout.write(f"{path} built in {time.monotonic() - started:.1f} s")
