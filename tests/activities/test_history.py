"""History with django-reversion: who changed what, revert, and recover a deleted activity."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from reversion.models import Version

from activities.models import Activity, WeeklySession
from programmes.models import Programme
from tests.admin_forms import post_data
from tests.factories import ActivityFactory, WeeklySessionFactory, coordinator, editor

pytestmark = pytest.mark.django_db


def change_url(activity):
    return reverse("admin:activities_activity_change", args=[activity.pk])


def edit(client, activity, **changes):
    response = client.get(change_url(activity))
    return client.post(change_url(activity), post_data(response, **changes))


@pytest.fixture
def activity():
    activity = ActivityFactory(title="Siatkówka", summary="Dla młodzieży.")
    WeeklySessionFactory(activity=activity, weekday=2)
    return activity


@pytest.fixture
def anna(activity):
    return coordinator(activity.programme, username="anna")


def test_it_records_the_author_and_time_of_each_change(client, activity, anna):
    client.force_login(anna)
    assert edit(client, activity, summary="Dla młodzieży od 13 lat.").status_code == 302
    version = Version.objects.get_for_object(activity).first()
    assert version.revision.user == anna
    assert version.revision.date_created is not None
    # What changed, in the admin's words: "Changed Summary."
    # The Polish column of the translated field, named as Django's change message does.
    assert version.revision.get_comment() == "Zmodyfikowano Summary [pl]."


def test_it_shows_who_changed_what_in_the_history_page(client, activity, anna):
    client.force_login(anna)
    edit(client, activity, summary="Pierwszy opis.")
    edit(client, activity, summary="Nowy opis.")
    response = client.get(reverse("admin:activities_activity_history", args=[activity.pk]))
    latest = response.context["action_list"][0]
    assert latest["revision"].user == anna
    assert latest["changes"] == [("Krótki opis [pl]", "Pierwszy opis.", "Nowy opis.")]
    assert "<del>Pierwszy opis.</del> → <ins>Nowy opis.</ins>" in response.content.decode()


def test_it_restores_an_earlier_version(client, activity, anna):
    client.force_login(anna)
    edit(client, activity, summary="Pierwsza wersja.")
    edit(client, activity, summary="Druga wersja z błędem.")
    first = Version.objects.get_for_object(activity).last()
    revision_url = reverse("admin:activities_activity_revision", args=[activity.pk, first.pk])
    form = client.get(revision_url)
    assert form.context["adminform"].form.initial["summary_pl"] == "Pierwsza wersja."
    assert client.post(revision_url, post_data(form)).status_code == 302
    activity.refresh_from_db()
    assert activity.summary == "Pierwsza wersja."


def test_it_brings_back_a_deleted_activity_with_its_sessions(client, activity, anna):
    client.force_login(anna)
    pk = activity.pk
    delete_url = reverse("admin:activities_activity_delete", args=[pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not Activity.objects.filter(pk=pk).exists()

    recover_list = client.get(reverse("admin:activities_activity_recoverlist"))
    version = recover_list.context["deleted"][0]
    assert version.object_repr == "Siatkówka"
    recover_url = reverse("admin:activities_activity_recover", args=[version.pk])
    form = client.get(recover_url)
    assert client.post(recover_url, post_data(form)).status_code == 302

    restored = Activity.objects.get(pk=pk)
    assert restored.title == "Siatkówka"
    assert WeeklySession.objects.filter(activity=restored, weekday=2).exists()
    assert restored in Activity.objects.published()


def test_it_hides_another_programmes_deleted_activities(client, activity):
    outsider = coordinator(ActivityFactory().programme, username="bartek")
    client.force_login(editor(username="ewa"))
    client.post(reverse("admin:activities_activity_delete", args=[activity.pk]), {"post": "yes"})
    client.force_login(outsider)
    recover_list = client.get(reverse("admin:activities_activity_recoverlist"))
    assert recover_list.context["deleted"] == []
    version = Version.objects.get_deleted(Activity).get()
    recover_url = reverse("admin:activities_activity_recover", args=[version.pk])
    assert client.get(recover_url).status_code == 403


def test_it_does_not_let_a_coordinator_revert_another_programmes_activity(client, activity, anna):
    client.force_login(anna)
    edit(client, activity, summary="Wersja Anny.")
    version = Version.objects.get_for_object(activity).first()
    client.force_login(coordinator(ActivityFactory().programme, username="bartek"))
    revision_url = reverse("admin:activities_activity_revision", args=[activity.pk, version.pk])
    assert client.post(revision_url, {"summary": "Przejęte"}).status_code == 302
    activity.refresh_from_db()
    assert activity.summary == "Wersja Anny."


def test_it_does_not_bring_back_a_removed_coordinator_when_restoring(client, activity, anna):
    programme = activity.programme
    bartek = coordinator(programme, username="bartek")
    client.force_login(anna)
    url = reverse("admin:programmes_programme_change", args=[programme.pk])
    client.post(url, post_data(client.get(url), summary="Pierwsza wersja."))
    old = Version.objects.get_for_object(programme).first()
    programme.coordinators.remove(bartek)

    revision_url = reverse("admin:programmes_programme_revision", args=[programme.pk, old.pk])
    assert client.post(revision_url, post_data(client.get(revision_url))).status_code == 302
    assert list(programme.coordinators.all()) == [anna]


def test_it_gives_the_seed_data_a_first_version(db):
    call_command("load_seed", verbosity=0)
    programme = Programme.objects.get(slug="na-skarpie")
    assert Version.objects.get_for_object(programme).count() == 1
    assert Version.objects.get_for_model(Activity).count() == Activity.objects.count()


def test_it_restores_a_deleted_place_by_restoring_the_programme(client, db):
    call_command("load_seed", verbosity=0)
    programme = Programme.objects.get(slug="na-skarpie")
    address = programme.locations.get().address
    client.force_login(coordinator(programme, username="anna"))
    first = Version.objects.get_for_object(programme).get()
    programme.locations.get().delete()

    revision_url = reverse("admin:programmes_programme_revision", args=[programme.pk, first.pk])
    assert client.post(revision_url, post_data(client.get(revision_url))).status_code == 302
    assert programme.locations.get().address == address


def test_it_checks_the_type_of_a_revision_before_its_scope(client, activity, anna):
    """A version of another model with the same object id is not this object's revision."""
    client.force_login(anna)
    edit(client, activity, summary="Wersja Anny.")
    version = Version.objects.get_for_object(activity).first()
    elsewhere = ActivityFactory().programme
    client.force_login(coordinator(elsewhere, username="bartek"))
    Version.objects.filter(pk=version.pk).update(object_id=str(elsewhere.pk))
    url = reverse("admin:programmes_programme_revision", args=[elsewhere.pk, version.pk])
    assert client.get(url).status_code == 404
