"""HSDS carries what a resident needs to know before going (issue 14): languages,
application_process, alert, eligibility and a place's step-free access, each checked
against the HSDS 3.0 schema; unknown values are left out, never guessed."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from activities.models import HowToJoin
from programmes.models import StepFreeAccess
from tests.factories import ActivityFactory, LocationFactory, ProgrammeFactory, language
from tests.opendata.hsds import assert_valid, get_json

pytestmark = pytest.mark.django_db


def service_of(client, activity):
    service = get_json(client, reverse("hsds:service", args=[activity.uuid]))
    assert_valid("service", service)
    return service


def test_it_lists_the_activitys_languages_by_iso_code(client):
    activity = ActivityFactory(languages=[language("uk"), language("pso")])
    service = service_of(client, activity)
    assert sorted(lang["code"] for lang in service["languages"]) == ["pso", "uk"]
    assert {lang["service_id"] for lang in service["languages"]} == {str(activity.uuid)}


def test_an_unknown_language_is_left_out_not_polish(client):
    assert service_of(client, ActivityFactory())["languages"] == []


def test_it_says_how_to_join_in_application_process(client):
    activity = ActivityFactory(
        how_to_join=HowToJoin.SIGN_UP,
        how_to_join_note="U koordynatorki PAL",
        what_to_bring="Zmienne obuwie",
    )
    assert service_of(client, activity)["application_process"] == (
        "Najpierw trzeba się zapisać. U koordynatorki PAL. Co zabrać: Zmienne obuwie."
    )


def test_an_unknown_way_of_joining_has_no_application_process(client):
    assert "application_process" not in service_of(client, ActivityFactory())


def test_it_puts_only_for_first_in_the_eligibility(client):
    activity = ActivityFactory(
        programme=ProgrammeFactory(only_for="Tylko dla rodzin zastępczych"),
        eligibility="Mieszkańcy Krakowa.",
    )
    assert service_of(client, activity)["eligibility_description"] == (
        "Tylko dla rodzin zastępczych\n\nMieszkańcy Krakowa."
    )


@time_machine.travel(datetime.date(2026, 8, 10))
def test_a_current_notice_is_the_services_alert(client):
    activity = ActivityFactory(notice="Przerwa wakacyjna", notice_until=datetime.date(2026, 8, 31))
    assert service_of(client, activity)["alert"] == "Przerwa wakacyjna"


@time_machine.travel(datetime.date(2026, 9, 1))
def test_an_ended_notice_is_no_alert(client):
    activity = ActivityFactory(notice="Przerwa wakacyjna", notice_until=datetime.date(2026, 8, 31))
    assert "alert" not in service_of(client, activity)


def test_a_places_step_free_access_is_in_its_accessibility(client):
    place = LocationFactory(step_free=StepFreeAccess.PARTLY, accessibility="Podjazd od podwórza.")
    activity = ActivityFactory(programme=place.programme, location=place)
    location = service_of(client, activity)["service_at_locations"][0]["location"]
    assert_valid("location", location)
    [access] = location["accessibility"]
    assert (access["description"], access["details"]) == (
        "Podjazd od podwórza.",
        "Dostęp bez barier: częściowo bez barier",
    )


def test_a_place_checked_by_nobody_has_no_accessibility_entry(client):
    place = LocationFactory()
    activity = ActivityFactory(programme=place.programme, location=place)
    location = service_of(client, activity)["service_at_locations"][0]["location"]
    assert "accessibility" not in location
