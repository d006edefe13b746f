import datetime
import json
import uuid

import pytest
import time_machine
from django.urls import reverse

from activities.models import Activity
from opendata import hsds
from programmes.models import StaffContact
from tests.factories import (
    ActivityFactory,
    WeeklySessionFactory,
)
from tests.opendata.hsds import assert_page, assert_valid, get_json

LISTS = {
    "hsds:services": "service",
    "hsds:organizations": "organization",
    "hsds:service_at_locations": "service_at_location",
    "hsds:taxonomies": "taxonomy",
    "hsds:taxonomy_terms": "taxonomy_term",
}


def everything(client, name, **params):
    """Every item of a list endpoint, page by page, each page checked."""
    items, page = [], 1
    while True:
        body = get_json(client, reverse(name), data={**params, "page": page, "per_page": 20})
        assert_page(body, LISTS[name])
        items += body["contents"]
        if body["last_page"]:
            assert len(items) == body["total_items"]
            return items
        page += 1


def test_it_describes_itself(client, db):
    body = get_json(client, reverse("hsds:root"))
    assert body["version"] == "3.0"
    openapi = get_json(client, body["openapi_url"].removeprefix("http://testserver"))
    assert "/services/{id}" in openapi["paths"]


@pytest.mark.parametrize("name", LISTS)
def test_it_lists_the_seed_data_valid_against_hsds(client, seed, name):
    assert everything(client, name)


def test_it_serves_every_seed_service_fully_nested_and_valid(client, seed):
    for summary in everything(client, "hsds:services"):
        service = get_json(client, reverse("hsds:service", kwargs={"pk": summary["id"]}))
        assert_valid("service", service)


def test_it_serves_each_seed_detail_valid(client, seed):
    for item in everything(client, "hsds:service_at_locations"):
        detail = get_json(client, reverse("hsds:service_at_location", kwargs={"pk": item["id"]}))
        assert_valid("service_at_location", detail)
        assert_valid("service", detail["service"])
    for item in everything(client, "hsds:taxonomy_terms"):
        assert_valid(
            "taxonomy_term", get_json(client, reverse("hsds:taxonomy_term", args=[item["id"]]))
        )
    for item in everything(client, "hsds:taxonomies"):
        assert_valid("taxonomy", get_json(client, reverse("hsds:taxonomy", args=[item["id"]])))
    organization = get_json(client, reverse("hsds:organization", args=[hsds.ORGANIZATION_ID]))
    assert_valid("organization", organization)
    assert len(organization["services"]) == Activity.objects.published().count()


def test_it_publishes_weekly_sessions_as_weekly_rules(client, directory):
    service = get_json(client, reverse("hsds:service", args=[directory["weekly"].uuid]))
    assert_valid("service", service)
    [schedule] = service["schedules"]
    assert (schedule["freq"], schedule["byday"]) == ("WEEKLY", "TU")
    assert (schedule["opens_at"], schedule["closes_at"]) == ("17:00", "18:30")
    assert (schedule["valid_from"], schedule["valid_to"]) == ("2026-09-01", "2027-06-30")


@pytest.mark.parametrize("day, offset", [("2027-01-15", 1), ("2027-07-15", 2)])
def test_it_gives_weekly_times_krakows_utc_offset_of_the_day(client, directory, day, offset):
    # Without `timezone`, HSDS readers take opens_at for UTC: an hour or two early.
    with time_machine.travel(datetime.datetime.fromisoformat(f"{day}T12:00:00+00:00")):
        service = get_json(client, reverse("hsds:service", args=[directory["weekly"].uuid]))
    assert_valid("service", service)
    [schedule] = service["schedules"]
    assert schedule["timezone"] == offset
    assert (schedule["opens_at"], schedule["closes_at"]) == ("17:00", "18:30")


def test_it_publishes_a_dated_event_with_its_date(client, directory):
    service = get_json(client, reverse("hsds:service", args=[directory["event"].uuid]))
    assert_valid("service", service)
    [schedule] = service["schedules"]
    assert (schedule["dtstart"], schedule["until"]) == ("2026-10-24", "2026-10-24")


def test_it_maps_ages_eligibility_cost_and_checked_date(client, directory):
    service = get_json(client, reverse("hsds:service", args=[directory["weekly"].uuid]))
    assert (service["minimum_age"], service["maximum_age"]) == (7, 12)
    assert service["eligibility_description"] == "Mieszkańcy osiedla."
    assert service["cost_options"][0]["amount"] == 0
    assert service["assured_date"] == "2026-09-01"
    assert service["status"] == "active"


def test_it_files_services_under_our_taxonomy_terms(client, directory):
    service = get_json(client, reverse("hsds:service", args=[directory["weekly"].uuid]))
    names = {link["taxonomy_term"]["name"] for link in service["attributes"]}
    assert names == {"Sport", "Dzieci"}


def test_it_puts_the_programmes_districts_in_service_areas(client, directory):
    service = get_json(client, reverse("hsds:service", args=[directory["weekly"].uuid]))
    assert [area["name"] for area in service["service_areas"]] == ["XVIII Nowa Huta"]


def test_it_gives_contacts_only_the_public_names(client, directory):
    service = get_json(client, reverse("hsds:service", args=[directory["weekly"].uuid]))
    assert service["contacts"] == [
        {"id": service["contacts"][0]["id"], "service_id": service["id"], "name": "Anna Publiczna"}
    ]


def test_it_never_publishes_private_contact_details(client, directory):
    response = client.get(reverse("hsds:services"), {"full": "true"})
    hidden = StaffContact.objects.get(public=False)
    for secret in (hidden.name, hidden.email, hidden.phone):
        assert secret.encode() not in response.content


def test_it_leaves_out_drafts_and_hidden_programmes(client, directory):
    ids = {item["id"] for item in everything(client, "hsds:services")}
    assert ids == {str(directory["weekly"].uuid), str(directory["event"].uuid)}


@pytest.mark.parametrize("hidden", ["draft", "hidden"])
def test_it_answers_404_for_an_unpublished_service(client, directory, hidden):
    url = reverse("hsds:service", args=[directory[hidden].uuid])
    assert get_json(client, url, status=404)["status"] == 404


def test_it_nests_the_location_with_its_address(client, directory):
    [item] = everything(client, "hsds:service_at_locations", full="true")
    location = item["location"]
    assert (location["latitude"], location["longitude"]) == (50.08, 20.03)
    assert location["addresses"][0]["postal_code"] == "31-911"
    detail = get_json(client, reverse("hsds:service_at_location", args=[item["id"]]))
    assert detail["service"]["id"] == str(directory["weekly"].uuid)


def test_it_searches_in_polish_like_the_finder(client, directory):
    body = get_json(client, reverse("hsds:services"), data={"search": "siatkówki"})
    assert [item["name"] for item in body["contents"]] == ["Siatkówka dla dzieci"]


def test_it_filters_by_taxonomy_term_and_taxonomy(client, directory):
    sport = directory["weekly"].topics.get()
    by_term = get_json(client, reverse("hsds:services"), data={"taxonomy_term_id": sport.uuid})
    assert [item["name"] for item in by_term["contents"]] == ["Siatkówka dla dzieci"]
    by_taxonomy = get_json(
        client, reverse("hsds:services"), data={"taxonomy_id": hsds.AGE_GROUPS_TAXONOMY_ID}
    )
    assert by_taxonomy["total_items"] == 1


def test_it_filters_by_modification_time(client, directory):
    later = (datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=1)).isoformat()
    body = get_json(client, reverse("hsds:services"), data={"modified_after": later})
    assert body["empty"] is True


def test_it_returns_just_ids_names_and_dates_when_minimal(client, directory):
    body = get_json(client, reverse("hsds:services"), data={"minimal": "true"})
    assert set(body["contents"][0]) == {"id", "name", "status", "last_modified"}


def test_it_streams_every_service_as_ndjson(client, directory):
    response = client.get(reverse("hsds:services"), {"format": "ndjson"})
    lines = b"".join(response.streaming_content).decode().splitlines()
    for line in lines:
        assert_valid("service", json.loads(line))
    assert len(lines) == 2


def test_it_publishes_polish_texts_whatever_the_browser_asks_for(client, directory):
    directory["weekly"].title_en = "Volleyball for children"
    directory["weekly"].save()
    english = {"HTTP_ACCEPT_LANGUAGE": "en"}
    listed = get_json(client, reverse("hsds:services"), data={"search": "siatkówka"}, **english)
    streamed = client.get(reverse("hsds:services"), {"format": "ndjson"}, **english)
    lines = b"".join(streamed.streaming_content).decode().splitlines()
    assert listed["contents"][0]["name"] == "Siatkówka dla dzieci"
    assert "Siatkówka dla dzieci" in {json.loads(line)["name"] for line in lines}


@pytest.mark.parametrize(
    "params",
    [
        {"page": "0"},
        {"page": "x"},
        {"per_page": "5000"},
        {"format": "xml"},
        {"full": "maybe"},
        {"taxonomy_term_id": "not-a-uuid"},
        {"taxonomy_term_id": str(uuid.uuid4())},
        {"taxonomy_id": str(uuid.uuid4())},
        {"organization_id": str(uuid.uuid4())},
        {"modified_after": "yesterday"},
        {"modified_after": "0001-01-01T00:00:00+23:59"},
    ],
)
def test_it_answers_400_for_a_bad_parameter(client, directory, params):
    body = get_json(client, reverse("hsds:services"), status=400, data=params)
    assert body["errors"]


def test_it_finds_services_at_a_postcode_but_not_by_distance(client, directory):
    url = reverse("hsds:service_at_locations")
    assert get_json(client, url, data={"postcode": "31-911"})["total_items"] == 1
    assert get_json(client, url, data={"postcode": "30-001"})["total_items"] == 0
    get_json(client, url, status=400, data={"postcode": "31-911", "proximity": "1000"})


def test_it_answers_404_past_the_last_page(client, directory):
    get_json(client, reverse("hsds:services"), status=404, data={"page": 2})


@pytest.mark.parametrize(
    "name", ["hsds:service", "hsds:service_at_location", "hsds:taxonomy", "hsds:taxonomy_term"]
)
@pytest.mark.parametrize("pk", ["nonsense", str(uuid.uuid4())])
def test_it_answers_404_for_an_unknown_id(client, db, name, pk):
    get_json(client, reverse(name, args=[pk]), status=404)


def test_it_lets_every_site_read_the_api_only(client, directory):
    api = client.get(reverse("hsds:services"))
    page = client.get(reverse("activities:list"))
    assert api["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in page


def test_it_answers_304_when_the_copy_is_current(client, directory):
    url = reverse("hsds:services")
    first = client.get(url)
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304


def test_it_sends_the_new_version_after_a_change(client, directory):
    url = reverse("hsds:services")
    first = client.get(url)
    directory["weekly"].title = "Siatkówka dla młodzieży"
    directory["weekly"].save()
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert "Siatkówka dla młodzieży" in again.content.decode()


def test_it_reads_a_page_of_services_in_constant_queries(
    client, directory, django_assert_max_num_queries
):
    programme = directory["weekly"].programme
    for _number in range(30):
        activity = ActivityFactory(programme=programme, topics=[directory["weekly"].topics.get()])
        WeeklySessionFactory(activity=activity)
    with django_assert_max_num_queries(12):
        body = get_json(client, reverse("hsds:services"), data={"full": "true", "per_page": 40})
    assert body["size"] == 32
