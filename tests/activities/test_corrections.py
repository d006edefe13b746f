"""'Zgłoś błąd': residents suggest corrections; staff see them in an admin inbox."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from activities.models import Correction, CorrectionStatus
from tests.factories import ActivityFactory, ProgrammeFactory, coordinator

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity():
    return ActivityFactory(title="Warsztaty plastyczne")


def form_url(activity):
    return reverse("activities:correction", args=[activity.slug])


def test_it_links_to_the_form_from_the_activity_page(client, activity):
    assert f'href="{form_url(activity)}"' in client.get(activity.get_absolute_url()).text


def test_it_links_to_the_form_from_the_programme_page(client, activity):
    url = reverse("programme_correction", args=[activity.programme.slug])
    assert f'href="{url}"' in client.get(activity.programme.get_absolute_url()).text


def test_it_sets_the_csrf_cookie_only_on_the_form(client, activity):
    assert client.get(activity.get_absolute_url()).cookies == {}
    assert "csrftoken" in client.get(form_url(activity)).cookies


def test_it_saves_a_correction_and_thanks_the_resident(client, activity):
    response = client.post(
        form_url(activity),
        {"message": "Zajęcia są teraz w czwartki.", "contact": "jan@example.com"},
        follow=True,
    )
    assert response.redirect_chain == [(f"{form_url(activity)}?wyslano=1", 302)]
    assert "Dziękujemy" in response.text
    correction = Correction.objects.get()
    assert correction.activity == activity
    assert correction.programme == activity.programme
    assert correction.status == CorrectionStatus.NEW


def test_it_saves_a_correction_about_a_programme(client):
    programme = ProgrammeFactory()
    url = reverse("programme_correction", args=[programme.slug])
    client.post(url, {"message": "Nowy adres siedziby."})
    correction = Correction.objects.get()
    assert (correction.programme, correction.activity) == (programme, None)


def test_it_asks_for_a_message(client, activity):
    response = client.post(form_url(activity), {"message": ""})
    assert response.status_code == 400
    assert "To pole jest wymagane." in response.text
    assert not Correction.objects.exists()


def test_it_quietly_drops_what_a_robot_sends(client, activity):
    response = client.post(
        form_url(activity), {"message": "Kup tanio!", "website": "http://spam.example"}
    )
    assert response.status_code == 302
    assert not Correction.objects.exists()


def test_it_limits_reports_from_one_address(client, activity, settings):
    settings.CORRECTIONS_PER_HOUR = 2
    for _ in range(2):
        client.post(form_url(activity), {"message": "Błąd."})
    response = client.post(form_url(activity), {"message": "Jeszcze jeden."})
    assert response.status_code == 429
    assert "Za dużo zgłoszeń" in response.text
    assert Correction.objects.count() == 2


def test_it_keeps_the_limit_across_workers(client, activity, settings):
    """Each gunicorn worker has its own local-memory cache; the limit must not live there."""
    settings.CORRECTIONS_PER_HOUR = 2
    for _ in range(2):
        client.post(form_url(activity), {"message": "Błąd."})
        cache.clear()  # The next request lands on another worker.
    response = client.post(form_url(activity), {"message": "Jeszcze jeden."})
    assert response.status_code == 429
    assert Correction.objects.count() == 2


def test_it_requires_a_csrf_token(activity):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(form_url(activity), {"message": "Błąd."})
    assert response.status_code == 403
    assert not Correction.objects.exists()


def test_it_offers_no_form_for_a_draft(client):
    draft = ActivityFactory(published=False)
    assert client.get(form_url(draft)).status_code == 404


def test_it_shows_the_inbox_with_a_status_filter_to_the_coordinator(client, activity):
    Correction.objects.create(programme=activity.programme, activity=activity, message="Stary.")
    fixed = Correction.objects.create(
        programme=activity.programme, message="Poprawione.", status=CorrectionStatus.FIXED
    )
    client.force_login(coordinator(activity.programme))
    response = client.get(
        reverse("admin:activities_correction_changelist"), {"status__exact": "fixed"}
    )
    assert list(response.context["cl"].result_list) == [fixed]


def test_it_lets_staff_close_a_correction(client, activity):
    correction = Correction.objects.create(programme=activity.programme, message="Zły adres.")
    client.force_login(coordinator(activity.programme))
    client.post(
        reverse("admin:activities_correction_changelist"),
        {"action": "mark_fixed", "_selected_action": [correction.pk]},
    )
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.FIXED


def test_it_does_not_let_staff_add_corrections_in_admin(admin_client):
    assert admin_client.get(reverse("admin:activities_correction_add")).status_code == 403


def test_it_counts_reports_by_the_address_the_proxy_forwards(client, activity, settings):
    settings.BEHIND_PROXY = True
    settings.CORRECTIONS_PER_HOUR = 1
    first = {"HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    second = {"HTTP_X_FORWARDED_FOR": "203.0.113.8"}
    client.post(form_url(activity), {"message": "Błąd."}, **first)
    assert client.post(form_url(activity), {"message": "Błąd."}, **second).status_code == 302
    assert client.post(form_url(activity), {"message": "Błąd."}, **first).status_code == 429
