"""The bounded `make loadtest`: hostile input and a worker kill against a real gunicorn.

scripts/loadtest.py --short sends a few hundred generated query strings and paths to
every page type and kills a worker under load, on this suite's database engine (a
throwaway database beside it on PostgreSQL). It fails on any 5xx.
"""

import os
import subprocess
import sys

import dj_database_url
from django.conf import settings


def loadtest_environment():
    # PYTEST_VERSION stays: the server then serves static files without collectstatic.
    env = dict(os.environ)
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        config = dj_database_url.parse(url)
        env["LOADTEST_POSTGRES"] = url.rsplit("/", 1)[0] + f"/{config['NAME']}_loadtest"
    return env


def test_hostile_input_and_a_killed_worker_give_no_server_error():
    result = subprocess.run(
        [sys.executable, "scripts/loadtest.py", "--short"],
        cwd=settings.BASE_DIR,
        env=loadtest_environment(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    summary = [line for line in result.stdout.splitlines() if line.startswith("[loadtest")]
    assert result.returncode == 0, "\n".join(summary) + result.stderr[-3000:]
    assert any("fuzz, 300 requests" in line for line in summary)
    assert any("worker replaced: True" in line for line in summary)
    assert summary[-1].endswith("server errors (5xx) from the app: 0")
