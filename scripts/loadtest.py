"""`make loadtest`: hostile input and overload against a real gunicorn, counts by status.

1. Fuzz: thousands of generated query strings and paths on every public page type
   (junk and known parameters with NUL bytes, lone surrogates, huge numbers, markup,
   10,000-character values, percent-encoded raw bytes), sent over HTTP to gunicorn.
2. Worker kill: steady load on every page type while one gunicorn worker is killed
   with SIGKILL; gunicorn starts another.
3. Overload through nginx with docs/nginx.conf (when nginx and wrk are installed):
   wrk -c256 on uncached pages from one address, and meanwhile a cached page and a
   static file of the same size from many addresses.

Each part prints its counts by status. Exit status 1 on any 5xx from the app in parts 1
and 2 (the 503s nginx sheds on purpose in part 3 are the point). `--short` is the
bounded version CI runs (tests/pal_site/test_loadtest.py): a few hundred requests,
no nginx. Runs on a throwaway SQLite database, or on PostgreSQL with
LOADTEST_POSTGRES=postgres://postgres@127.0.0.1:5432/pal_loadtest (dropped and created
anew: name a throwaway database).
"""

import argparse
import collections
import http.client
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

from throwaway_postgres import fresh_postgres_database

BASE_DIR = Path(__file__).resolve().parent.parent
WORK = Path(tempfile.mkdtemp(prefix="pal-loadtest-"))
POSTGRES = os.environ.get("LOADTEST_POSTGRES", "")
ENV = {
    **os.environ,
    "DJANGO_LOCAL": "true",
    "DATABASE_URL": POSTGRES or f"sqlite:///{WORK / 'loadtest.sqlite3'}",
    "DJANGO_LOG_LEVEL": "ERROR",
    # Every request of the fuzz reaches the view: a cached page would hide a 500.
    "DJANGO_PAGE_CACHE_SECONDS": "0",
}
os.environ.update(ENV)
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pal_site.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from tests.public_urls import public_urls  # noqa: E402

FIELDS = ["q", "district", "age", "topic", "programme", "weekday", "page", "p", "v", "wyslano"]
TRICKY = [
    "\x00",
    "a\x00b",
    "0",
    "-1",
    "1e9",
    "last",
    "99999999999999999999999",
    "nowa-huta\x00",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "ŁĘG",
    "%s%s%n",
    "../../etc/passwd",
    "x" * 10_000,
]


def say(message):
    print(f"[loadtest {time.strftime('%H:%M:%S', time.gmtime())}] {message}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def encoded(text):
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


def hostile_value(rng):
    kind = rng.randrange(5)
    if kind == 0:
        return encoded(rng.choice(TRICKY))
    if kind == 1:
        return quote(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 24))), safe="")
    if kind == 2:
        return "%ED%A0%80"  # a lone surrogate, as UTF-8 bytes
    if kind == 3:
        return str(rng.choice([0, -5, 2**63, 10**30, rng.randrange(1, 100)]))
    return encoded("".join(chr(rng.randrange(32, 0x2FFF)) for _ in range(rng.randrange(60))))


def hostile_address(rng, pages):
    """A page with a generated query string, or a generated path below it."""
    page = rng.choice(pages)
    if rng.random() < 0.2:
        return page.rstrip("/") + "/" + hostile_value(rng) + "/"
    pairs = []
    for _ in range(rng.randrange(1, 9)):
        key = rng.choice(FIELDS) if rng.random() < 0.7 else hostile_value(rng)[:24]
        pairs.append(f"{key}={hostile_value(rng)}")
    separator = "&" if "?" in page else "?"
    return page + separator + "&".join(pairs)


class Gunicorn:
    def __init__(self, workers=2, backlog=64, cache_seconds=0):
        self.port = int(os.environ.get("LOADTEST_PORT") or free_port())
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = WORK / f"gunicorn-{self.port}-{cache_seconds}.log"
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "pal_site.wsgi",
                f"--bind=127.0.0.1:{self.port}",
                f"--workers={workers}",
                f"--backlog={backlog}",
                "--timeout=30",
                "--log-level=warning",
            ],
            cwd=BASE_DIR,
            env={**ENV, "DJANGO_PAGE_CACHE_SECONDS": str(cache_seconds)},
            # 404s of the fuzz would drown the output; a 5xx prints this log's end.
            stderr=self.log.open("w"),
        )
        for _ in range(150):
            try:
                urllib.request.urlopen(self.url + "/healthz", timeout=2).read()
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def workers(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


class Client(threading.local):
    """One keep-alive connection per thread, raw paths sent as they are."""

    def __init__(self, port):
        self.port = port
        self.connection = None

    def get(self, path):
        for attempt in range(2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            try:
                self.connection.putrequest("GET", path, skip_accept_encoding=True)
                self.connection.endheaders()
                response = self.connection.getresponse()
                response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.connection.close()
                    self.connection = None
                return response.status
            except (OSError, http.client.HTTPException) as error:
                self.connection.close()
                self.connection = None
                if attempt:
                    return f"connection error ({type(error).__name__})"
        return "unreachable"


def print_counts(title, counts):
    say(
        title
        + ": "
        + ", ".join(f"{key}: {value}" for key, value in sorted(counts.items(), key=str))
    )


def server_errors(counts):
    return sum(value for key, value in counts.items() if isinstance(key, int) and key >= 500)


def fuzz(server, pages, requests, threads=8):
    rng = random.Random(17)
    addresses = [hostile_address(rng, pages) for _ in range(requests)]
    client = Client(server.port)
    counts = collections.Counter()
    failures = []
    started = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        for address, status in zip(addresses, pool.map(client.get, addresses), strict=True):
            counts[status] += 1
            if isinstance(status, int) and status >= 500:
                failures.append(address)
    elapsed = time.perf_counter() - started
    print_counts(f"fuzz, {requests} requests in {elapsed:.0f} s", counts)
    for address in failures[:10]:
        say(f"  5xx: {address[:200]}")
    return counts


def worker_kill(server, pages, seconds, threads=4):
    client = Client(server.port)
    counts = collections.Counter()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def load(number):
        rng = random.Random(number)
        while time.monotonic() < deadline:
            status = client.get(rng.choice(pages))
            with lock:
                counts[status] += 1

    with ThreadPoolExecutor(threads) as pool:
        futures = [pool.submit(load, number) for number in range(threads)]
        time.sleep(seconds / 3)
        victim = server.workers()[0]
        os.kill(victim, signal.SIGKILL)
        say(f"killed worker {victim} under load")
        for future in futures:
            future.result()
    replaced = victim not in server.workers() and len(server.workers()) >= 1
    print_counts(f"worker kill, {seconds} s of load, worker replaced: {replaced}", counts)
    healthy = urllib.request.urlopen(server.url + "/healthz", timeout=10).status
    say(f"after the kill: /healthz {healthy}")
    return counts


WRK_SCRIPT = """
local counter = 0
statuses = {}  -- global: thread:get() reads globals
local uncached = os.getenv("WRK_UNCACHED") == "1"
local address = os.getenv("WRK_ADDRESS")
request = function()
  counter = counter + 1
  local from = address
  if from == "many" then
    from = "10." .. math.random(0, 255) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254)
  end
  local path = wrk.path
  if uncached then
    path = path .. "?q=" .. counter .. "z" .. math.random(1, 1000000000)
  end
  return wrk.format("GET", path, {["X-Forwarded-For"] = from, ["Host"] = "127.0.0.1"})
end
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
local threads = {}
setup = function(thread) table.insert(threads, thread) end
done = function(summary, latency, requests)
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, count in pairs(counts) do
      io.write("status " .. status .. ": " .. count .. "\\n")
    end
  end
  io.write(string.format("latency p50 %.0f ms p99 %.0f ms max %.0f ms\\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
"""


def wrk(url, connections, seconds, address, uncached=False, timeout="2s"):
    """Start wrk; returns the process (read its summary with wrk_result)."""
    script = WORK / "wrk.lua"
    script.write_text(WRK_SCRIPT)
    env = {**os.environ, "WRK_ADDRESS": address, "WRK_UNCACHED": "1" if uncached else "0"}
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", timeout]
    return subprocess.Popen(
        [*command, "-s", str(script), url], env=env, stdout=subprocess.PIPE, text=True
    )


def wrk_result(process):
    out = process.communicate()[0]
    statuses = {int(m[1]): int(m[2]) for m in re.finditer(r"status (\d+): (\d+)", out)}
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])
    latency = re.search(r"latency p50 .*", out)[0]
    timeouts = re.search(r"timeout (\d+)", out)
    return {
        "rps": rps,
        "statuses": statuses,
        "latency": latency,
        "timeouts": int(timeouts[1]) if timeouts else 0,
    }


def nginx_config(app_port, nginx_port):
    """docs/nginx.conf on plain HTTP and loopback, trusting X-Forwarded-For from wrk."""
    conf = (BASE_DIR / "docs" / "nginx.conf").read_text()
    conf = "\n".join(line for line in conf.splitlines() if "# TLS" not in line)
    conf = conf.replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{app_port};")
    conf = conf.replace("/srv/pal/staticfiles/", f"{BASE_DIR / 'staticfiles'}/")
    conf = conf.replace("/srv/pal/media/", f"{WORK}/media/")
    conf = conf.replace(
        "    server_name pal.example.pl;",
        f"    listen 127.0.0.1:{nginx_port};\n    server_name 127.0.0.1;\n"
        # Each wrk "visitor" is told apart by the address it puts in X-Forwarded-For,
        # as when nginx sits behind a load balancer.
        "    set_real_ip_from 127.0.0.1;\n    real_ip_header X-Forwarded-For;",
    )
    temp = WORK / "nginx"
    temp.mkdir(exist_ok=True)
    return f"""
user root;
worker_processes 1;
pid {temp}/nginx.pid;
error_log {temp}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    types {{ text/html html; }}
{conf}
}}
"""


def overload(server, seconds):
    nginx_port = int(os.environ.get("LOADTEST_NGINX_PORT") or free_port())
    config = WORK / "nginx.conf"
    config.write_text(nginx_config(server.port, nginx_port))
    nginx = subprocess.Popen(["nginx", "-c", str(config), "-g", "daemon off;"])
    base = f"http://127.0.0.1:{nginx_port}"
    try:
        time.sleep(1)
        finder = f"{base}/zajecia/"
        static = f"{base}/static/loadtest/finder-twin.html"
        results = {}
        say("alone: cached finder and static file from many addresses, 10 s each")
        for name, url in (("cached alone", finder), ("static alone", static)):
            results[name] = wrk_result(wrk(url, 16, 10, "many"))
        say(f"flood: wrk -c256 on uncached finder searches from one address, {seconds} s")
        flood = wrk(finder, 256, seconds, "203.0.113.66", uncached=True)
        time.sleep(2)
        third = max(3, (seconds - 4) // 2)
        results["cached during flood"] = wrk_result(wrk(finder, 16, third, "many"))
        results["static during flood"] = wrk_result(wrk(static, 16, third, "many"))
        results["flood, one address"] = wrk_result(flood)
        say(f"flood: wrk -c256 on uncached finder searches from many addresses, {seconds} s")
        results["flood, many addresses"] = wrk_result(
            wrk(finder, 256, seconds, "many", uncached=True)
        )
        show_a_refusal(finder)
        for name, result in results.items():
            statuses = ", ".join(f"{k}: {v}" for k, v in sorted(result["statuses"].items()))
            say(
                f"{name:24} {result['rps']:8.0f} req/s  {statuses}  "
                f"timeouts: {result['timeouts']}  {result['latency']}"
            )
        ratio_alone = results["cached alone"]["rps"] / results["static alone"]["rps"]
        ratio_flood = results["cached during flood"]["rps"] / results["static during flood"]["rps"]
        say(f"cached / static: alone {ratio_alone:.2f}, during the flood {ratio_flood:.2f}")
        return results
    finally:
        nginx.send_signal(signal.SIGTERM)
        nginx.wait(timeout=30)


def show_a_refusal(finder):
    """60 requests at once from one address: how nginx answers those it refuses."""

    def fetch(number):
        request = urllib.request.Request(
            f"{finder}?q=r{number}", headers={"X-Forwarded-For": "198.51.100.9"}
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.headers, ""
        except urllib.error.HTTPError as refusal:
            return refusal.code, refusal.headers, refusal.read().decode()

    with ThreadPoolExecutor(60) as pool:
        answers = list(pool.map(fetch, range(60)))
    say(
        "60 requests at once from one address: "
        + ", ".join(
            f"{status}: {count}"
            for status, count in sorted(collections.Counter(a[0] for a in answers).items())
        )
    )
    for status, headers, body in answers:
        if status >= 400:
            heading = re.search("<h1>(.*)</h1>", body)
            say(
                f"  a {status}: Retry-After {headers.get('Retry-After')}, Set-Cookie "
                f"{headers.get('Set-Cookie')}, page: {heading[1] if heading else body[:80]!r}"
            )
            break


def write_static_twin():
    """A static file exactly as large as the finder page; WhiteNoise indexes it at start."""
    from django.test import Client as DjangoClient

    body = DjangoClient(SERVER_NAME="127.0.0.1").get("/zajecia/").content
    static_dir = BASE_DIR / "staticfiles" / "loadtest"
    static_dir.mkdir(parents=True, exist_ok=True)
    (static_dir / "finder-twin.html").write_bytes(body)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", action="store_true", help="the bounded version CI runs")
    parser.add_argument("--fuzz-requests", type=int, default=3000)
    parser.add_argument("--kill-seconds", type=int, default=20)
    parser.add_argument("--flood-seconds", type=int, default=30)
    parser.add_argument("--skip-fuzz", action="store_true", help="only the overload part")
    args = parser.parse_args()
    if args.short:
        args.fuzz_requests, args.kill_seconds = 300, 5
    say(f"working in {WORK} on {connection.vendor}")
    if POSTGRES:
        fresh_postgres_database(POSTGRES)
    call_command("migrate", verbosity=0)
    call_command("load_seed", verbosity=0)
    pages = public_urls()
    if "PYTEST_VERSION" not in os.environ:
        # Under pytest (CI) the settings serve static files from their sources instead.
        call_command("collectstatic", interactive=False, verbosity=0)
    overload_possible = not args.short and shutil.which("nginx") and shutil.which("wrk")
    if overload_possible:
        write_static_twin()
    connection.close()
    say(f"{len(pages)} page types; gunicorn with 2 sync workers")
    errors = 0
    if not args.skip_fuzz:
        server = Gunicorn()
        try:
            errors += server_errors(fuzz(server, pages, args.fuzz_requests))
            errors += server_errors(worker_kill(server, pages, args.kill_seconds))
        finally:
            server.stop()
    if errors:
        say("end of the gunicorn log:\n" + "\n".join(server.log.read_text().splitlines()[-60:]))
    if overload_possible:
        say("overload through nginx, page cache on")
        server = Gunicorn(cache_seconds=300)
        try:
            overload(server, args.flood_seconds)
        finally:
            server.stop()
            shutil.rmtree(BASE_DIR / "staticfiles" / "loadtest", ignore_errors=True)
    elif not args.short:
        say("nginx or wrk missing (apt-get install nginx-light wrk): no overload part")
    shutil.rmtree(WORK, ignore_errors=True)
    if POSTGRES:
        fresh_postgres_database(POSTGRES, drop_only=True)
    say(f"server errors (5xx) from the app: {errors}")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
