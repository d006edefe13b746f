"""The HSDS data package imported back (opendata/hsds_import.py through the spreadsheet import)."""

import io
import zipfile

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.utils import translation

from activities.importer import CHANGED, CREATED, UNCHANGED, Importer, undo_import
from activities.models import Activity
from opendata import datapackage
from programmes.models import Location, Programme
from tests.factories import ActivityFactory, ProgrammeFactory, coordinator, editor, language
from tests.opendata.hsds import assert_valid
from tests.public_urls import public_urls

pytestmark = pytest.mark.django_db


def package():
    file = io.BytesIO()
    datapackage.write_package(file, lambda path: "https://pal.example.pl" + path)
    file.seek(0)
    return file


def run(file, user=None, commit=True):
    return Importer(user=user).run(file, "hsds.zip", commit=commit)


def pages(client):
    cache.clear()
    with translation.override("pl"):
        urls = public_urls()
    return {url: client.get(url).content.decode() for url in urls}


def test_the_package_imported_back_changes_nothing(directory):
    result = run(package())
    assert result.counts == {UNCHANGED: Activity.objects.published().count()}, result.rows


def test_the_seed_package_imported_back_gives_identical_pages(client, seed):
    file = package()
    before = pages(client)
    result = run(file)
    assert result.ok, result.error_messages()
    assert set(result.counts) == {UNCHANGED}
    assert pages(client) == before


def test_what_the_package_says_differently_is_changed_and_listed(directory):
    directory["weekly"].languages.set([language("uk")])
    file = package()
    directory["weekly"].languages.set([])
    weekly = directory["weekly"]
    Activity.objects.filter(pk=weekly.pk).update(title_pl="Siatkówka (stary tytuł)", min_age=5)
    weekly.sessions.all().delete()
    result = run(file, commit=False)
    assert result.counts[CHANGED] == 1, result.error_messages()
    changes = {header: (old, new) for header, old, new in result.rows[0].changes}
    assert changes["tytuł"] == ("Siatkówka (stary tytuł)", "Siatkówka dla dzieci")
    assert changes["wiek_od"] == ("5", "7")
    assert changes["zajęcia"] == ("—", "wt 17:00–18:30")
    assert changes["języki"][0] == "—"


def test_services_new_here_come_in_as_drafts_with_their_ids(directory):
    directory["weekly"].languages.set([language("pl"), language("uk")])
    file = package()
    expected = {
        str(uuid): title
        for uuid, title in Activity.objects.published().values_list("uuid", "title")
    }
    Activity.objects.all().delete()
    Location.objects.all().delete()
    result = run(file)
    assert result.counts == {CREATED: len(expected)}, result.error_messages()
    imported = {str(a.uuid): a for a in Activity.objects.all()}
    assert {pk: a.title for pk, a in imported.items()} == expected
    assert not any(activity.published for activity in imported.values())
    weekly = imported[str(directory["weekly"].uuid)]
    assert weekly.location.uuid == directory["place"].uuid
    assert weekly.location.district.slug == "nowa-huta"
    assert [(s.weekday, f"{s.starts_at:%H:%M}") for s in weekly.sessions.all()] == [(2, "17:00")]
    assert [t.slug for t in weekly.topics.all()] == ["sport"]
    assert [g.slug for g in weekly.age_groups.all()] == ["dzieci"]
    assert sorted(lang.code for lang in weekly.languages.all()) == ["pl", "uk"]
    event = imported[str(directory["event"].uuid)]
    assert (event.timing, event.starts_on.isoformat()) == ("dated", "2026-10-24")


def test_a_programme_new_here_is_created_as_a_draft_with_its_id(directory):
    file = package()
    programme = directory["weekly"].programme
    programme_id = programme.uuid
    Activity.objects.all().delete()
    programme.delete()
    result = run(file, user=editor())
    assert result.ok, result.error_messages()
    created = Programme.objects.get(uuid=programme_id)
    assert (created.name, created.published) == ("PAL Testowe Osiedle", False)


def test_an_imported_package_is_undone_with_one_restore(directory):
    file = package()
    Activity.objects.filter(pk=directory["weekly"].pk).update(title_pl="Stary tytuł")
    directory["event"].delete()
    user = editor()
    result = run(file, user=user)
    assert result.counts[CREATED] == 1 and result.counts[CHANGED] == 1
    undo_import(result.directory_import, user)
    directory["weekly"].refresh_from_db()
    assert directory["weekly"].title == "Stary tytuł"
    assert not Activity.objects.filter(uuid=directory["event"].uuid).exists()


def test_a_coordinators_package_touching_another_programme_is_refused_whole(directory):
    file = package()
    other = ProgrammeFactory(name="PAL Inny")
    Activity.objects.filter(pk=directory["weekly"].pk).update(title_pl="Stary tytuł")
    result = run(file, user=coordinator(other))
    assert not result.saved
    assert "nie koordynujesz" in " ".join(result.error_messages())
    assert Activity.objects.get(pk=directory["weekly"].pk).title == "Stary tytuł"


def zip_of(members):
    file = io.BytesIO()
    with zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    file.seek(0)
    return file


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (io.BytesIO(b"not a zip at all"), "nie jest prawidłowym archiwum ZIP"),
        (zip_of({"service.csv": "id\n"}), "nie ma pliku datapackage.json"),
        (zip_of({"datapackage.json": '{"resources": []}'}), "brak tabel: service"),
        (zip_of({"bomb.csv": b"0" * 50_000_000}), "ZIP"),
    ],
    ids=["not-a-zip", "no-descriptor", "no-tables", "zip-bomb"],
)
def test_a_file_that_is_no_data_package_is_refused_with_a_message(db, file, message):
    ActivityFactory()
    result = run(file)
    assert not result.saved
    assert message in result.file_errors[0]


def test_the_commands_export_and_import_the_package(directory, tmp_path, capsys):
    path = tmp_path / "katalog.zip"
    call_command("export_directory", str(path))
    assert "opublikowanych zajęć" in capsys.readouterr().err
    with datapackage.open_package(path) as exported:
        ids = {row["id"] for row in exported.rows("service")}
    assert ids == {str(a.uuid) for a in Activity.objects.published()}
    call_command("import_directory", str(path), "--dry-run")
    assert "bez zmian: 2, błędy: 0" in capsys.readouterr().out


def test_the_import_command_fails_on_a_broken_package(db, tmp_path):
    path = tmp_path / "zepsuty.zip"
    path.write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(CommandError):
        call_command("import_directory", str(path))


def typed(row, resource):
    """A CSV row as the JSON object it stands for: empty cells left out, numbers as numbers."""
    types = {field["name"]: field["type"] for field in resource["schema"]["fields"]}
    data = {}
    for name, value in row.items():
        if value == "":
            continue
        if types[name] in ("number", "integer"):
            value = float(value) if "." in value else int(value)
        data[name] = value
    return data


def test_the_exported_package_holds_hsds_services_and_programs(directory, tmp_path):
    path = tmp_path / "katalog.zip"
    call_command("export_directory", str(path))
    with datapackage.open_package(path) as exported:
        for table in ("service", "program", "schedule", "service_at_location"):
            rows = list(exported.rows(table))
            assert rows, table
            for row in rows:
                assert_valid(table, typed(row, exported.resources[table]))
