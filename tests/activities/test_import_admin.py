"""Import and export in admin: template, preview, confirm, undo, filtered export, scope."""

import io
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from activities import import_jobs, spreadsheet
from activities.models import Activity, DirectoryImport
from tests.activities.spreadsheets import csv_file, read_csv, read_xlsx, row
from tests.factories import ActivityFactory, AgeGroupFactory, ProgrammeFactory, coordinator, editor

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:activities_activity_import")


@pytest.fixture(autouse=True)
def upload_dir(settings, tmp_path):
    settings.IMPORT_UPLOAD_DIR = str(tmp_path / "imports")


@pytest.fixture
def programme():
    return ProgrammeFactory(name="PAL Testowy", slug="pal-testowy")


@pytest.fixture
def editor_client(client):
    client.force_login(editor())
    return client


def upload(client, rows, name="plik.csv"):
    file = SimpleUploadedFile(name, csv_file(rows).getvalue())
    return client.post(IMPORT_URL, {"file": file}, follow=True)


def test_the_change_list_offers_import_and_export(editor_client):
    response = editor_client.get(reverse("admin:activities_activity_changelist"))
    assert response.status_code == 200
    assert IMPORT_URL in response.text
    assert reverse("admin:activities_activity_export", args=["xlsx"]) in response.text


def test_the_import_page_explains_how_to_prepare_a_file(editor_client):
    response = editor_client.get(IMPORT_URL)
    assert response.status_code == 200
    assert reverse("admin:activities_activity_import_template") in response.text


def test_the_template_has_the_columns_an_example_and_the_allowed_values(editor_client):
    AgeGroupFactory(name="Dzieci", name_uk="Діти", name_en="Children")
    response = editor_client.get(reverse("admin:activities_activity_import_template"))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    activities, lists = workbook.worksheets
    rows = list(activities.iter_rows(values_only=True))
    assert list(rows[0]) == [column.header for column in spreadsheet.COLUMNS]
    assert rows[1][spreadsheet.COLUMNS.index(spreadsheet.COLUMNS_BY_FIELD["sessions"])]
    values = [cell for line in lists.iter_rows(values_only=True) for cell in line if cell]
    assert "XVII Wzgórza Krzesławickie" in values
    assert "Діти" in values


def test_the_template_imported_unchanged_saves_nothing(editor_client):
    response = editor_client.get(reverse("admin:activities_activity_import_template"))
    file = SimpleUploadedFile("wzor.xlsx", response.content)
    response = editor_client.post(IMPORT_URL, {"file": file}, follow=True)
    assert response.status_code == 400
    assert not Activity.objects.exists()


def test_a_preview_shows_what_would_change_and_saves_nothing(editor_client, programme):
    ActivityFactory(programme=programme, slug="stare", summary="Stare.")
    response = upload(editor_client, [row(slug="stare", streszczenie="Nowe."), row(slug="nowe")])
    assert response.status_code == 200
    assert "<del>Stare.</del> → <ins>Nowe.</ins>" in response.text
    assert response.context["result"].counts == {"changed": 1, "created": 1}
    assert not Activity.objects.filter(slug="nowe").exists()


def test_confirming_saves_the_import_and_offers_to_undo_it(editor_client, programme):
    token = upload(editor_client, [row(slug="nowe")]).context["token"]
    response = editor_client.post(IMPORT_URL, {"token": token}, follow=True)
    assert Activity.objects.get().slug == "nowe"
    assert "Cofnij ten import" in response.text
    assert DirectoryImport.objects.count() == 1


def test_a_file_with_errors_cannot_be_confirmed(editor_client, programme):
    response = upload(editor_client, [row(dzielnica="Atlantyda", adres="ul. Morska 1")])
    assert response.status_code == 400
    assert "Wiersz 2, kolumna „dzielnica”" in response.text
    assert "token" not in response.context


def test_a_confirmation_without_a_preview_is_refused(editor_client, programme):
    response = editor_client.post(IMPORT_URL, {"token": "zgadniete"})
    assert response.status_code == 400
    assert not Activity.objects.exists()


def test_an_oversized_upload_is_refused(editor_client, programme, settings):
    settings.IMPORT_MAX_BYTES = 100
    response = upload(editor_client, [row(opis="x" * 200)])
    assert response.status_code == 400
    assert "najwyżej" in response.text


def test_a_coordinators_file_touching_another_programme_is_refused(client, programme):
    other = ProgrammeFactory(slug="pal-inny")
    client.force_login(coordinator(programme))
    response = upload(client, [row(slug="nasze"), row(program=other.slug, slug="cudze")])
    assert response.status_code == 400
    assert "nie koordynujesz" in response.text
    assert not Activity.objects.exists()


def test_undo_restores_the_directory_with_one_button(editor_client, programme):
    ActivityFactory(programme=programme, slug="stare", summary="Stare.")
    token = upload(editor_client, [row(slug="stare", streszczenie="Nowe."), row(slug="nowe")])
    editor_client.post(IMPORT_URL, {"token": token.context["token"]})
    directory_import = DirectoryImport.objects.get()
    page = editor_client.get(
        reverse("admin:activities_directoryimport_change", args=[directory_import.pk])
    )
    undo_url = reverse("admin:activities_directoryimport_undo", args=[directory_import.pk])
    assert undo_url in page.text
    editor_client.post(undo_url)
    assert list(Activity.objects.values_list("slug", "summary")) == [("stare", "Stare.")]


def test_a_coordinator_cannot_undo_someone_elses_import(client, editor_client, programme):
    token = upload(editor_client, [row(slug="nowe")]).context["token"]
    editor_client.post(IMPORT_URL, {"token": token})
    client.force_login(coordinator(programme))
    directory_import = DirectoryImport.objects.get()
    response = client.post(
        reverse("admin:activities_directoryimport_undo", args=[directory_import.pk])
    )
    assert response.status_code == 404
    assert Activity.objects.exists()


@pytest.mark.parametrize(("file_format", "read"), [("xlsx", read_xlsx), ("csv", read_csv)])
def test_export_follows_the_change_list_filters(editor_client, programme, file_format, read):
    ActivityFactory(programme=programme, slug="nasze")
    ActivityFactory(slug="cudze")
    url = reverse("admin:activities_activity_export", args=[file_format])
    response = editor_client.get(url, {"programme__id__exact": programme.pk})
    assert [line["slug"] for line in read(response.content)] == ["nasze"]


def test_a_coordinator_exports_only_their_programmes(client, programme):
    ActivityFactory(programme=programme, slug="nasze")
    ActivityFactory(slug="cudze")
    client.force_login(coordinator(programme))
    response = client.get(reverse("admin:activities_activity_export", args=["csv"]))
    assert [line["slug"] for line in read_csv(response.content)] == ["nasze"]


def test_an_imported_activity_has_the_import_as_the_first_entry_of_its_history(
    editor_client, programme
):
    token = upload(editor_client, [row(slug="nowe")])
    editor_client.post(IMPORT_URL, {"token": token.context["token"]})
    activity = Activity.objects.get(slug="nowe")
    page = editor_client.get(reverse("admin:activities_activity_history", args=[activity.pk]))
    assert page.status_code == 200
    comment = DirectoryImport.objects.get().revision.comment
    assert "plik.csv" in comment
    assert comment in page.text


def test_an_hsds_data_package_goes_through_the_same_preview_and_confirmation(
    editor_client, programme
):
    from opendata import datapackage

    activity = ActivityFactory(programme=programme, slug="zajecia", title="Nowy tytuł")
    exported = io.BytesIO()
    datapackage.write_package(exported, lambda path: path)
    Activity.objects.filter(pk=activity.pk).update(title_pl="Stary tytuł")
    file = SimpleUploadedFile("katalog.zip", exported.getvalue())
    preview = editor_client.post(IMPORT_URL, {"file": file}, follow=True)
    assert preview.status_code == 200
    assert "Stary tytuł" in preview.text
    assert Activity.objects.get().title == "Stary tytuł"
    editor_client.post(IMPORT_URL, {"token": preview.context["token"]})
    assert Activity.objects.get().title == "Nowy tytuł"


# Progress of a big file ----------------------------------------------------------


def job_url(response):
    return reverse("admin:activities_activity_import_job", args=[response.context["token"]])


def test_a_running_import_shows_how_many_rows_it_has_read(editor_client, programme):
    preview = upload(editor_client, [row(slug="nowe")])
    token = preview.context["token"]
    import_jobs.write_state(token, state=import_jobs.RUNNING, commit=True, done=1500)
    response = editor_client.get(job_url(preview))
    assert response.status_code == 200
    assert "1500" in response.text
    assert "Zapisywanie importu" in response.text
    assert 'href="' + job_url(preview) + '"' in response.text  # works without JavaScript


def test_a_5000_row_file_shows_progress_and_finishes(editor_client, programme, monkeypatch):
    reported = []
    write_state = import_jobs.write_state

    def recording(token, **changes):
        if changes.get("state") is None and "done" in changes:
            reported.append(changes["done"])
        return write_state(token, **changes)

    monkeypatch.setattr(import_jobs, "write_state", recording)
    rows = [row(slug=f"zajecia-{number}", tytuł=f"Zajęcia {number}") for number in range(5000)]
    response = upload(editor_client, rows)
    assert reported == list(range(100, 5001, 100))
    assert response.context["result"].counts == {"created": 5000}
    assert "token" in response.context


def test_an_import_whose_worker_stopped_says_nothing_was_saved(editor_client, programme, settings):
    preview = upload(editor_client, [row(slug="nowe")])
    token = preview.context["token"]
    import_jobs.write_state(token, state=import_jobs.RUNNING, commit=True, done=300)
    settings.IMPORT_JOB_STALE_SECONDS = -1
    response = editor_client.get(job_url(preview))
    assert response.status_code == 503
    assert "nic nie zapisano" in response.text
    assert not Activity.objects.exists()


def test_another_users_import_job_is_not_shown(client, editor_client, programme):
    preview = upload(editor_client, [row(slug="nowe")])
    client.force_login(editor())
    response = client.get(job_url(preview), follow=True)
    assert response.redirect_chain == [(IMPORT_URL, 302)]
    assert "nowe" not in response.text
    assert "Ten import jest zakończony" in response.text


def test_a_saved_import_page_loaded_again_leads_back_to_the_import_page(editor_client, programme):
    token = upload(editor_client, [row(slug="nowe")]).context["token"]
    saved = editor_client.post(IMPORT_URL, {"token": token}, follow=True)
    assert "Cofnij ten import" in saved.text
    response = editor_client.get(
        reverse("admin:activities_activity_import_job", args=[token]), follow=True
    )
    assert response.status_code == 200
    assert response.redirect_chain == [(IMPORT_URL, 302)]
    assert Activity.objects.filter(slug="nowe").count() == 1


def test_the_admin_runs_the_import_as_a_process_of_its_own(
    editor_client, programme, settings, monkeypatch
):
    settings.IMPORT_IN_WORKER = True
    started = []

    def popen(args, **options):
        # What the worker process would do, here in the test's database.
        started.append(options)
        assert Path(args[1]).name == "manage.py"
        call_command(*args[2:])

    monkeypatch.setattr(import_jobs.subprocess, "Popen", popen)
    preview = upload(editor_client, [row(slug="nowe")])
    assert started[0]["start_new_session"] is True
    assert preview.context["result"].counts == {"created": 1}
    editor_client.post(IMPORT_URL, {"token": preview.context["token"]}, follow=True)
    assert len(started) == 2
    assert Activity.objects.get().slug == "nowe"


def test_the_worker_command_refuses_an_unknown_token():
    with pytest.raises(CommandError):
        call_command("run_import_job", "nie-ma-takiego-importu")
