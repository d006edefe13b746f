"""The derived search columns are built by one function per model
(refresh_search_index), called when a save writes a field they read."""

import pytest

from activities.models import Activity, SearchStem
from programmes import search
from programmes.models import Programme
from tests.factories import ActivityFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_it_indexes_bulk_created_programmes_when_asked():
    Programme.objects.bulk_create([Programme(name="PAL Łęg", slug="leg", summary="Zajęcia")])
    Programme.objects.refresh_search_index()
    assert list(Programme.objects.search("łęgu").values_list("slug", flat=True)) == ["leg"]


def test_it_gives_a_programme_its_polish_sort_key():
    programme = ProgrammeFactory(name="PAL Łęg")
    programme.refresh_from_db()
    assert programme.sort_name == search.sort_key("PAL Łęg")


def test_it_indexes_bulk_created_activities_when_asked():
    programme = ProgrammeFactory(name="PAL Zesławice")
    Activity.objects.bulk_create(
        [Activity(programme=programme, title="Język angielski", slug="en", summary="Kurs")]
    )
    Activity.objects.refresh_search_index()
    assert list(Activity.objects.search("angielskiego").values_list("slug", flat=True)) == ["en"]


def test_it_indexes_an_activity_by_its_programme_name():
    ActivityFactory(title="Siatkówka", programme=ProgrammeFactory(name="PAL Mistrzejowice"))
    assert Activity.objects.search("mistrzejowicach").count() == 1


def test_it_follows_a_programme_rename_into_its_activities():
    activity = ActivityFactory(title="Siatkówka", programme=ProgrammeFactory(name="PAL Stary"))
    activity.programme.name = "PAL Zesławice"
    activity.programme.save()
    assert Activity.objects.search("zeslawice").count() == 1


def test_it_leaves_the_index_alone_when_only_the_check_date_changes():
    activity = ActivityFactory(title="Siatkówka")
    Activity.objects.update(search_text="")
    activity.last_verified = activity.created_at.date()
    activity.save(update_fields=["last_verified", "updated_at"])
    assert Activity.objects.get().search_text == ""


def test_it_rebuilds_the_index_when_a_translation_changes():
    activity = ActivityFactory(title="Siatkówka")
    activity.title_uk = "Волейбол"
    activity.save(update_fields=["title_uk"])
    assert SearchStem.objects.filter(activity=activity, stem="волейбол", in_title=True).exists()
