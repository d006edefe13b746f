""" "Najbliżej": activities sorted by the distance of their place from the visitor."""

import math
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from activities.models import Activity
from programmes.distance import Point, distance_text, parse_point
from tests.factories import ActivityFactory, LocationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

MARKET_SQUARE = Point(50.062, 19.937)  # Rynek Główny
PLAC_CENTRALNY = (Decimal("50.072200"), Decimal("20.037600"))  # Nowa Huta, about 7 km east
ZESLAWICE = (Decimal("50.092500"), Decimal("20.090000"))  # about 11.5 km north-east
WAWEL = (Decimal("50.054000"), Decimal("19.935500"))  # about 1 km south


def haversine_km(point, latitude, longitude):
    """An independent formula for the expected value (the database uses the law of cosines)."""
    lat1, lon1 = math.radians(point.latitude), math.radians(point.longitude)
    lat2, lon2 = math.radians(float(latitude)), math.radians(float(longitude))
    a = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def activity_at(coordinates, programme=None, **kwargs):
    latitude, longitude = coordinates if coordinates else (None, None)
    place = LocationFactory(
        **({"programme": programme} if programme else {}),
        latitude=latitude,
        longitude=longitude,
        coordinates_source="Pomiar w terenie" if coordinates else "",
    )
    return ActivityFactory(programme=place.programme, location=place, **kwargs)


def test_it_measures_the_distance_to_the_activitys_place():
    activity = activity_at(PLAC_CENTRALNY)
    measured = Activity.objects.with_distance_from(MARKET_SQUARE).get(pk=activity.pk)
    assert measured.distance_km == pytest.approx(
        haversine_km(MARKET_SQUARE, *PLAC_CENTRALNY), rel=1e-3
    )


def test_it_measures_zero_at_the_same_spot_without_failing():
    activity = activity_at((Decimal("50.062000"), Decimal("19.937000")))
    measured = Activity.objects.with_distance_from(MARKET_SQUARE).get(pk=activity.pk)
    assert measured.distance_km == pytest.approx(0, abs=1e-3)


def test_it_leaves_the_distance_unknown_without_coordinates_or_place():
    unmapped = activity_at(None)
    placeless = ActivityFactory(location=None)
    measured = Activity.objects.with_distance_from(MARKET_SQUARE).in_bulk(
        [unmapped.pk, placeless.pk]
    )
    assert measured[unmapped.pk].distance_km is None
    assert measured[placeless.pk].distance_km is None


def test_it_sorts_the_nearest_first_and_the_unknown_last():
    unknown = activity_at(None, title="Aaa bez współrzędnych")
    far = activity_at(ZESLAWICE)
    near = activity_at(WAWEL)
    middle = activity_at(PLAC_CENTRALNY)
    placeless = ActivityFactory(location=None, title="Aab bez miejsca")
    ordered = list(Activity.objects.published().nearest_first(MARKET_SQUARE))
    assert ordered[:3] == [near, middle, far]
    assert set(ordered[3:]) == {unknown, placeless}


def test_it_reads_a_position_rounded_to_about_a_hundred_metres():
    assert parse_point(" 50.06194, 19.93678 ") == Point(50.062, 19.937)


@pytest.mark.parametrize("junk", ["50.06", "abc,def", "91,19", "50,181", "nan,1", "1,2,3"])
def test_it_refuses_a_position_that_is_not_one(junk):
    with pytest.raises(ValidationError):
        parse_point(junk)


@pytest.mark.parametrize(
    ("language", "kilometres", "text"),
    [
        ("pl", 1.234, "ok. 1,2 km"),
        ("en", 1.234, "about 1.2 km"),
        ("uk", 1.234, "бл. 1,2 км"),
        ("pl", 0.01, "ok. 0,1 km"),
        ("pl", 12.6, "ok. 13 km"),
        ("pl", None, "odległość nieznana"),
    ],
)
def test_it_says_the_distance_in_the_visitors_language(language, kilometres, text):
    with translation.override(language):
        assert distance_text(kilometres) == text


def test_the_finder_sorts_by_distance_and_says_it_on_each_card(client):
    activity_at(None, title="Aaa bez współrzędnych")
    activity_at(PLAC_CENTRALNY, title="Zzz na placu")
    activity_at(WAWEL, title="Yyy pod Wawelem")
    response = client.get(reverse("activities:list"), {"near": "50.062,19.937"})
    page = response.content.decode()
    assert page.index("Yyy pod Wawelem") < page.index("Zzz na placu")
    assert page.index("Zzz na placu") < page.index("Aaa bez współrzędnych")
    assert "ok. 0,9 km" in page
    assert "odległość nieznana" in page


def test_the_finder_keeps_the_alphabetical_order_without_a_position(client):
    programme = ProgrammeFactory()
    activity_at(PLAC_CENTRALNY, programme, title="Zzz na placu")
    activity_at(None, programme, title="Aaa bez współrzędnych")
    page = client.get(reverse("activities:list")).content.decode()
    assert page.index("Aaa bez współrzędnych") < page.index("Zzz na placu")
    assert "odległość nieznana" not in page


def test_the_finder_answers_a_bad_position_with_a_message_not_an_error(client):
    response = client.get(reverse("activities:list"), {"near": "tutaj"})
    assert response.status_code == 400
    assert "szerokość" in response.content.decode()
