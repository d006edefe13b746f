"""Residents' reports reach the people who can fix them: kind of problem, e-mail to the
programme's coordinators (central editors when it has none), who fixed it and when."""

import datetime
import io
import logging

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from activities.models import Correction, CorrectionKind, CorrectionStatus
from tests.admin_forms import post_data
from tests.factories import ActivityFactory, ProgrammeFactory, coordinator, editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity():
    return ActivityFactory(title="Siatkówka", programme=ProgrammeFactory(name="PAL Mistrzejowice"))


@pytest.fixture
def staff(activity):
    return {
        "anna": coordinator(activity.programme, email="anna@example.pl"),
        "bartek": coordinator(ProgrammeFactory(), email="bartek@example.pl"),
        "ewa": editor(email="ewa@example.pl"),
    }


def report(client, activity, **data):
    url = reverse("activities:correction", args=[activity.slug])
    return client.post(url, {"kind": "closed", "message": "Zajęć już nie ma.", **data})


def test_it_asks_what_kind_of_problem_it_is(client, activity):
    url = reverse("activities:correction", args=[activity.slug])
    page = client.get(url).text
    assert "Jaki to problem?" in page
    assert "Zamknięte albo odwołane" in page
    response = client.post(url, {"message": "Coś jest nie tak."})
    assert response.status_code == 400
    assert "Jaki to problem?: To pole jest wymagane." in response.text
    assert not Correction.objects.exists()


def test_it_keeps_the_kind_the_resident_chose(client, activity):
    report(client, activity, kind="place_or_time")
    assert Correction.objects.get().kind == CorrectionKind.PLACE_OR_TIME


def test_it_e_mails_the_report_to_the_programmes_coordinators_only(client, activity, staff):
    report(client, activity)
    [message] = mail.outbox
    assert message.to == ["anna@example.pl"]
    assert message.subject == "PAL Kraków: zgłoszenie błędu na stronie „Siatkówka”"
    assert "Rodzaj problemu: Zamknięte albo odwołane" in message.body
    assert "Zajęć już nie ma." in message.body
    correction = Correction.objects.get()
    assert reverse("admin:activities_correction_change", args=[correction.pk]) in message.body
    assert correction.notified_at is not None


def test_it_e_mails_central_editors_when_the_programme_has_no_coordinator(client, staff):
    lonely = ActivityFactory(title="Gimnastyka")
    report(client, lonely)
    assert [message.to for message in mail.outbox] == [["ewa@example.pl"]]


def test_it_leaves_out_a_contact_the_resident_did_not_give(client, activity, staff):
    report(client, activity, contact="")
    body = mail.outbox[0].body
    assert "Mieszkaniec nie zostawił kontaktu." in body
    assert "@example.com" not in body


def test_it_passes_on_a_contact_the_resident_gave(client, activity, staff):
    report(client, activity, contact="jan@example.com")
    assert "kontakt do odpowiedzi: jan@example.com" in mail.outbox[0].body
    assert "jan@example.com" in mail.outbox[0].alternatives[0][0]


def test_it_sends_nothing_for_a_robots_post(client, activity, staff):
    report(client, activity, website="http://spam.example")
    assert mail.outbox == []


def test_it_sends_nothing_for_a_post_over_the_limit(client, activity, staff, settings):
    settings.CORRECTIONS_PER_HOUR = 1
    report(client, activity)
    assert report(client, activity).status_code == 429
    assert len(mail.outbox) == 1


def test_it_keeps_the_report_and_retries_when_the_mail_server_fails(
    client, activity, staff, settings, caplog
):
    settings.EMAIL_BACKEND = "tests.activities.test_reminders.FailingBackend"
    with caplog.at_level(logging.ERROR, logger="pal.mail"):
        response = report(client, activity)
    assert response.status_code == 302
    correction = Correction.objects.get()
    assert correction.notified_at is None
    assert f"Could not send report {correction.pk} to anna@example.pl" in caplog.text
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    later = timezone.now() + datetime.timedelta(minutes=15)
    with time_machine.travel(later, tick=False):
        call_command("send_review_reminders", stdout=io.StringIO())
    assert [m.to for m in mail.outbox if "Siatkówka" in m.subject] == [["anna@example.pl"]]
    correction.refresh_from_db()
    assert correction.notified_at is not None


def test_it_filters_reports_by_kind_in_admin(client, activity, staff):
    closed = Correction.objects.create(
        programme=activity.programme, message="Zamknięte.", kind=CorrectionKind.CLOSED
    )
    Correction.objects.create(programme=activity.programme, message="Inne.")
    client.force_login(staff["anna"])
    response = client.get(reverse("admin:activities_correction_changelist"), {"kind": "closed"})
    assert list(response.context["cl"].result_list) == [closed]


def test_it_records_who_marked_a_report_fixed_and_when(client, activity, staff):
    correction = Correction.objects.create(programme=activity.programme, message="Zły adres.")
    client.force_login(staff["anna"])
    client.post(
        reverse("admin:activities_correction_changelist"),
        {"action": "mark_fixed", "_selected_action": [correction.pk]},
    )
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.FIXED
    assert correction.fixed_by == staff["anna"]
    assert timezone.now() - correction.fixed_at < datetime.timedelta(minutes=1)


def test_it_records_a_fix_saved_on_the_reports_page(client, activity, staff):
    correction = Correction.objects.create(programme=activity.programme, message="Zły adres.")
    client.force_login(staff["anna"])
    url = reverse("admin:activities_correction_change", args=[correction.pk])
    client.post(url, post_data(client.get(url), status="fixed", staff_note="Poprawione."))
    correction.refresh_from_db()
    assert (correction.status, correction.fixed_by) == ("fixed", staff["anna"])
    client.post(url, post_data(client.get(url), status="rejected"))
    correction.refresh_from_db()
    assert (correction.fixed_by, correction.fixed_at) == (None, None)
