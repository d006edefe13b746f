"""An admin import in a real browser: the progress page follows the worker by itself."""

import pytest
from playwright.sync_api import expect

from activities import import_jobs
from activities.models import Activity
from tests.activities.spreadsheets import csv_file, row
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def queued_jobs(settings, tmp_path, monkeypatch):
    """Jobs wait until the test runs them, as a worker process would, later."""
    settings.IMPORT_UPLOAD_DIR = str(tmp_path / "imports")
    tokens = []

    def start(token, name, user, commit):
        tokens.append(token)
        import_jobs.write_state(
            token, state=import_jobs.QUEUED, name=name, user=user.pk, commit=commit, done=0
        )

    monkeypatch.setattr(import_jobs, "start", start)
    return tokens


def test_the_progress_page_turns_into_the_preview_and_then_saves(
    site,
    anna,
    phone,
    queued_jobs,
    tmp_path,
):
    file = tmp_path / "zajecia.csv"
    file.write_bytes(csv_file([row(program="na-skarpie", slug="nowe-zajecia")]).getvalue())
    log_in(phone, site, anna)
    phone.goto(f"{site}/admin/activities/activity/import/")
    phone.locator("#id_file").set_input_files(str(file))
    phone.locator("input[type=submit].default").click()

    progress = phone.get_by_role("status")
    expect(progress).to_contain_text("Sprawdzanie pliku")
    import_jobs.write_state(queued_jobs[-1], state=import_jobs.RUNNING, done=100)
    expect(progress).to_contain_text("100")
    import_jobs.run(queued_jobs[-1])
    expect(phone.locator("h2").first).to_contain_text("Podgląd pliku zajecia.csv")
    assert not Activity.objects.filter(slug="nowe-zajecia").exists()

    phone.get_by_role("button", name="Zapisz import").click()
    expect(phone.get_by_role("status")).to_contain_text("Zapisywanie importu")
    import_jobs.run(queued_jobs[-1])
    expect(phone.locator(".messagelist")).to_contain_text("Import zapisany: nowe: 1")
    assert Activity.objects.get(slug="nowe-zajecia").programme.slug == "na-skarpie"
