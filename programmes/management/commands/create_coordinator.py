"""Create or update a programme coordinator's staff account.

    DJANGO_STAFF_PASSWORD=... manage.py create_coordinator anna.kowalska na-skarpie

Without DJANGO_STAFF_PASSWORD the password is asked for (twice). It must pass the
project's password validators (at least 12 characters, not common, not numeric).
"""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from programmes.models import Programme

COORDINATORS = "Koordynatorzy PAL"


class Command(BaseCommand):
    help = "Create or update a coordinator account that may edit one programme (PAL)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("programme_slug", help="The programme's slug, e.g. na-skarpie.")

    def handle(self, username, programme_slug, **options):
        try:
            programme = Programme.objects.get(slug=programme_slug)
        except Programme.DoesNotExist:
            raise CommandError(f"No programme with the slug {programme_slug!r}.") from None
        try:
            group = Group.objects.get(name=COORDINATORS)
        except Group.DoesNotExist:
            raise CommandError(f"Group {COORDINATORS!r} is missing: run migrate.") from None

        User = get_user_model()
        user = User.objects.filter(username=username).first() or User(username=username)
        password = os.environ.get("DJANGO_STAFF_PASSWORD") or self.ask_password()
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None

        created = user.pk is None
        with transaction.atomic():
            user.is_staff = True
            user.is_active = True
            user.set_password(password)
            user.save()
            user.groups.add(group)
            programme.coordinators.add(user)
        action = "Created" if created else "Updated"
        self.stdout.write(f"{action} coordinator {username} for {programme.name}.")

    def ask_password(self):
        if not os.isatty(0):
            raise CommandError("Set DJANGO_STAFF_PASSWORD or run the command in a terminal.")
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The passwords do not match.")
        return password
