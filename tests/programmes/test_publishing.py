"""Drafts, "visible from / until", staff preview and freshness notices."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from activities.models import Activity
from programmes.models import Programme
from tests.factories import ActivityFactory, ProgrammeFactory, coordinator, editor

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, 0), tick=False):
        yield


def test_it_shows_a_programme_within_its_visibility_dates():
    programme = ProgrammeFactory(
        visible_from=TODAY - datetime.timedelta(days=1), visible_until=TODAY
    )
    assert list(Programme.objects.published()) == [programme]


@pytest.mark.parametrize(
    "dates",
    [
        {"visible_from": TODAY + datetime.timedelta(days=1)},
        {"visible_until": TODAY - datetime.timedelta(days=1)},
        {"published": False},
    ],
    ids=["not-yet", "expired", "draft"],
)
def test_it_hides_programmes_outside_their_dates_or_drafts(dates):
    ProgrammeFactory(**dates)
    assert not Programme.objects.published().exists()


def test_it_hides_a_seasonal_activity_after_its_season():
    ActivityFactory(visible_until=TODAY - datetime.timedelta(days=1))
    assert not Activity.objects.published().exists()


def test_it_hides_activities_of_a_programme_not_yet_visible():
    ActivityFactory(programme=ProgrammeFactory(visible_from=TODAY + datetime.timedelta(days=3)))
    assert not Activity.objects.published().exists()


def test_it_leaves_a_season_over_out_of_the_finder(client):
    ActivityFactory(title="Półkolonie zimowe", visible_until=TODAY - datetime.timedelta(days=1))
    assert "Półkolonie zimowe" not in client.get(reverse("activities:list")).text


def test_it_answers_404_to_visitors_for_a_draft_activity(client):
    activity = ActivityFactory(published=False)
    assert client.get(activity.get_absolute_url()).status_code == 404


def test_it_lets_the_coordinator_preview_a_draft_activity(client):
    activity = ActivityFactory(published=False, title="Szkic warsztatów")
    client.force_login(coordinator(activity.programme))
    response = client.get(activity.get_absolute_url())
    assert response.status_code == 200
    assert "Podgląd szkicu – strona niewidoczna dla mieszkańców." in response.text
    assert '<meta name="robots" content="noindex, nofollow">' in response.text


def test_it_marks_a_preview_as_never_cached(client):
    programme = ProgrammeFactory(published=False)
    client.force_login(editor())
    response = client.get(programme.get_absolute_url())
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_it_keeps_another_programmes_draft_from_a_coordinator(client):
    draft = ProgrammeFactory(published=False)
    client.force_login(coordinator(ProgrammeFactory()))
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_it_lets_an_editor_preview_a_programme_before_its_season(client):
    programme = ProgrammeFactory(visible_from=TODAY + datetime.timedelta(days=10))
    client.force_login(editor())
    assert client.get(programme.get_absolute_url()).status_code == 200


def test_it_shows_no_banner_on_a_published_page_seen_by_staff(client):
    programme = ProgrammeFactory()
    client.force_login(editor())
    assert "Podgląd szkicu" not in client.get(programme.get_absolute_url()).text


def test_it_sets_no_cookie_and_no_vary_on_public_pages(client):
    activity = ActivityFactory()
    for url in [activity.get_absolute_url(), activity.programme.get_absolute_url()]:
        response = client.get(url)
        assert response.cookies == {}
        assert "Cookie" not in response.get("Vary", "")


def test_it_says_when_the_information_was_checked(client):
    programme = ProgrammeFactory(last_verified=TODAY - datetime.timedelta(days=30))
    text = client.get(programme.get_absolute_url()).text
    assert "Informacje sprawdzono" in text
    assert "więcej niż pół roku temu" not in text


def test_it_notices_information_older_than_six_months(client):
    activity = ActivityFactory(last_verified=TODAY - datetime.timedelta(days=200))
    text = client.get(activity.get_absolute_url()).text
    assert "Informacje sprawdzono" in text
    assert "To było więcej niż pół roku temu" in text


def test_it_uses_the_programmes_date_for_an_activity_without_one(client):
    programme = ProgrammeFactory(last_verified=TODAY - datetime.timedelta(days=400))
    activity = ActivityFactory(programme=programme)
    assert "To było więcej niż pół roku temu" in client.get(activity.get_absolute_url()).text


def test_it_finds_stale_programmes():
    fresh = ProgrammeFactory(last_verified=TODAY - datetime.timedelta(days=10))
    old = ProgrammeFactory(last_verified=TODAY - datetime.timedelta(days=190))
    never = ProgrammeFactory(last_verified=None)
    assert set(Programme.objects.stale()) == {old, never}
    assert fresh not in Programme.objects.stale()


def test_it_finds_stale_activities_through_their_programme():
    programme = ProgrammeFactory(last_verified=TODAY - datetime.timedelta(days=300))
    inherits = ActivityFactory(programme=programme)
    own_date = ActivityFactory(programme=programme, last_verified=TODAY)
    assert list(Activity.objects.stale()) == [inherits]
    assert own_date not in Activity.objects.stale()


def test_it_filters_the_admin_list_by_not_checked_for_six_months(admin_client):
    ProgrammeFactory(name="PAL Świeży", last_verified=TODAY)
    old = ProgrammeFactory(name="PAL Stary", last_verified=TODAY - datetime.timedelta(days=365))
    response = admin_client.get(
        reverse("admin:programmes_programme_changelist"), {"freshness": "stale"}
    )
    assert list(response.context["cl"].result_list) == [old]


def test_it_marks_items_checked_today_from_the_admin_list(admin_client):
    programme = ProgrammeFactory(last_verified=None)
    admin_client.post(
        reverse("admin:programmes_programme_changelist"),
        {"action": "mark_checked_today", "_selected_action": [programme.pk]},
    )
    programme.refresh_from_db()
    assert programme.last_verified == TODAY


def test_it_lists_the_activities_of_a_draft_programme_in_its_preview(client):
    programme = ProgrammeFactory(published=False)
    ActivityFactory(programme=programme, title="Zajęcia w szkicu")
    client.force_login(coordinator(programme))
    assert "Zajęcia w szkicu" in client.get(programme.get_absolute_url()).text


def test_it_judges_the_finders_programme_choices_on_the_day_of_the_request(client):
    ProgrammeFactory(name="PAL Sezonowy", slug="pal-sezonowy", visible_until=TODAY)
    url = reverse("activities:list")
    assert client.get(url, {"programme": "pal-sezonowy"}).status_code == 200
    with time_machine.travel(datetime.datetime(2026, 6, 16, 12, 0), tick=False):
        # The season is over: the programme is no longer a valid choice.
        assert client.get(url, {"programme": "pal-sezonowy"}).status_code == 400
