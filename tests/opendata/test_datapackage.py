import io
import zipfile

import frictionless
import pytest
from django.core.management import call_command
from django.urls import reverse

from activities.models import Activity
from opendata import datapackage
from tests.opendata.hsds import get_json


@pytest.fixture(autouse=True)
def package_folder(settings, tmp_path):
    settings.OPEN_DATA_DIR = tmp_path / "opendata"


def download(client):
    response = client.get(reverse("hsds:datapackage"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    return response, b"".join(response.streaming_content)


def frictionless_report(content, folder):
    zipfile.ZipFile(io.BytesIO(content)).extractall(folder)
    return frictionless.validate(str(folder / "datapackage.json"))


def test_it_is_a_valid_data_package_on_the_seed(client, seed, tmp_path):
    _response, content = download(client)
    report = frictionless_report(content, tmp_path / "seed")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_it_is_valid_with_sessions_dates_and_contacts(client, directory, tmp_path):
    _response, content = download(client)
    report = frictionless_report(content, tmp_path / "factory")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_it_holds_every_published_service_and_nothing_else(client, directory):
    _response, content = download(client)
    with datapackage.open_package(io.BytesIO(content)) as package:
        ids = {row["id"] for row in package.rows("service")}
    published = Activity.objects.published().values_list("uuid", flat=True)
    assert ids == {str(pk) for pk in published}


def test_it_writes_weekly_sessions_and_public_contacts_as_rows(client, directory):
    _response, content = download(client)
    with datapackage.open_package(io.BytesIO(content)) as package:
        weekly = [row for row in package.rows("schedule") if row["freq"] == "WEEKLY"]
        contacts = {row["name"] for row in package.rows("contact")}
    assert [(row["byday"], row["opens_at"]) for row in weekly] == [("TU", "17:00")]
    assert contacts == {"Anna Publiczna"}


def test_it_round_trips_what_the_api_publishes(client, directory):
    _response, content = download(client)
    api = get_json(client, reverse("hsds:services"), data={"per_page": 100})
    with datapackage.open_package(io.BytesIO(content)) as package:
        rows = {row["id"]: row for row in package.rows("service")}
    for service in api["contents"]:
        row = rows[service["id"]]
        assert (row["name"], row["status"], row["program_id"]) == (
            service["name"],
            service["status"],
            service["program_id"],
        )


def test_it_is_rebuilt_when_content_changes(client, directory):
    first, _content = download(client)
    directory["weekly"].title = "Siatkówka dla młodzieży"
    directory["weekly"].save()
    second, content = download(client)
    assert second["ETag"] != first["ETag"]
    with datapackage.open_package(io.BytesIO(content)) as package:
        names = {row["name"] for row in package.rows("service")}
    assert "Siatkówka dla młodzieży" in names


def test_it_serves_the_same_build_while_nothing_changes(client, directory):
    first, _content = download(client)
    second = client.get(reverse("hsds:datapackage"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 304


def test_the_command_builds_the_package_and_shows_progress(directory, settings, capsys):
    call_command("build_datapackage")
    output = capsys.readouterr()
    assert "services 2/2" in output.err
    [built] = list(settings.OPEN_DATA_DIR.glob("hsds-*.zip"))
    with datapackage.open_package(built) as package:
        assert len(list(package.rows("service"))) == 2
