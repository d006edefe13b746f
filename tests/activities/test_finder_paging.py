"""The finder as django-filter's docs write it: a paginator class, chips once a request."""

from unittest import mock

import pytest
from django.urls import reverse

from activities.views import ActivityPaginator
from programmes import filters
from tests.factories import ActivityFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_it_pages_the_finder_with_its_own_paginator(client):
    programme = ProgrammeFactory()
    for n in range(25):
        ActivityFactory(programme=programme, title=f"Zajęcia {n:02d}")
    response = client.get(reverse("activities:list"), {"page": 2})
    assert isinstance(response.context["paginator"], ActivityPaginator)
    assert [a.title for a in response.context["object_list"]] == [
        f"Zajęcia {n:02d}" for n in range(20, 25)
    ]


def test_it_builds_the_chips_once_per_request(client):
    activity = ActivityFactory(title="Siatkówka")
    query = {"q": "siatkowka", "programme": activity.programme.slug}
    with mock.patch.object(filters, "_display", wraps=filters._display) as display:
        client.get(reverse("activities:list"), query)
    assert display.call_count == 2
