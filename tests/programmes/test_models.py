import pytest
from django.db import IntegrityError

from programmes.models import District, Location, Programme
from tests.factories import LocationFactory, ProgrammeFactory, district

pytestmark = pytest.mark.django_db


def test_it_seeds_all_eighteen_districts():
    assert District.objects.count() == 18


def test_it_labels_districts_with_numeral_and_name():
    assert str(district("wzgorza-krzeslawickie")) == "XVII Wzgórza Krzesławickie"


def test_it_hides_unpublished_programmes():
    ProgrammeFactory(name="Widoczny")
    ProgrammeFactory(name="Szkic", published=False)
    assert [p.name for p in Programme.objects.published()] == ["Widoczny"]


def test_it_finds_programmes_serving_a_district():
    ProgrammeFactory(name="Mistrzejowice", districts=[district("mistrzejowice")])
    ProgrammeFactory(name="Nowa Huta", districts=[district("nowa-huta")])
    names = [p.name for p in Programme.objects.in_district(district("mistrzejowice"))]
    assert names == ["Mistrzejowice"]


def test_it_counts_citywide_programmes_in_every_district():
    ProgrammeFactory(name="Rodziny zastępcze", citywide=True)
    names = [p.name for p in Programme.objects.in_district(district("debniki"))]
    assert names == ["Rodziny zastępcze"]


def test_it_counts_only_published_activities():
    from tests.factories import ActivityFactory

    programme = ProgrammeFactory()
    ActivityFactory(programme=programme)
    ActivityFactory(programme=programme, published=False)
    assert Programme.objects.with_activity_count().get().activity_count == 1


def test_it_refuses_coordinates_without_a_source():
    with pytest.raises(IntegrityError):
        LocationFactory(latitude=50.08, longitude=20.03, coordinates_source="")


def test_it_refuses_half_a_coordinate():
    with pytest.raises(IntegrityError):
        LocationFactory(latitude=50.08, coordinates_source="GPS")


def test_it_accepts_complete_coordinates():
    location = LocationFactory(latitude=50.08, longitude=20.03, coordinates_source="pomiar GPS")
    assert Location.objects.get(pk=location.pk).has_coordinates
