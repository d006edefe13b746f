"""Role × model × action: a PAL's coordinator can neither see nor change another's content.

Two programmes, each with a place, a contact, an activity with a weekly session, a
photo and a resident's correction. Anna coordinates "PAL Na Skarpie"; Bartek
coordinates "PAL Mistrzejowice"; Ewa is a central editor.
"""

import io

import pytest
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from activities.models import Activity, ActivityPhoto, Correction
from programmes.models import Location, Programme, ProgrammePhoto, StaffContact
from tests.factories import (
    ActivityFactory,
    LocationFactory,
    ProgrammeFactory,
    StaffContactFactory,
    WeeklySessionFactory,
    coordinator,
    editor,
)

pytestmark = pytest.mark.django_db


def jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "green").save(buffer, "JPEG")
    return SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")


def build(name):
    programme = ProgrammeFactory(name=name)
    location = LocationFactory(programme=programme)
    activity = ActivityFactory(programme=programme, location=location, title=f"Zajęcia {name}")
    WeeklySessionFactory(activity=activity)
    return {
        "programme": programme,
        "location": location,
        "staffcontact": StaffContactFactory(programme=programme),
        "activity": activity,
        "programmephoto": ProgrammePhoto.objects.create(
            programme=programme, image=jpeg(), alt_text="Sala"
        ),
        "activityphoto": ActivityPhoto.objects.create(
            activity=activity, image=jpeg(), alt_text="Zajęcia"
        ),
        "correction": Correction.objects.create(
            programme=programme, activity=activity, message="Zły numer."
        ),
    }


@pytest.fixture
def world():
    own = build("PAL Na Skarpie")
    other = build("PAL Mistrzejowice")
    return {
        "own": own,
        "other": other,
        "anna": coordinator(own["programme"], username="anna"),
        "bartek": coordinator(other["programme"], username="bartek"),
        "ewa": editor(username="ewa"),
    }


# Content with its own admin pages (photos and sessions are edited on their parent's page).
MODELS = {
    "programme": "programmes",
    "location": "programmes",
    "staffcontact": "programmes",
    "activity": "activities",
    "correction": "activities",
}
VIEWS = ["change", "delete", "history"]
# Only central editors delete programmes and residents' reports (coordinators close them).
NOT_FOR_COORDINATORS = {("programme", "delete"), ("correction", "delete")}


def url(model, view, obj=None):
    name = f"admin:{MODELS[model]}_{model}_{view}"
    return reverse(name, args=[obj.pk] if obj is not None else [])


@pytest.mark.parametrize("model", MODELS)
def test_it_lists_only_the_coordinators_own_content(client, world, model):
    client.force_login(world["anna"])
    response = client.get(url(model, "changelist"))
    shown = set(response.context["cl"].result_list)
    assert world["own"][model] in shown
    assert world["other"][model] not in shown


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("view", VIEWS)
def test_it_opens_the_coordinators_own_pages(client, world, model, view):
    client.force_login(world["anna"])
    expected = 403 if (model, view) in NOT_FOR_COORDINATORS else 200
    assert client.get(url(model, view, world["own"][model])).status_code == expected


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("view", VIEWS)
def test_it_keeps_another_programmes_pages_from_a_coordinator(client, world, model, view):
    client.force_login(world["anna"])
    response = client.get(url(model, view, world["other"][model]))
    # The admin answers as for an object that does not exist: back to the index.
    assert response.status_code in (302, 403)
    assert str(world["other"][model]) not in response.content.decode()


def view_on_site_url(obj):
    content_type = ContentType.objects.get_for_model(obj)
    return reverse("admin:view_on_site", args=[content_type.pk, obj.pk])


@pytest.mark.parametrize("model", ["activity", "correction"])
def test_it_tells_a_coordinator_the_address_of_only_their_own_content(client, world, model):
    client.force_login(world["anna"])
    world["other"]["activity"].published = False
    world["other"]["activity"].save()
    assert client.get(view_on_site_url(world["own"][model])).status_code == 302
    assert client.get(view_on_site_url(world["other"][model])).status_code == 404


def test_it_tells_a_central_editor_the_address_of_any_content(client, world):
    client.force_login(world["ewa"])
    assert client.get(view_on_site_url(world["other"]["activity"])).status_code == 302


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("view", VIEWS)
def test_it_opens_every_programmes_pages_for_a_central_editor(client, world, model, view):
    client.force_login(world["ewa"])
    assert client.get(url(model, view, world["other"][model])).status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_it_does_not_let_a_coordinator_delete_another_programmes_content(client, world, model):
    client.force_login(world["anna"])
    target = world["other"][model]
    client.post(url(model, "delete", target), {"post": "yes"})
    assert type(target).objects.filter(pk=target.pk).exists()


def test_it_does_not_let_a_coordinator_change_another_programme(client, world):
    client.force_login(world["anna"])
    other = world["other"]["programme"]
    client.post(url("programme", "change", other), {"name": "Przejęty", "slug": other.slug})
    other.refresh_from_db()
    assert other.name == "PAL Mistrzejowice"


def test_it_lets_a_coordinator_delete_their_own_location(client, world):
    client.force_login(world["anna"])
    own = world["own"]["location"]
    client.post(url("location", "delete", own), {"post": "yes"})
    assert not Location.objects.filter(pk=own.pk).exists()


def test_it_does_not_let_a_coordinator_add_a_programme(client, world):
    client.force_login(world["anna"])
    assert client.get(reverse("admin:programmes_programme_add")).status_code == 403


def test_it_offers_only_own_programmes_and_places_when_adding_an_activity(client, world):
    client.force_login(world["anna"])
    form = client.get(reverse("admin:activities_activity_add")).context["adminform"].form
    assert list(form.fields["programme"].queryset) == [world["own"]["programme"]]
    assert list(form.fields["location"].queryset) == [world["own"]["location"]]


def test_it_refuses_an_activity_posted_into_another_programme(client, world):
    client.force_login(world["anna"])
    response = client.post(
        reverse("admin:activities_activity_add"),
        {
            "programme": world["other"]["programme"].pk,
            "title": "Podrzutek",
            "slug": "podrzutek",
            "kind": "class",
            "status": "running",
            "summary": "Nie powinno powstać.",
            "timing": "ongoing",
            "free_of_charge": "on",
            "order": 0,
            "sessions-TOTAL_FORMS": 0,
            "sessions-INITIAL_FORMS": 0,
            "photos-TOTAL_FORMS": 0,
            "photos-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "programme" in response.context["adminform"].form.errors
    assert not Activity.objects.filter(slug="podrzutek").exists()


@pytest.mark.parametrize("model_name", ["programme", "location"])
def test_it_autocompletes_only_own_programmes_and_places(client, world, model_name):
    client.force_login(world["anna"])
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "activities", "model_name": "activity", "field_name": model_name},
    )
    ids = {int(result["id"]) for result in response.json()["results"]}
    assert ids == {world["own"][model_name].pk}


def test_it_shows_own_inline_rows_only(client, world):
    client.force_login(world["anna"])
    response = client.get(url("programme", "change", world["own"]["programme"]))
    inline_models = {
        formset.formset.model: list(formset.formset.queryset)
        for formset in response.context["inline_admin_formsets"]
    }
    assert inline_models[StaffContact] == [world["own"]["staffcontact"]]
    assert inline_models[ProgrammePhoto] == [world["own"]["programmephoto"]]


def test_it_applies_checked_today_only_to_own_activities(client, world):
    client.force_login(world["anna"])
    own, other = world["own"]["activity"], world["other"]["activity"]
    client.post(
        url("activity", "changelist"),
        {"action": "mark_checked_today", "_selected_action": [own.pk, other.pk]},
    )
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.last_verified is not None
    assert other.last_verified is None


def test_it_keeps_the_coordinators_field_for_central_editors(client, world):
    client.force_login(world["anna"])
    response = client.get(url("programme", "change", world["own"]["programme"]))
    assert "coordinators" not in response.context["adminform"].form.fields


def test_it_lets_a_central_editor_assign_coordinators(client, world):
    client.force_login(world["ewa"])
    response = client.get(url("programme", "change", world["own"]["programme"]))
    assert "coordinators" in response.context["adminform"].form.fields


def test_it_counts_a_coordinators_new_corrections_on_the_admin_index(client, world):
    Correction.objects.create(programme=world["other"]["programme"], message="Inny PAL.")
    client.force_login(world["anna"])
    response = client.get(reverse("admin:index"))
    assert response.context["new_corrections"] == 1
    assert "1 nowe zgłoszenie od mieszkańców" in response.content.decode()


def test_it_counts_every_new_correction_for_a_central_editor(client, world):
    client.force_login(world["ewa"])
    assert client.get(reverse("admin:index")).context["new_corrections"] == 2


def test_it_keeps_a_popup_changelist_scoped(client, world):
    client.force_login(world["anna"])
    response = client.get(url("programme", "changelist"), {IS_POPUP_VAR: 1})
    assert list(response.context["cl"].result_list) == [world["own"]["programme"]]


def test_it_lists_programmes_for_superusers_too(admin_client, world):
    response = admin_client.get(url("programme", "changelist"))
    assert set(response.context["cl"].result_list) == set(Programme.objects.all())
