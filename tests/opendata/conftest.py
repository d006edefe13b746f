import datetime

import pytest

from activities.models import Timing
from tests.factories import (
    ActivityFactory,
    AgeGroupFactory,
    LocationFactory,
    ProgrammeFactory,
    StaffContactFactory,
    TopicFactory,
    WeeklySessionFactory,
    district,
)


@pytest.fixture
def directory(db):
    """A programme with a place, contacts, a weekly activity, a dated event, and things
    visitors cannot see (a draft activity, a hidden programme, a private contact)."""
    programme = ProgrammeFactory(
        name="PAL Testowe Osiedle", districts=[district("nowa-huta")], last_verified="2026-09-01"
    )
    place = LocationFactory(
        programme=programme,
        address="os. Testowe 1",
        postal_code="31-911",
        latitude="50.080000",
        longitude="20.030000",
        coordinates_source="Test",
        accessibility="Wejście bez schodów.",
    )
    StaffContactFactory(programme=programme, name="Anna Publiczna")
    StaffContactFactory(
        programme=programme,
        name="Jan Ukryty",
        email="jan@example.pl",
        phone="123 456 789",
        public=False,
    )
    sport = TopicFactory(name="Sport", slug="sport")
    children = AgeGroupFactory(name="Dzieci", slug="dzieci")
    weekly = ActivityFactory(
        programme=programme,
        location=place,
        title="Siatkówka dla dzieci",
        min_age=7,
        max_age=12,
        eligibility="Mieszkańcy osiedla.",
        topics=[sport],
        age_groups=[children],
    )
    WeeklySessionFactory(
        activity=weekly,
        weekday=2,
        starts_at="17:00",
        ends_at="18:30",
        valid_from=datetime.date(2026, 9, 1),
        valid_until=datetime.date(2027, 6, 30),
    )
    event = ActivityFactory(
        programme=programme,
        title="Piknik sąsiedzki",
        timing=Timing.DATED,
        starts_on=datetime.date(2026, 10, 24),
        timing_note="24 października",
    )
    draft = ActivityFactory(programme=programme, title="Szkic zajęć", published=False)
    hidden = ActivityFactory(programme=ProgrammeFactory(published=False), title="Ukryte zajęcia")
    return {"weekly": weekly, "event": event, "draft": draft, "hidden": hidden, "place": place}
