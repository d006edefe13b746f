"""Staff accounts: login throttling, strong passwords, a day-long session, create_coordinator."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.factories import ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
PASSWORD = "Długie-hasło-do-testów-2024"


def log_in(client, password, username="anna", address="127.0.0.1"):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def test_it_logs_staff_in_with_the_right_password(client):
    UserFactory(username="anna")
    assert log_in(client, PASSWORD).status_code == 302


def test_it_locks_out_after_repeated_failures_with_a_clear_message(client):
    UserFactory(username="anna")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "zgadywane").status_code == 200
    response = log_in(client, "zgadywane")
    assert response.status_code == 429
    assert "Zbyt wiele nieudanych logowań" in response.text
    assert "zablokowane na 15 minut" in response.text


def test_it_refuses_even_the_right_password_while_locked_out(client):
    UserFactory(username="anna")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "zgadywane")
    assert log_in(client, PASSWORD).status_code == 429


def test_it_lets_a_coordinator_in_from_their_own_address_while_their_name_is_attacked(client):
    UserFactory(username="anna")
    for _ in range(settings.AXES_FAILURE_LIMIT * 3):
        log_in(client, "zgadywane", address="203.0.113.66")
    assert log_in(client, PASSWORD, address="198.51.100.7").status_code == 302


def test_it_lets_colleagues_in_from_an_office_address_where_one_account_was_guessed(client):
    UserFactory(username="anna")
    UserFactory(username="basia")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "zgadywane", username="basia", address="198.51.100.7")
    assert log_in(client, PASSWORD, username="basia", address="198.51.100.7").status_code == 429
    assert log_in(client, PASSWORD, address="198.51.100.7").status_code == 302


def test_it_throttles_an_address_trying_many_usernames(client):
    UserFactory(username="anna")
    for number in range(settings.LOGIN_FAILURES_PER_ADDRESS):
        log_in(client, "zgadywane", username=f"user{number}", address="203.0.113.66")
    response = log_in(client, PASSWORD, address="203.0.113.66")
    assert response.status_code == 429
    assert "Zbyt wiele nieudanych logowań" in response.text
    assert log_in(client, PASSWORD, address="198.51.100.7").status_code == 302


def test_it_requires_passwords_of_at_least_12_characters():
    with pytest.raises(ValidationError):
        validate_password("Krotkie-1")


def test_it_rejects_common_passwords():
    with pytest.raises(ValidationError):
        validate_password("password1234")


def test_it_ends_staff_sessions_after_a_working_day():
    assert 8 * 3600 <= settings.SESSION_COOKIE_AGE <= 9 * 3600


def test_it_creates_a_coordinator_from_the_environment(monkeypatch):
    programme = ProgrammeFactory(slug="na-skarpie")
    monkeypatch.setenv("DJANGO_STAFF_PASSWORD", PASSWORD)
    call_command("create_coordinator", "anna", "na-skarpie")
    user = get_user_model().objects.get(username="anna")
    assert user.is_staff
    assert user.check_password(PASSWORD)
    assert list(user.groups.values_list("name", flat=True)) == ["Koordynatorzy PAL"]
    assert list(user.coordinated_programmes.all()) == [programme]


def test_it_updates_an_existing_coordinator_with_a_second_programme(monkeypatch):
    ProgrammeFactory(slug="na-skarpie")
    ProgrammeFactory(slug="mistrzejowice")
    monkeypatch.setenv("DJANGO_STAFF_PASSWORD", PASSWORD)
    call_command("create_coordinator", "anna", "na-skarpie")
    monkeypatch.setenv("DJANGO_STAFF_PASSWORD", PASSWORD + "-nowe")
    call_command("create_coordinator", "anna", "mistrzejowice")
    user = get_user_model().objects.get(username="anna")
    assert user.coordinated_programmes.count() == 2
    assert user.check_password(PASSWORD + "-nowe")


def test_it_refuses_a_weak_password_for_a_coordinator(monkeypatch):
    ProgrammeFactory(slug="na-skarpie")
    monkeypatch.setenv("DJANGO_STAFF_PASSWORD", "123")
    with pytest.raises(CommandError):
        call_command("create_coordinator", "anna", "na-skarpie")
    assert not get_user_model().objects.filter(username="anna").exists()


def test_it_refuses_an_unknown_programme(monkeypatch):
    monkeypatch.setenv("DJANGO_STAFF_PASSWORD", PASSWORD)
    with pytest.raises(CommandError, match="nibylandia"):
        call_command("create_coordinator", "anna", "nibylandia")


def test_it_sends_staff_to_the_admin_index_after_refusing_a_foreign_next(client):
    UserFactory(username="anna")
    response = client.post(
        LOGIN, {"username": "anna", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("admin:index")
