"""`make profile URL=/zajecia/ N=20`: where one page's time goes.

Requests URL N times through Django's test client (the whole middleware stack, page
cache off) against your development database (DATABASE_URL, or db.sqlite3 as `make
run` leaves it), under cProfile, and prints the top entries by cumulative time and by
own time (tottime). Two requests before the profile warm up imports, the template
loader and the fragment cache, so the profile shows what every uncached page costs.

PROFILE_TOP sets how many lines each table has (default 40); PROFILE_LANGUAGE=uk or en
asks for the page in that language; PROFILE_FRAGMENTS=off turns the card fragment cache
off, to see what drawing every card costs.
"""

import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_LOCAL", "true")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pal_site.settings")
os.environ["DJANGO_PAGE_CACHE_SECONDS"] = "0"
os.environ.setdefault("DJANGO_LOG_LEVEL", "ERROR")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402


def main():
    url = sys.argv[1] if len(sys.argv) > 1 else "/zajecia/"
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    top = int(os.environ.get("PROFILE_TOP", "40"))
    if os.environ.get("PROFILE_FRAGMENTS", "on") == "off":
        settings.FRAGMENT_CACHE_SECONDS = 0
    headers = {}
    if language := os.environ.get("PROFILE_LANGUAGE"):
        headers["HTTP_ACCEPT_LANGUAGE"] = language
    client = Client(SERVER_NAME="127.0.0.1", **headers)
    for _ in range(2):
        response = client.get(url)
        if response.status_code != 200:
            sys.exit(f"{url} answered {response.status_code}, not 200")
    queries = []

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append(time.perf_counter() - started)

    # Not CaptureQueriesContext: the test client's request_started empties its log.
    with connection.execute_wrapper(timed):
        client.get(url)
    sql_ms = sum(queries) * 1000

    started, cpu_started = time.perf_counter(), time.process_time()
    for _ in range(count):
        client.get(url)
    plain_ms = (time.perf_counter() - started) * 1000 / count
    # CPU time of this process: on a shared machine the wall clock also counts waiting.
    cpu_ms = (time.process_time() - cpu_started) * 1000 / count

    profile = cProfile.Profile()
    profile.enable()
    for _ in range(count):
        client.get(url)
    profile.disable()

    print(
        f"{url}: {len(response.content)} bytes, {len(queries)} queries "
        f"({sql_ms:.1f} ms of SQL); unprofiled, mean of {count}: {plain_ms:.1f} ms a request, "
        f"{cpu_ms:.1f} ms of CPU ({connection.vendor})"
    )
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out).strip_dirs().sort_stats(order)
        stats.print_stats(top)
        print(f"\n=== top {top} by {order} over {count} requests ===")
        # Skip pstats' preamble (the profile's own file name and blank lines).
        print(out.getvalue().split("\n", 3)[-1].strip("\n"))


if __name__ == "__main__":
    main()
