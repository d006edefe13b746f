"""`make bench`: how fast the site is on this machine, at seed size and at city scale.

1. A throwaway SQLite database with the seed data: SQL queries and server time
   (median, p99 of BENCH_REQUESTS requests through Django's full middleware stack,
   page cache off) per page type.
2. The same after `generate_demo_data --programmes 1000 --activities 50000`.
3. gunicorn on loopback, wrk against the finder and a static file of the same size
   served by the same gunicorn (WhiteNoise), side by side, with the page cache off
   and on; then the resident memory of a gunicorn worker. Before that, at seed size
   and again at 50k: each page a visitor draws anew (page cache off: the finder plain,
   with 3 filters and with a search, home, a programme, an activity) against the
   static file and /robots.txt, and a worker's memory after serving every page type
   (BENCH_ONLY=pages: only these and the server times of step 1 and 2).
4. A junk-parameter flood: the finder, then /zajecia/?junk=N with a new N per request,
   then the finder again, page cache off and on (BENCH_ONLY=junk: only this, at seed
   size).
5. The finder's searches with and without the search statistics (each search is
   counted, also when its page comes from the cache; each worker writes its counts
   every DJANGO_SEARCH_STATISTICS_FLUSH_SECONDS): server time with the page cache
   off, and wrk throughput of a cached search with how many searches were counted.
6. The HSDS data package at city scale: build time, size and the process's peak memory.

BENCH_ONLY=search runs only step 5 (after loading the data); BENCH_ONLY=opendata only
the open-data API pages and the data package.

Prints progress, then Markdown tables (the README keeps the latest). Nothing here
touches your own database: everything lives in a temporary folder.
"""

import io
import os
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from throwaway_postgres import fresh_postgres_database

BASE_DIR = Path(__file__).resolve().parent.parent
WORK = Path(tempfile.mkdtemp(prefix="pal-bench-"))
# BENCH_POSTGRES=postgres://postgres@127.0.0.1:5432/pal_bench measures PostgreSQL
# instead; that database is dropped and created anew, so name a throwaway one.
POSTGRES = os.environ.get("BENCH_POSTGRES", "")
DATABASE_URL = POSTGRES or f"sqlite:///{WORK / 'bench.sqlite3'}"
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "100"))
PROGRAMMES = int(os.environ.get("BENCH_PROGRAMMES", "1000"))
ACTIVITIES = int(os.environ.get("BENCH_ACTIVITIES", "50000"))
LOAD_DURATION = os.environ.get("LOAD_DURATION", "10s")
LOAD_CONNECTIONS = os.environ.get("LOAD_CONNECTIONS", "16")
WORKERS = os.environ.get("BENCH_WORKERS", "2")
# BENCH_ONLY=junk runs only the junk-parameter flood, at seed size (a few minutes);
# BENCH_ONLY=opendata only the open-data API pages and the data package.
ONLY = os.environ.get("BENCH_ONLY", "")
WARM_UP = 20
# The pages measured uncached against the static file and /robots.txt (page_types names).
UNCACHED_PAGES = [
    "finder",
    "finder, 3 filters",
    "finder, search q",
    "home",
    "programme detail",
    "activity detail",
]
# Searches for step 5: one that finds activities, one that finds nothing.
SEARCHES = [
    ("search that finds", "/zajecia/?q=angielski"),
    ("search that finds nothing", "/zajecia/?q=szachownica"),
]

ENV = {
    **os.environ,
    "DJANGO_LOCAL": "true",
    "DATABASE_URL": DATABASE_URL,
    "DJANGO_PAGE_CACHE_SECONDS": "0",
    "DJANGO_LOG_LEVEL": "ERROR",
}
os.environ.update(ENV)
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pal_site.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, models  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from activities.models import Activity  # noqa: E402
from opendata import datapackage  # noqa: E402
from programmes.models import District, Programme  # noqa: E402


def say(message):
    print(f"[bench {time.strftime('%H:%M:%S', time.gmtime())}] {message}", flush=True)


def page_types():
    """One URL per page type; detail pages are the same seed rows at both sizes."""
    programme = Programme.objects.published().exclude(slug__startswith="demo-").first()
    activity = Activity.objects.published().exclude(slug__startswith="demo-").first()
    district = District.objects.get(slug="nowa-huta")
    api = [
        ("API /services", "/api/hsds/services"),
        ("API /services?full=true", "/api/hsds/services?full=true"),
        ("API /services?search=", "/api/hsds/services?search=angielski&full=true"),
    ]
    if ONLY == "opendata":
        return api
    return [
        *api,
        ("home", "/"),
        ("programme list", "/programy/"),
        ("programme list, district", f"/programy/?district={district.slug}"),
        ("finder", "/zajecia/"),
        ("finder, page 2", "/zajecia/?page=2"),
        ("finder, 3 filters", f"/zajecia/?district={district.slug}&age=dzieci&topic=sport"),
        ("finder, search q", "/zajecia/?q=angielski"),
        ("district page", district.get_absolute_url()),
        ("topic page", "/tematy/sport/"),
        ("programme detail", programme.get_absolute_url()),
        ("activity detail", activity.get_absolute_url()),
    ]


def server_times(client, url):
    """(queries, median ms, p99 ms, response) of REQUESTS requests for url."""
    for _ in range(3):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    query_count = len(queries)  # read now: the next request clears the log
    times = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    return query_count, statistics.median(times), p99, response


def measure(label):
    client = Client(SERVER_NAME="127.0.0.1")
    results = {}
    for name, url in page_types():
        query_count, median, p99, response = server_times(client, url)
        # Programme cards are class="card", activity cards "card card--activity".
        cards = response.content.count(b'<article class="card')
        results[name] = (query_count, median, p99, cards)
        say(
            f"{label}: {name:26} {query_count:2} queries {cards:2} cards "
            f"median {results[name][1]:6.1f} ms"
        )
    return results


def measure_datapackage():
    """Build the data package as `manage.py build_datapackage` does, with a progress line."""
    target = WORK / "hsds.zip"
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()

    def progress(done, total):
        rate = done / max(time.perf_counter() - started, 0.001)
        print(f"\r[bench] data package: services {done}/{total} ({rate:.0f}/s)", end="", flush=True)

    datapackage.write_package(target, lambda path: "https://pal.example.pl" + path, progress)
    print(flush=True)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with datapackage.open_package(target) as package:
        services = sum(1 for _row in package.rows("service"))
    return {
        "services": services,
        "seconds": seconds,
        "megabytes": target.stat().st_size / 1024 / 1024,
        "peak_rss": peak,
        "rss_before": rss_before,
    }


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_wrk():
    if shutil.which("wrk"):
        return True
    if os.geteuid() == 0 and shutil.which("apt-get"):
        say("installing Debian's wrk")
        subprocess.run(["apt-get", "update", "-qq"], check=False)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "wrk"],
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
            check=False,
            capture_output=True,
        )
    return bool(shutil.which("wrk"))


def wrk(url, duration=LOAD_DURATION, script=None):
    extra = ["-s", str(script)] if script else []
    out = subprocess.run(
        ["wrk", "-t1", f"-c{LOAD_CONNECTIONS}", f"-d{duration}", "--timeout", "10s", *extra, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(
        next(line.split()[1] for line in out.splitlines() if line.startswith("Requests/sec"))
    )
    bad = [line.strip() for line in out.splitlines() if "Non-2xx" in line or "Socket" in line]
    if bad:
        say(f"wrk saw errors for {url}: {bad}")
    if script:
        counts = re.findall(r"status (\d+): (\d+)", out)
        return rps, {int(status): int(count) for status, count in counts}
    return rps


# Every request a new unknown parameter, ?junk=N: before the page cache ignored
# unknown parameters, each one rendered the page anew and took a cache entry.
JUNK_SCRIPT = """
local counter = 0
statuses = {}  -- global: thread:get() reads globals
request = function()
  counter = counter + 1
  return wrk.format("GET", wrk.path .. "?junk=" .. counter)
end
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
local threads = {}
setup = function(thread) table.insert(threads, thread) end
done = function(summary, latency, requests)
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      io.write("status " .. status .. ": " .. count .. "\\n")
    end
  end
end
"""


def junk_flood(cached):
    """The finder under a flood of ?junk=N, then the clean finder right after."""
    script = WORK / "junk.lua"
    script.write_text(JUNK_SCRIPT)
    server = Gunicorn(cache_seconds=300 if cached else 0)
    try:
        finder = f"{server.url}/zajecia/"
        urllib.request.urlopen(finder).read()
        wrk(finder, duration="2s")  # warm up
        clean_before = wrk(finder)
        junk_rps, statuses = wrk(finder, script=script)
        clean_after = wrk(finder)
        with urllib.request.urlopen(finder) as response:
            served = response.headers.get("X-Page-Cache", "no cache")
    finally:
        server.stop()
    return clean_before, junk_rps, statuses, clean_after, served


def junk_section():
    rows = [
        "| page cache | finder req/s | ?junk=N flood req/s | flood answers | "
        "finder req/s right after | finder after the flood |",
        "|---|--:|--:|---|--:|---|",
    ]
    for cached in (False, True):
        label = "on" if cached else "off"
        say(f"junk-parameter flood on the finder, page cache {label}, {LOAD_DURATION} each")
        before, junk, statuses, after, served = junk_flood(cached)
        answers = ", ".join(f"{count} × {status}" for status, count in sorted(statuses.items()))
        rows.append(f"| {label} | {before:.0f} | {junk:.0f} | {answers} | {after:.0f} | {served} |")
    return rows


class Gunicorn:
    def __init__(self, cache_seconds, count_searches=True):
        self.port = int(os.environ.get("BENCH_PORT") or free_port())
        self.url = f"http://127.0.0.1:{self.port}"
        env = {
            **ENV,
            "DJANGO_PAGE_CACHE_SECONDS": str(cache_seconds),
            "DJANGO_SEARCH_STATISTICS": str(count_searches).lower(),
        }
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "pal_site.wsgi",
                f"--bind=127.0.0.1:{self.port}",
                f"--workers={WORKERS}",
                "--log-level=warning",
            ],
            cwd=BASE_DIR,
            env=env,
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(self.url + "/", timeout=2).read()
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def worker_rss_mb(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        sizes = []
        for pid in children.read_text().split():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        return max(sizes)

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def load_test(cached):
    server = Gunicorn(cache_seconds=300 if cached else 0)
    try:
        finder = f"{server.url}/zajecia/"
        body = urllib.request.urlopen(finder).read()
        # WhiteNoise indexes its files at start: prepare_static_twin() wrote this before.
        static = f"{server.url}/static/bench/finder-twin.html"
        static_size = len(urllib.request.urlopen(static).read())
        say(f"finder {len(body)} bytes, static twin {static_size} bytes")
        for url in (finder, static):
            wrk(url, duration="2s")  # warm up: imports, caches, connections
        finder_rps = wrk(finder)
        static_rps = wrk(static)
        # The cheapest response Django makes here (no query, no template, same
        # middleware): the ceiling for any page rendered per request.
        floor_rps = None if cached else wrk(f"{server.url}/robots.txt")
        for url in [finder, *[f"{server.url}{u}" for _, u in page_types()]]:
            urllib.request.urlopen(url).read()
        rss = server.worker_rss_mb()
    finally:
        server.stop()
    return finder_rps, static_rps, floor_rps, len(body), rss


def uncached_throughput():
    """req/s of each of UNCACHED_PAGES, page cache off (the fragment cache on, as in
    production), against the finder's static twin and /robots.txt on the same server.

    The static file is measured before and after the pages and the mean taken, so a
    machine that got busier or quieter meanwhile shows as the gap between the two.
    """
    prepare_static_twin()
    server = Gunicorn(cache_seconds=0)
    urls = dict(page_types())
    try:
        static = f"{server.url}/static/bench/finder-twin.html"
        robots = f"{server.url}/robots.txt"
        pages = [(name, server.url + urls[name]) for name in UNCACHED_PAGES]
        for url in [static, robots, *(url for _name, url in pages)]:
            wrk(url, duration="2s")  # warm up: imports, connections, fragment cache
        static_before = wrk(static)
        robots_rps = wrk(robots)
        rates = {}
        for name, url in pages:
            rates[name] = wrk(url)
            say(f"uncached {name}: {rates[name]:.0f} req/s")
        static_after = wrk(static)
        for _name, url in page_types():
            urllib.request.urlopen(server.url + url).read()
        rss = server.worker_rss_mb()
    finally:
        server.stop()
    static_rps = (static_before + static_after) / 2
    say(f"static {static_before:.0f} / {static_after:.0f} req/s, robots.txt {robots_rps:.0f}")
    return {
        "pages": rates,
        "static": static_rps,
        "static_spread": (static_before, static_after),
        "robots": robots_rps,
        "rss": rss,
    }


def print_uncached(seed, scale):
    print()
    print(
        f"Pages drawn anew ({connection.vendor}, page cache off, fragment cache on): "
        f"gunicorn, {WORKERS} sync workers, wrk -c{LOAD_CONNECTIONS} -d{LOAD_DURATION} on "
        "loopback, against a static file as large as the finder (WhiteNoise, same server; "
        "the mean of a run before and after the pages) and /robots.txt:"
    )
    print()
    print(
        "| page | req/s (seed) | / static | / robots.txt | req/s (50k) | / static | / robots.txt |"
    )
    print("|---|--:|--:|--:|--:|--:|--:|")
    for name in UNCACHED_PAGES:
        cells = []
        for run in (seed, scale):
            rps = run["pages"][name]
            cells.append(f"{rps:.0f} | {rps / run['static']:.3f} | {rps / run['robots']:.3f}")
        print(f"| {name} | {' | '.join(cells)} |")
    for label, key in (("static file", "static"), ("/robots.txt", "robots")):
        cells = [
            f"{run[key]:.0f} | {run[key] / run['static']:.2f} | {run[key] / run['robots']:.2f}"
            for run in (seed, scale)
        ]
        print(f"| {label} | {' | '.join(cells)} |")
    spreads = [
        f"{before:.0f} → {after:.0f}"
        for before, after in (seed["static_spread"], scale["static_spread"])
    ]
    print()
    print(
        f"Static file before → after the pages: {spreads[0]} req/s (seed), {spreads[1]} "
        f"(50k). Worker RSS after every page type: {seed['rss']:.0f} MB (seed), "
        f"{scale['rss']:.0f} MB (50k)."
    )


def measure_counting():
    """Step 4: the finder's searches without and with counting.

    Server time with the page cache off (the whole page is drawn, plus one write when
    counting), then wrk on a cached search (the page comes from the cache; counting
    adds its write to each request), each pair one after the other in one run.
    """
    client = Client(SERVER_NAME="127.0.0.1")
    rows = []
    for name, url in SEARCHES:
        timings = {}
        for counting in (False, True):
            settings.SEARCH_STATISTICS = counting
            timings[counting] = server_times(client, url)[:3]
            say(f"{name}, counting {'on' if counting else 'off'}: {timings[counting][1]:.1f} ms")
        rows.append((name, timings[False], timings[True]))
    settings.SEARCH_STATISTICS = True
    throughput = []
    if ensure_wrk():
        seconds = float(LOAD_DURATION.rstrip("s"))
        for name, url in SEARCHES:
            rates = {}
            for counting in (False, True):
                server = Gunicorn(cache_seconds=300, count_searches=counting)
                try:
                    before = counted_searches()
                    for _ in range(WARM_UP):  # fills the cache; counted too
                        urllib.request.urlopen(server.url + url).read()
                    rates[counting] = wrk(server.url + url)
                finally:
                    server.stop()  # Workers write the counts they still hold as they exit.
                counted = counted_searches() - before - WARM_UP
                rates[f"counted {counting}"] = counted / seconds
                state = "on" if counting else "off"
                say(f"cached {name}, counting {state}: {rates[counting]:.0f}/s")
            throughput.append((name, rates[False], rates[True], rates["counted True"]))
    return rows, throughput


def counted_searches():
    from activities.models import SearchCount

    return SearchCount.objects.aggregate(total=models.Sum("searches"))["total"] or 0


def print_counting(rows, throughput):
    print()
    print(
        f"Search statistics ({connection.vendor}, {Activity.objects.count()} activities): "
        f"server time over {REQUESTS} requests, page cache off, counting off vs on:"
    )
    print()
    print(
        "| finder | queries off / on | median ms off | median ms on | p99 ms off | p99 ms on "
        "| on / off |"
    )
    print("|---|--:|--:|--:|--:|--:|--:|")
    for name, (q_off, m_off, p_off), (q_on, m_on, p_on) in rows:
        print(
            f"| {name} | {q_off} / {q_on} | {m_off:.1f} | {m_on:.1f} | {p_off:.1f} | {p_on:.1f} "
            f"| {m_on / m_off:.2f} |"
        )
    if throughput:
        print()
        print(
            f"Cached searches: gunicorn, {WORKERS} sync workers, page cache on, "
            f"wrk -c{LOAD_CONNECTIONS} -d{LOAD_DURATION}, counting off vs on:"
        )
        print()
        print("| finder | req/s off | req/s on | on / off | counted/s (on) |")
        print("|---|--:|--:|--:|--:|")
        for name, off, on, counted in throughput:
            print(f"| {name} | {off:.0f} | {on:.0f} | {on / off:.2f} | {counted:.0f} |")


def prepare_static_twin():
    """A static file exactly as large as the finder page, served by WhiteNoise."""
    body = Client(SERVER_NAME="127.0.0.1").get("/zajecia/").content
    static_dir = BASE_DIR / "staticfiles" / "bench"
    static_dir.mkdir(parents=True, exist_ok=True)
    (static_dir / "finder-twin.html").write_bytes(body)


def main():
    say(f"working in {WORK} on {connection.vendor}")
    if POSTGRES:
        fresh_postgres_database(POSTGRES)
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_seed", verbosity=0)
    if ONLY == "junk":
        junk_only()
        return
    seed = measure("seed") if ONLY != "search" else None
    uncached_seed = None
    if ONLY in ("", "pages") and ensure_wrk():
        say(f"uncached pages at seed size vs a static file, {LOAD_DURATION} each")
        uncached_seed = uncached_throughput()
    say(f"generating {PROGRAMMES} programmes and {ACTIVITIES} activities")
    started = time.perf_counter()
    call_command(
        "generate_demo_data",
        programmes=PROGRAMMES,
        activities=ACTIVITIES,
        verbosity=0,
        stdout=io.StringIO(),
    )
    say(f"generated in {time.perf_counter() - started:.0f} s")
    if ONLY == "search":
        print_counting(*measure_counting())
        return finish()
    scale = measure("scale")
    uncached_scale = None
    if uncached_seed:
        say(f"uncached pages at scale vs a static file, {LOAD_DURATION} each")
        uncached_scale = uncached_throughput()
    if ONLY == "pages":
        print_server_times(seed, scale)
        print_uncached(uncached_seed, uncached_scale)
        return finish()
    say("building the HSDS data package at scale")
    package = measure_datapackage()
    counting = measure_counting() if not ONLY else None
    load_rows = []
    if ONLY == "opendata":
        pass
    elif ensure_wrk():
        prepare_static_twin()
        for cached in (False, True):
            label = "cached" if cached else "uncached"
            say(f"load test, finder {label} vs a static file, {LOAD_DURATION} each")
            load_rows.append((label, *load_test(cached)))
    else:
        say("wrk is missing and cannot be installed here: no load test")
    junk_rows = junk_section() if load_rows else []
    shutil.rmtree(BASE_DIR / "staticfiles" / "bench", ignore_errors=True)

    print_server_times(seed, scale)
    if uncached_seed:
        print_uncached(uncached_seed, uncached_scale)
    print()
    print(
        "HSDS data package (/api/hsds/datapackage.zip) built at 50k, in this process "
        "(peak resident memory of the whole bench process, before and after the build):"
    )
    print()
    print("| services | build s | services/s | zip MB | peak RSS MB before | after |")
    print("|--:|--:|--:|--:|--:|--:|")
    print(
        f"| {package['services']} | {package['seconds']:.1f} | "
        f"{package['services'] / package['seconds']:.0f} | {package['megabytes']:.1f} | "
        f"{package['rss_before']:.0f} | {package['peak_rss']:.0f} |"
    )
    if load_rows:
        print()
        print(
            f"Throughput at 50k: gunicorn, {WORKERS} sync workers, wrk -c{LOAD_CONNECTIONS} "
            f"-d{LOAD_DURATION} on loopback, finder vs a static file of the same size "
            "(WhiteNoise, same server), one after the other in one run:"
        )
        print()
        print(
            "| page cache | finder req/s | static req/s | finder / static | bytes | worker RSS MB |"
        )
        print("|---|--:|--:|--:|--:|--:|")
        for label, finder_rps, static_rps, _floor, size, rss in load_rows:
            print(
                f"| {label} | {finder_rps:.0f} | {static_rps:.0f} | "
                f"{finder_rps / static_rps:.2f} | {size} | {rss:.0f} |"
            )
        _label, _finder, static_rps, floor_rps, _size, _rss = load_rows[0]
        print()
        print(
            f"Floor, page cache off: /robots.txt (no query, no template, same middleware) "
            f"{floor_rps:.0f} req/s = {floor_rps / static_rps:.2f} of the static file."
        )
    if junk_rows:
        print_junk(junk_rows, "50k")
    if counting:
        print_counting(*counting)
    finish()


def print_server_times(seed, scale):
    rows = [
        "| page type | queries (seed) | queries (50k) | cards (seed / 50k) | median ms (seed) "
        "| p99 ms (seed) | median ms (50k) | p99 ms (50k) | 50k / seed |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for name, (queries, median, p99, cards) in seed.items():
        q2, m2, p2, cards2 = scale[name]
        rows.append(
            f"| {name} | {queries} | {q2} | {cards} / {cards2} | {median:.1f} | {p99:.1f} "
            f"| {m2:.1f} | {p2:.1f} | {m2 / median:.2f} |"
        )
    print()
    print(
        f"Server time over {REQUESTS} requests per page through Django's middleware "
        f"({connection.vendor}, page cache off, fragment cache on); "
        f"50k = seed + {PROGRAMMES} programmes and {ACTIVITIES} activities:"
    )
    print()
    print("\n".join(rows))


def print_junk(rows, size):
    print()
    print(
        f"Junk-parameter flood at {size}: gunicorn, {WORKERS} sync workers, "
        f"wrk -c{LOAD_CONNECTIONS} -d{LOAD_DURATION}; the finder, then /zajecia/?junk=N "
        "with a new N each request, then the finder again:"
    )
    print()
    print("\n".join(rows))


def junk_only():
    if not ensure_wrk():
        say("wrk is missing and cannot be installed here: no junk-parameter flood")
        return finish()
    rows = junk_section()
    print_junk(rows, "seed size")
    finish()


def finish():
    shutil.rmtree(WORK, ignore_errors=True)
    if POSTGRES:
        connection.close()
        fresh_postgres_database(POSTGRES, drop_only=True)


if __name__ == "__main__":
    main()
