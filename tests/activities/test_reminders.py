"""`manage.py send_review_reminders`: one digest per coordinator, never twice for the
same due date, a weekly summary for central editors, failures logged and retried."""

import datetime
import io
import logging

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command
from django.urls import reverse

from activities.models import SentReminder
from tests.factories import ActivityFactory, ProgrammeFactory, coordinator, editor

pytestmark = pytest.mark.django_db

MONDAY = datetime.datetime(2026, 6, 15, 6, 0, tzinfo=datetime.UTC)


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def run(at=MONDAY):
    with time_machine.travel(at, tick=False):
        call_command("send_review_reminders", stdout=io.StringIO())


def to(address):
    return [message for message in mail.outbox if message.to == [address]]


@pytest.fixture
def world(settings):
    settings.SITE_URL = "https://pal.example.pl"
    own = ProgrammeFactory(name="PAL Na Skarpie", last_verified=datetime.date(2025, 11, 1))
    ActivityFactory(programme=own, title="Zajęcia plastyczne")
    ActivityFactory(  # due 1 August: beyond the two weeks
        programme=own, title="Pilates", last_verified=datetime.date(2026, 2, 1)
    )
    other = ProgrammeFactory(name="PAL Mistrzejowice", last_verified=datetime.date(2025, 6, 1))
    ActivityFactory(programme=other, title="Siatkówka")
    anna = coordinator(own, email="anna@example.pl")
    bartek = coordinator(other, email="bartek@example.pl")
    ewa = editor(email="ewa@example.pl")
    return {"own": own, "other": other, "anna": anna, "bartek": bartek, "ewa": ewa}


def test_it_sends_each_coordinator_one_digest_of_their_own_pages(world):
    run()
    [digest] = to("anna@example.pl")
    assert "PAL Na Skarpie" in digest.body
    assert "Zajęcia plastyczne" in digest.body
    assert "Siatkówka" not in digest.body
    assert "PAL Mistrzejowice" not in digest.body
    assert len(to("bartek@example.pl")) == 1


def test_it_writes_the_digest_in_polish_with_direct_admin_links(world):
    run()
    [digest] = to("anna@example.pl")
    assert digest.subject == "PAL Kraków: 2 strony do sprawdzenia"
    assert "po terminie od 1 maja 2026" in digest.body
    change = reverse("admin:programmes_programme_change", args=[world["own"].pk])
    assert f"https://pal.example.pl{change}" in digest.body
    assert "https://pal.example.pl/admin/activities/activity/do-sprawdzenia/" in digest.body
    html, mimetype = digest.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="https://pal.example.pl{change}"' in html


def test_it_leaves_out_pages_due_later_than_two_weeks(world):
    run()
    assert "Pilates" not in to("anna@example.pl")[0].body
    run(MONDAY + datetime.timedelta(days=40))
    assert "Pilates" in to("anna@example.pl")[-1].body


def test_it_never_reminds_twice_of_the_same_due_date(world):
    run()
    run(MONDAY + datetime.timedelta(days=1))
    run(MONDAY + datetime.timedelta(days=2))
    assert len(to("anna@example.pl")) == 1


def test_it_reminds_again_when_a_new_due_date_comes(world):
    run()
    world["own"].last_verified = datetime.date(2026, 6, 15)
    world["own"].save()
    run(MONDAY + datetime.timedelta(days=170))  # due 15 December 2026
    latest = to("anna@example.pl")[-1]
    assert len(to("anna@example.pl")) == 2
    assert "15 grudnia 2026" in latest.body


def test_it_sends_nothing_to_a_coordinator_with_nothing_due(world):
    world["own"].last_verified = datetime.date(2026, 6, 1)
    world["own"].save()
    world["own"].activities.update(last_verified=datetime.date(2026, 6, 1))
    run()
    assert to("anna@example.pl") == []


def test_it_sends_central_editors_a_weekly_summary_by_programme(world):
    run()
    [summary] = to("ewa@example.pl")
    assert summary.subject == "PAL Kraków: zaległe sprawdzenia, 15 czerwca 2026"
    assert "PAL Mistrzejowice: 2 strony, najstarsza po terminie od 1 grudnia 2025" in summary.body
    assert "PAL Na Skarpie" in summary.body
    assert "koordynatorzy:" in summary.body
    run(MONDAY + datetime.timedelta(days=3))
    assert len(to("ewa@example.pl")) == 1
    run(MONDAY + datetime.timedelta(days=7))
    assert len(to("ewa@example.pl")) == 2


def test_it_names_programmes_nobody_coordinates_in_the_summary(world):
    ProgrammeFactory(name="PAL Bez Koordynatora", last_verified=datetime.date(2025, 1, 1))
    run()
    assert "brak koordynatora" in to("ewa@example.pl")[0].body


def test_it_logs_a_failure_and_tries_again_next_run(world, settings, caplog):
    settings.EMAIL_BACKEND = "tests.activities.test_reminders.FailingBackend"
    with caplog.at_level(logging.ERROR, logger="pal.mail"), pytest.raises(CommandError):
        run()
    assert "Could not send a digest of 2 to anna@example.pl" in caplog.text
    assert not SentReminder.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    run(MONDAY + datetime.timedelta(days=1))
    assert len(to("anna@example.pl")) == 1
    assert len(to("ewa@example.pl")) == 1
