"""Admin imports run in a worker process, so a big file shows progress and finishes.

Checking 5,000 rows takes about a minute, longer than a request may last behind the
proxy. The admin stores the upload, starts `manage.py run_import_job TOKEN` as its own
process and shows the job's state, refreshed every few seconds (no JavaScript needed).
The job writes its state to TOKEN.json beside the upload: how many rows it has read,
then the preview, or what it saved. A queue (Celery, RQ) would do the same with a
broker and a daemon more to run; one import at a time per user does not need them.

Tests (and DJANGO_IMPORT_IN_WORKER=false) run the job inside the request instead.
"""

import json
import os
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext as _

from activities.importer import Importer, ImportResult, RowResult
from activities.models import DirectoryImport

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
# Rows between two progress writes: often enough to move, rarely enough to cost nothing.
PROGRESS_EVERY = 100


def upload_dir():
    """Where an uploaded file waits between its preview and the confirmation."""
    folder = Path(settings.IMPORT_UPLOAD_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    # Files nobody confirmed are removed after a day.
    for stale in [*folder.glob("*.upload"), *folder.glob("*.json")]:
        if stale.stat().st_mtime < time.time() - 24 * 60 * 60:
            stale.unlink(missing_ok=True)
    return folder


def upload_path(token):
    return upload_dir() / f"{token}.upload"


def state_path(token):
    return upload_dir() / f"{token}.json"


def read_state(token):
    try:
        return json.loads(state_path(token).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_state(token, **changes):
    """Replace the state file whole, so a reader never sees half of it."""
    state = {**(read_state(token) or {}), **changes, "updated": time.time()}
    path = state_path(token)
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
    os.replace(partial, path)
    return state


def is_stale(state):
    """A job that stopped writing (its process was killed) is not coming back."""
    return state["state"] in (QUEUED, RUNNING) and (
        time.time() - state["updated"] > settings.IMPORT_JOB_STALE_SECONDS
    )


def start(token, name, user, commit):
    write_state(token, state=QUEUED, name=name, user=user.pk, commit=commit, done=0)
    if not settings.IMPORT_IN_WORKER:
        run(token)
        return
    manage = Path(settings.BASE_DIR) / "manage.py"
    # Its own session: a worker restart or a closed request does not stop the import.
    subprocess.Popen(  # noqa: S603 (our own command, a token we made)
        [sys.executable, str(manage), "run_import_job", token],
        cwd=settings.BASE_DIR,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def run(token):
    """Check (or save) the stored upload, writing progress and then the result."""
    state = read_state(token)
    user = get_user_model().objects.get(pk=state["user"])
    write_state(token, state=RUNNING, started=time.time())
    importer = Importer(
        user=user,
        progress_every=PROGRESS_EVERY,
        on_progress=lambda done: write_state(token, done=done),
    )
    try:
        with translation.override("pl"), upload_path(token).open("rb") as file:
            result = importer.run(file, state["name"], commit=state["commit"])
    except Exception:
        write_state(token, state=FAILED)
        raise
    write_state(token, state=DONE, done=result.total, result=result_to_dict(result))
    if state["commit"] or not (result.ok and result.counts["created"] + result.counts["changed"]):
        upload_path(token).unlink(missing_ok=True)  # nothing more to do with it


def result_to_dict(result):
    return {
        "file_name": result.file_name,
        "counts": dict(result.counts),
        "rows": [asdict(row) for row in result.rows],
        "file_errors": result.file_errors,
        "saved": result.saved,
        "directory_import": result.directory_import.pk if result.directory_import else None,
    }


def result_from_dict(data):
    result = ImportResult(file_name=data["file_name"])
    result.counts.update(data["counts"])
    result.rows = [RowResult(**row) for row in data["rows"]]
    result.file_errors = data["file_errors"]
    result.saved = data["saved"]
    if data["directory_import"]:
        result.directory_import = DirectoryImport.objects.filter(
            pk=data["directory_import"]
        ).first()
    return result


def failure_message():
    return _("The import stopped before it finished; nothing was saved. Try the file again.")
