import pytest
from django.urls import reverse

from tests.admin_forms import post_data
from tests.factories import ActivityFactory, LocationFactory, StaffContactFactory, language

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
    "activities/language",
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


# Before going (issue 14): staff edit it all in admin, texts in every language.


def test_the_activity_form_has_the_before_going_fields(admin_client, content):
    form = admin_client.get(reverse("admin:activities_activity_change", args=[content.pk]))
    fields = form.context["adminform"].form.fields
    for name in [
        "only_for_pl",
        "only_for_uk",
        "only_for_en",
        "how_to_join",
        "how_to_join_note_uk",
        "what_to_bring_en",
        "languages",
        "notice_pl",
        "notice_until",
    ]:
        assert name in fields, name


def test_the_programme_form_has_only_for_and_a_notice(admin_client, content):
    url = reverse("admin:programmes_programme_change", args=[content.programme.pk])
    fields = admin_client.get(url).context["adminform"].form.fields
    assert {"only_for_pl", "only_for_uk", "notice_en", "notice_until"} <= set(fields)


def test_the_place_inline_asks_for_step_free_access(admin_client, content):
    url = reverse("admin:programmes_programme_change", args=[content.programme.pk])
    response = admin_client.get(url)
    [locations] = [
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == "locations"
    ]
    assert "step_free" in locations.forms[0].fields


def test_staff_save_how_to_join_and_languages(admin_client, content):
    url = reverse("admin:activities_activity_change", args=[content.pk])
    data = post_data(
        admin_client.get(url),
        only_for_pl="Tylko dla kobiet",
        how_to_join="sign_up",
        languages=[str(language("uk").pk)],
    )
    assert admin_client.post(url, data).status_code == 302
    content.refresh_from_db()
    assert (content.only_for_pl, content.how_to_join) == ("Tylko dla kobiet", "sign_up")
    assert [lang.code for lang in content.languages.all()] == ["uk"]


def test_a_notice_without_an_end_date_is_refused_with_a_message(admin_client, content):
    url = reverse("admin:activities_activity_change", args=[content.pk])
    response = admin_client.post(url, post_data(admin_client.get(url), notice_uk="Перерва"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["notice_until"] == [
        "Podaj ostatni dzień, w którym komunikat ma być widoczny."
    ]
    content.refresh_from_db()
    assert content.notice_uk is None


def test_the_place_list_filters_by_step_free_access(admin_client):
    LocationFactory(address="Bez schodów 1", step_free="yes")
    LocationFactory(address="Nie wiadomo 2")
    response = admin_client.get(
        reverse("admin:programmes_location_changelist"), {"step_free": "yes"}
    )
    assert [place.address for place in response.context["cl"].result_list] == ["Bez schodów 1"]
