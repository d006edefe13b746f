import datetime

import pytest
import time_machine
from django.db import IntegrityError
from django.utils import translation

from activities.models import Activity, ActivityKind, ActivityStatus, Topic
from programmes.models import ProgrammeStatus
from tests.factories import (
    ActivityFactory,
    AgeGroupFactory,
    LocationFactory,
    ProgrammeFactory,
    TopicFactory,
    WeeklySessionFactory,
    district,
)

pytestmark = pytest.mark.django_db


def titles(queryset):
    return sorted(activity.title for activity in queryset)


def test_it_hides_unpublished_activities():
    ActivityFactory(title="Widoczne")
    ActivityFactory(title="Szkic", published=False)
    assert titles(Activity.objects.published()) == ["Widoczne"]


def test_it_hides_activities_of_unpublished_programmes():
    ActivityFactory(title="Ukryte", programme=ProgrammeFactory(published=False))
    assert titles(Activity.objects.published()) == []


def test_it_places_an_activity_in_its_locations_district():
    location = LocationFactory(district=district("mistrzejowice"))
    ActivityFactory(title="Siatkówka", programme=location.programme, location=location)
    ActivityFactory(title="Gdzie indziej", location=LocationFactory(district=district("podgorze")))
    assert titles(Activity.objects.in_district(district("mistrzejowice"))) == ["Siatkówka"]


def test_it_places_an_activity_without_location_in_its_programmes_districts():
    programme = ProgrammeFactory(districts=[district("wzgorza-krzeslawickie")])
    ActivityFactory(title="Wycieczka", programme=programme)
    assert titles(Activity.objects.in_district(district("wzgorza-krzeslawickie"))) == ["Wycieczka"]


def test_it_shows_citywide_activities_in_every_district():
    ActivityFactory(title="Dla rodzin zastępczych", programme=ProgrammeFactory(citywide=True))
    assert titles(Activity.objects.in_district(district("bronowice"))) == ["Dla rodzin zastępczych"]


def test_it_filters_by_age_group():
    children = AgeGroupFactory(name="Dzieci", slug="dzieci")
    ActivityFactory(title="Dla dzieci", age_groups=[children])
    ActivityFactory(title="Dla dorosłych")
    assert titles(Activity.objects.for_age_group(children)) == ["Dla dzieci"]


def test_it_filters_by_topic():
    sport = TopicFactory(name="Sport", slug="sport")
    ActivityFactory(title="Siatkówka", topics=[sport])
    ActivityFactory(title="Brydż")
    assert titles(Activity.objects.about(sport)) == ["Siatkówka"]


def test_it_filters_by_weekday():
    WeeklySessionFactory(activity=ActivityFactory(title="We wtorki"), weekday=2)
    WeeklySessionFactory(activity=ActivityFactory(title="W piątki"), weekday=5)
    assert titles(Activity.objects.on_weekday(2)) == ["We wtorki"]


def test_it_finds_words_without_polish_letters():
    ActivityFactory(title="Zajęcia w Zesławicach")
    assert titles(Activity.objects.search("zeslawicach")) == ["Zajęcia w Zesławicach"]


def test_it_finds_words_by_their_beginning():
    ActivityFactory(title="Warsztaty logopedyczne")
    assert titles(Activity.objects.search("logoped")) == ["Warsztaty logopedyczne"]


def test_it_finds_activities_by_programme_name():
    ActivityFactory(title="Pilates", programme=ProgrammeFactory(name="PAL Na Skarpie"))
    assert titles(Activity.objects.search("skarpie")) == ["Pilates"]


def test_it_follows_a_programme_rename_in_search():
    activity = ActivityFactory(title="Pilates", programme=ProgrammeFactory(name="PAL Stary"))
    activity.programme.name = "PAL Nowy"
    activity.programme.save()
    assert titles(Activity.objects.search("nowy")) == ["Pilates"]


def test_it_needs_every_search_word_to_match():
    ActivityFactory(title="Angielski dla początkujących")
    ActivityFactory(title="Angielski dla zaawansowanych")
    assert titles(Activity.objects.search("angielski zaawansowanych")) == [
        "Angielski dla zaawansowanych"
    ]


def test_it_orders_activities_by_kind():
    programme = ProgrammeFactory()
    ActivityFactory(title="Wycieczka", kind=ActivityKind.TRIP, programme=programme)
    ActivityFactory(title="Zajęcia", kind=ActivityKind.CLASS, programme=programme)
    assert [a.title for a in Activity.objects.by_kind()] == ["Zajęcia", "Wycieczka"]


def test_it_refuses_a_minimum_age_above_the_maximum():
    with pytest.raises(IntegrityError):
        ActivityFactory(min_age=12, max_age=6)


def test_it_refuses_an_end_before_the_start():
    with pytest.raises(IntegrityError):
        ActivityFactory(starts_on=datetime.date(2023, 9, 1), ends_on=datetime.date(2023, 8, 1))


def test_it_refuses_a_paid_activity_without_a_cost_note():
    with pytest.raises(IntegrityError):
        ActivityFactory(free_of_charge=False, cost_note="")


def test_it_refuses_a_session_that_ends_before_it_starts():
    with pytest.raises(IntegrityError):
        WeeklySessionFactory(starts_at="18:00", ends_at="17:00")


def test_it_falls_back_to_the_programmes_verification_date():
    programme = ProgrammeFactory(last_verified=datetime.date(2026, 1, 5))
    assert ActivityFactory(programme=programme).verified_on == datetime.date(2026, 1, 5)


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("angielski", "Nauka języka angielskiego"),
        ("logopeda", "Warsztaty logopedyczne"),
        ("zeslawice", "Zajęcia w Zesławicach"),
        ("ŁĘG", "Spacer po Łęgu"),
        ("dzieci", "Zajęcia dla dziecka"),
        ("siatkowka", "Zajęcia z siatkówki"),
    ],
)
def test_it_finds_inflected_words(query, title):
    ActivityFactory(title=title)
    ActivityFactory(title="Brydż")
    assert titles(Activity.objects.search(query)) == [title]


def test_it_ranks_title_matches_above_description_matches():
    ActivityFactory(title="Spotkania", description="Gramy w brydża.")
    ActivityFactory(title="Brydż", description="Spotkania przy kartach.")
    assert [a.title for a in Activity.objects.search("brydż")] == ["Brydż", "Spotkania"]


def test_it_ignores_a_query_without_words():
    ActivityFactory(title="Pilates")
    assert titles(Activity.objects.search("!!! ---")) == ["Pilates"]


def test_a_topic_counts_only_activities_visitors_can_see_today():
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    music, sport = TopicFactory(name="Muzyka"), TopicFactory(name="Sport")
    ActivityFactory(topics=[music])
    ActivityFactory(topics=[sport], visible_until=yesterday)
    ActivityFactory(topics=[sport], programme=ProgrammeFactory(visible_from=datetime.date.max))
    assert list(Topic.objects.with_published_activities()) == [music]
    last_changes = {t.name: t.last_change for t in Topic.objects.with_last_change()}
    assert last_changes["Sport"] is None
    assert last_changes["Muzyka"] is not None


# Statuses and dates of an unconfirmed source (issue 15)

END_OF_2023 = datetime.date(2023, 12, 31)


def test_it_shows_a_running_activity_past_its_end_date_as_ended():
    activity = ActivityFactory(status=ActivityStatus.RUNNING, ends_on=END_OF_2023)
    with time_machine.travel(datetime.date(2024, 1, 1)):
        assert activity.current_status == ActivityStatus.FINISHED


def test_it_keeps_a_running_activity_running_on_its_last_day():
    activity = ActivityFactory(status=ActivityStatus.RUNNING, ends_on=END_OF_2023)
    with time_machine.travel(datetime.datetime(2023, 12, 31, 12, tzinfo=datetime.UTC)):
        assert activity.current_status == ActivityStatus.RUNNING


def test_it_never_stores_the_computed_end():
    activity = ActivityFactory(status=ActivityStatus.RUNNING, ends_on=END_OF_2023)
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.RUNNING


def test_it_says_when_an_activity_ended():
    activity = ActivityFactory(status=ActivityStatus.RUNNING, ends_on=END_OF_2023)
    assert activity.status_text == "zakończone 31 grudnia 2023"


def test_it_gives_an_unconfirmed_status_as_of_the_year_of_its_source():
    programme = ProgrammeFactory(source_year=2023)
    activity = ActivityFactory(programme=programme, status=ActivityStatus.PLANNED)
    assert activity.status_text == "planowane (stan z 2023 r.)"


def test_it_drops_the_as_of_year_once_a_person_checked_the_programme():
    programme = ProgrammeFactory(source_year=2023, last_verified=datetime.date(2026, 11, 30))
    activity = ActivityFactory(programme=programme, status=ActivityStatus.PLANNED)
    assert activity.status_text == "planowane"


def test_it_drops_the_as_of_year_once_a_person_checked_the_activity():
    programme = ProgrammeFactory(source_year=2023)
    activity = ActivityFactory(
        programme=programme,
        status=ActivityStatus.PLANNED,
        timing_note="Od września 2023 r.",
        last_verified=datetime.date(2026, 11, 30),
    )
    assert activity.source_date_suffix == ""


def test_it_gives_no_as_of_year_without_a_source_year():
    activity = ActivityFactory(status=ActivityStatus.PLANNED)
    assert activity.status_text == "planowane"


def test_it_marks_dates_of_an_unconfirmed_source_as_the_sources():
    activity = ActivityFactory(
        programme=ProgrammeFactory(source_year=2023), timing_note="Od września 2023 r."
    )
    assert activity.source_date_suffix == "(według źródła z 2023 r.)"


def test_it_marks_no_date_where_the_source_gave_none():
    activity = ActivityFactory(programme=ProgrammeFactory(source_year=2023))
    assert activity.source_date_suffix == ""


def test_it_words_the_as_of_year_in_ukrainian():
    activity = ActivityFactory(
        programme=ProgrammeFactory(source_year=2023), status=ActivityStatus.PLANNED
    )
    with translation.override("uk"):
        assert activity.status_text.endswith("(станом на 2023 рік)")


def test_it_gives_a_programmes_unconfirmed_status_as_of_its_source():
    programme = ProgrammeFactory(source_year=2023, status=ProgrammeStatus.STARTING_SOON)
    assert programme.status_text == "wkrótce startuje (stan z 2023 r.)"


def test_it_warns_that_the_dates_of_an_unconfirmed_source_are_not_todays_plan():
    programme = ProgrammeFactory(source_year=2023)
    assert "to nie jest obecny plan" in programme.source_dates_notice


def test_it_gives_no_dates_warning_once_a_person_checked_the_programme():
    programme = ProgrammeFactory(source_year=2023, last_verified=datetime.date(2026, 11, 30))
    assert programme.source_dates_notice == ""
