"""`manage.py load_seed_translations`: add the seed's translations to a database
seeded before them, without overwriting staff edits.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from activities.management.commands.load_seed import SEED_FIXTURES
from activities.models import Activity, AgeGroup, Topic
from programmes.models import Location, Programme

# How a fixture object is found in a database that was seeded before translations existed.
LOOKUPS = {
    "programmes.programme": (Programme, "slug"),
    "programmes.location": (Location, "address"),
    "activities.activity": (Activity, "slug"),
    "activities.agegroup": (AgeGroup, "slug"),
    "activities.topic": (Topic, "slug"),
}
LANGUAGE_SUFFIXES = ("_uk", "_en")


class Command(BaseCommand):
    help = (
        "Fill empty Ukrainian and English texts from the seed fixtures into a database "
        "seeded earlier. Never overwrites a text that is already there."
    )

    def handle(self, *args, **options):
        filled = 0
        with transaction.atomic():
            for fixture in SEED_FIXTURES:
                path = Path(settings.FIXTURE_DIRS[0]) / f"{fixture}.json"
                for obj in json.loads(path.read_text(encoding="utf-8")):
                    filled += self.fill(obj)
        self.stdout.write(self.style.SUCCESS(f"Filled {filled} empty translations."))

    def fill(self, obj):
        if obj["model"] not in LOOKUPS:
            return 0
        model, key = LOOKUPS[obj["model"]]
        instance = model.objects.filter(**{key: obj["fields"][key]}).first()
        if instance is None:
            return 0
        empty = [
            name
            for name, text in obj["fields"].items()
            if name.endswith(LANGUAGE_SUFFIXES) and text and not getattr(instance, name)
        ]
        for name in empty:
            setattr(instance, name, obj["fields"][name])
        if empty:
            # The save signals rebuild the search index (a programme's: its activities' too).
            instance.save(update_fields=empty)
        return len(empty)
