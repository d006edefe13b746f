"""Where a programme works, as templates place it (programme_tags.served_area)."""

import pytest

from programmes.models import ProgrammeStatus
from programmes.templatetags.programme_tags import served_area
from tests.factories import LocationFactory, ProgrammeFactory, district

pytestmark = pytest.mark.django_db


def test_it_names_the_district_of_the_place():
    location = LocationFactory(district=district("nowa-huta"))
    assert served_area(location.programme, location) == f"dzielnica {location.district}"


def test_it_says_the_whole_city_for_citywide_programmes():
    assert served_area(ProgrammeFactory(citywide=True)) == "cały Kraków"


def test_it_lists_the_districts_served_when_the_place_has_none():
    programme = ProgrammeFactory(districts=[district("nowa-huta"), district("bienczyce")])
    names = ", ".join(str(d) for d in programme.districts.all())
    assert served_area(programme) == f"dzielnica {names}"


def test_it_says_when_no_district_is_given():
    assert served_area(ProgrammeFactory()) == "nie podano dzielnicy"


def test_it_badges_every_status_but_active():
    assert not ProgrammeFactory.build(status=ProgrammeStatus.ACTIVE).shows_status
    assert ProgrammeFactory.build(status=ProgrammeStatus.SUSPENDED).shows_status
