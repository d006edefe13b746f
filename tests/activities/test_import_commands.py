"""`manage.py import_directory` and `export_directory`: bulk moves from the command line."""

import io

import pytest
from django.core.management import CommandError, call_command

from activities.management.commands import import_directory
from activities.models import Activity
from tests.activities.spreadsheets import csv_file, read_csv, read_xlsx, row
from tests.factories import ActivityFactory, ProgrammeFactory, WeeklySessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    return ProgrammeFactory(name="PAL Testowy", slug="pal-testowy")


def write(tmp_path, rows, name="plik.csv"):
    path = tmp_path / name
    path.write_bytes(csv_file(rows).getvalue())
    return str(path)


def run_import(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_directory", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_dry_run_prints_the_preview_and_saves_nothing(programme, tmp_path):
    out, _ = run_import(write(tmp_path, [row(slug="szachy")]), "--dry-run")
    assert "Wiersz 2: nowe — szachy" in out
    assert "nic nie zapisano" in out
    assert not Activity.objects.exists()


def test_it_saves_the_file_and_lists_changes(programme, tmp_path):
    ActivityFactory(programme=programme, slug="szachy", summary="Stare.")
    out, _ = run_import(write(tmp_path, [row(slug="szachy", streszczenie="Nowe.")]))
    assert "streszczenie: Stare. → Nowe." in out
    assert Activity.objects.get().summary == "Nowe."


def test_it_fails_and_saves_nothing_when_a_row_has_an_error(programme, tmp_path):
    path = write(tmp_path, [row(slug="a"), row(slug="b", dzielnica="Atlantyda", adres="x")])
    with pytest.raises(CommandError, match="Nic nie zapisano"):
        run_import(path)
    assert not Activity.objects.exists()


def test_it_fails_on_a_file_it_cannot_read(programme, tmp_path):
    path = tmp_path / "plik.csv"
    path.write_bytes("program;tytuł".encode("utf-16"))
    with pytest.raises(CommandError):
        run_import(str(path))


def test_it_shows_progress_on_long_files(programme, tmp_path, monkeypatch):
    monkeypatch.setattr(import_directory, "PROGRESS_EVERY", 2)
    rows = [row(slug=f"zajecia-{n}") for n in range(5)]
    _, err = run_import(write(tmp_path, rows), "--dry-run", "--quiet-rows")
    assert "… 4 wierszy sprawdzonych" in err


@pytest.mark.parametrize(("name", "read"), [("a.xlsx", read_xlsx), ("a.csv", read_csv)])
def test_export_writes_every_activity_in_the_import_columns(programme, tmp_path, name, read):
    activity = ActivityFactory(programme=programme, slug="szachy", published=False)
    WeeklySessionFactory(activity=activity, weekday=2, starts_at="17:00", ends_at="18:30")
    path = tmp_path / name
    call_command("export_directory", str(path), stdout=io.StringIO())
    [exported] = read(path.read_bytes())
    assert exported["program"] == "pal-testowy"
    assert exported["zajęcia"] == "wt 17:00–18:30"
    assert exported["opublikowane"] == "nie"


def test_export_refuses_an_unknown_format(tmp_path, db):
    with pytest.raises(CommandError):
        call_command("export_directory", str(tmp_path / "a.pdf"), stdout=io.StringIO())
