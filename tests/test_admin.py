import pytest
from django.urls import reverse

from tests.factories import ActivityFactory, LocationFactory, StaffContactFactory

pytestmark = pytest.mark.django_db

MODELS = [
    "programmes/programme",
    "programmes/location",
    "programmes/staffcontact",
    "programmes/district",
    "activities/activity",
    "activities/agegroup",
    "activities/topic",
    "activities/partner",
    "programmes/programmeslughistory",
    "activities/activityslughistory",
]


@pytest.fixture
def content():
    location = LocationFactory()
    StaffContactFactory(programme=location.programme)
    return ActivityFactory(programme=location.programme, location=location)


@pytest.mark.parametrize("model", MODELS)
def test_it_shows_the_changelist_to_a_superuser(admin_client, content, model):
    app, name = model.split("/")
    assert admin_client.get(reverse(f"admin:{app}_{name}_changelist")).status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_it_shows_the_add_form_to_a_superuser(admin_client, model):
    app, name = model.split("/")
    assert admin_client.get(reverse(f"admin:{app}_{name}_add")).status_code == 200


def test_it_edits_a_programme_with_its_inlines(admin_client, content):
    url = reverse("admin:programmes_programme_change", args=[content.programme.pk])
    response = admin_client.get(url)
    assert "locations-TOTAL_FORMS" in response.text
    assert "contacts-TOTAL_FORMS" in response.text
    assert "activities-TOTAL_FORMS" in response.text


def test_it_edits_an_activity(admin_client, content):
    url = reverse("admin:activities_activity_change", args=[content.pk])
    assert admin_client.get(url).status_code == 200


def test_it_searches_activities(admin_client, content):
    url = reverse("admin:activities_activity_changelist")
    response = admin_client.get(url, {"q": content.title})
    assert response.context["cl"].result_count == 1


def test_it_sends_anonymous_visitors_to_the_login(client):
    response = client.get(reverse("admin:activities_activity_changelist"))
    assert response.status_code == 302
