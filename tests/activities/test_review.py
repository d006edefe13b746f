"""Review dates: every programme and activity is due for a check some months after
someone last confirmed it; "Do sprawdzenia" lists what is due, per coordinator."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from reversion.models import Version

from activities.models import Activity
from programmes.models import Programme, ReviewInterval
from tests.factories import ActivityFactory, ProgrammeFactory, coordinator, editor

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 6, 15, 10, 0, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 6, 15)
UNTIL = TODAY + datetime.timedelta(days=14)


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


def due(model, obj):
    return model.objects.with_review_due().get(pk=obj.pk).review_due


def test_it_makes_a_programme_due_six_months_after_its_check_by_default():
    programme = ProgrammeFactory(last_verified=datetime.date(2026, 1, 10))
    assert programme.review_interval is None
    assert due(Programme, programme) == datetime.date(2026, 7, 10)


def test_it_takes_the_default_interval_from_the_setting(settings):
    settings.REVIEW_INTERVAL_MONTHS = 12
    programme = ProgrammeFactory(last_verified=datetime.date(2026, 1, 10))
    assert due(Programme, programme) == datetime.date(2027, 1, 10)


def test_it_follows_an_items_own_interval():
    programme = ProgrammeFactory(
        last_verified=datetime.date(2026, 1, 10), review_interval=ReviewInterval.QUARTERLY
    )
    assert due(Programme, programme) == datetime.date(2026, 4, 10)


def test_it_makes_an_activity_without_its_own_check_follow_its_programme():
    programme = ProgrammeFactory(last_verified=datetime.date(2025, 11, 20))
    activity = ActivityFactory(programme=programme, review_interval=ReviewInterval.YEARLY)
    assert due(Activity, activity) == datetime.date(2026, 11, 20)
    programme.last_verified = TODAY
    programme.save()
    assert due(Activity, activity) == datetime.date(2027, 6, 15)


def test_it_prefers_the_activitys_own_check():
    programme = ProgrammeFactory(last_verified=datetime.date(2025, 1, 1))
    activity = ActivityFactory(programme=programme, last_verified=datetime.date(2026, 3, 5))
    assert due(Activity, activity) == datetime.date(2026, 9, 5)


def test_it_makes_never_checked_items_due_since_they_were_created():
    with time_machine.travel(datetime.datetime(2026, 2, 1, 9, 0, tzinfo=datetime.UTC)):
        programme = ProgrammeFactory(last_verified=None)
    assert due(Programme, programme) == datetime.date(2026, 2, 1)


def test_it_lists_what_is_due_in_the_next_two_weeks_most_overdue_first():
    soon = ProgrammeFactory(
        last_verified=datetime.date(2026, 1, 25)
    )  # due 25 July: after the two weeks
    within = ProgrammeFactory(last_verified=datetime.date(2026, 1, 20))  # due 20 July
    overdue = ProgrammeFactory(last_verified=datetime.date(2025, 10, 1))
    very_overdue = ProgrammeFactory(last_verified=datetime.date(2025, 6, 1))
    in_ten_days = ProgrammeFactory(last_verified=datetime.date(2025, 12, 25))
    draft = ProgrammeFactory(last_verified=datetime.date(2024, 1, 1), published=False)
    listed = list(Programme.objects.due_for_review(UNTIL))
    assert listed == [very_overdue, overdue, in_ten_days]
    assert {soon, within, draft}.isdisjoint(listed)


def test_it_leaves_out_the_activities_of_a_draft_programme():
    programme = ProgrammeFactory(published=False, last_verified=None)
    ActivityFactory(programme=programme)
    assert not Activity.objects.due_for_review(UNTIL).exists()


@pytest.fixture
def two_programmes():
    own = ProgrammeFactory(name="PAL Na Skarpie", last_verified=datetime.date(2025, 9, 1))
    other = ProgrammeFactory(name="PAL Mistrzejowice", last_verified=datetime.date(2025, 8, 1))
    ActivityFactory(programme=own, title="Zajęcia plastyczne")
    ActivityFactory(programme=other, title="Siatkówka")
    return own, other


def review_page(client):
    return client.get(reverse("admin:review_list"))


def test_it_shows_a_coordinator_only_their_programmes_items_due(client, two_programmes):
    own, other = two_programmes
    client.force_login(coordinator(own))
    page = review_page(client)
    listed = [row["obj"] for row in page.context["rows"]]
    assert listed == [own, own.activities.get()]
    assert "Siatkówka" not in page.text


def test_it_shows_a_central_editor_everything_due_most_overdue_first(client, two_programmes):
    own, other = two_programmes
    client.force_login(editor())
    rows = review_page(client).context["rows"]
    assert [row["obj"].pk for row in rows if row["field"] == "programme"] == [other.pk, own.pk]
    assert [row["due"] for row in rows] == sorted(row["due"] for row in rows)
    assert len(rows) == 4


def test_it_counts_what_is_due_on_the_admin_index(client, two_programmes):
    own, _ = two_programmes
    client.force_login(coordinator(own))
    assert "Do sprawdzenia: 2 strony" in client.get(reverse("admin:index")).text


def test_it_clears_an_item_checked_today(client, two_programmes):
    own, _ = two_programmes
    client.force_login(coordinator(own))
    response = client.post(reverse("admin:review_list"), {"programme": [own.pk], "checked": "1"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.last_verified == TODAY
    rows = review_page(client).context["rows"]
    # Its activity follows the programme's new date, so nothing is left.
    assert rows == []


def test_it_records_a_check_with_changes_in_the_history(client, two_programmes):
    own, _ = two_programmes
    activity = own.activities.get()
    client.force_login(coordinator(own))
    client.post(reverse("admin:review_list"), {"activity": [activity.pk], "with_changes": "1"})
    activity.refresh_from_db()
    assert activity.last_verified == TODAY
    version = Version.objects.get_for_object(activity).first()
    assert version.revision.comment == "Informacje sprawdzone, z poprawkami"


def test_it_does_not_let_a_coordinator_check_another_programme(client, two_programmes):
    own, other = two_programmes
    client.force_login(coordinator(own))
    client.post(reverse("admin:review_list"), {"programme": [other.pk], "checked": "1"})
    other.refresh_from_db()
    assert other.last_verified == datetime.date(2025, 8, 1)


def test_it_offers_checked_with_changes_on_the_admin_list(admin_client):
    programme = ProgrammeFactory(last_verified=None)
    admin_client.post(
        reverse("admin:programmes_programme_changelist"),
        {"action": "mark_checked_with_changes", "_selected_action": [programme.pk]},
    )
    programme.refresh_from_db()
    assert programme.last_verified == TODAY


def test_it_sorts_the_admin_list_by_check_due(admin_client):
    later = ProgrammeFactory(last_verified=datetime.date(2026, 5, 1))
    sooner = ProgrammeFactory(last_verified=datetime.date(2025, 5, 1))
    response = admin_client.get(reverse("admin:programmes_programme_changelist"), {"o": "5"})
    assert list(response.context["cl"].result_list) == [sooner, later]
