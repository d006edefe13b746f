"""`manage.py generate_demo_data`: city-scale demo rows for benchmarks, in bulk.

Bulk inserts send no signals, so it builds the search index with
refresh_search_index() batch by batch and bumps the page cache version itself.
"""

import random
from datetime import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from activities.models import (
    Activity,
    ActivityKind,
    AgeGroup,
    Topic,
    WeeklySession,
)
from programmes.content_version import content_changed
from programmes.models import District, Location, Programme

# Every demo row is recognisable: its slug starts with this and its programme's
# source says so. `--delete` removes them and nothing else.
DEMO_PREFIX = "demo-"
DEMO_SOURCE = "Dane demonstracyjne wygenerowane do testów wydajności (nie są prawdziwe)."
BATCH = 2000

PLACES = [
    "Na Skarpie",
    "Zielone",
    "Kolorowe",
    "Słoneczne",
    "Ogrodowe",
    "Szklane Domy",
    "Złotego Wieku",
    "Tysiąclecia",
    "Kalinowe",
    "Piastów",
    "Łęg",
    "Wzgórza",
    "Śląskie",
]
SUBJECTS = [
    ("Język angielski", "jezyki"),
    ("Siatkówka", "sport"),
    ("Szachy", "gry"),
    ("Zajęcia plastyczne", "rekodzielo"),
    ("Chór", "muzyka"),
    ("Robotyka", "informatyka-i-robotyka"),
    ("Gimnastyka", "zdrowie"),
    ("Zajęcia logopedyczne", "logopedia"),
    ("Warsztaty dla rodziców", "rodzicielstwo"),
    ("Wycieczka do muzeum", "wycieczki-i-kultura"),
    ("Klub sąsiedzki", "integracja"),
    ("Korepetycje z matematyki", "nauka"),
    ("Ceramika", "rekodzielo"),
    ("Taniec nowoczesny", "sport"),
    ("Gry planszowe", "gry"),
]
AUDIENCES = [
    ("dla dzieci", "dzieci"), ("dla młodzieży", "mlodziez"), ("dla dorosłych", "dorosli"),
    ("dla seniorów", "seniorzy"), ("dla rodzin", "rodziny"), ("dla rodziców", "rodzice"),
]  # fmt: skip
DESCRIPTION = (
    "Spotkania w małej grupie prowadzone przez doświadczonych instruktorów. "
    "Zajęcia są bezpłatne; wystarczy przyjść albo zapisać się u koordynatora programu. "
    "Uczestnicy poznają się, uczą nowych umiejętności i wspólnie spędzają czas."
)


class Command(BaseCommand):
    help = (
        "Create synthetic programmes and activities for scale tests. Demo rows are marked "
        f"(slugs start with '{DEMO_PREFIX}', the source says so) and removed with --delete; "
        "real data is never touched."
    )

    def add_arguments(self, parser):
        parser.add_argument("--programmes", type=int, default=100)
        parser.add_argument("--activities", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=7, help="Same seed, same data.")
        parser.add_argument("--delete", action="store_true", help="Remove all demo data.")
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even though DEBUG, DJANGO_LOCAL and tests are all off.",
        )

    def handle(self, *args, **options):
        if not (
            settings.DEBUG or settings.LOCAL or settings.TESTING or options["allow_production"]
        ):
            raise CommandError(
                "This looks like production (DEBUG and DJANGO_LOCAL are off); demo data does "
                "not belong there. Pass --allow-production if you really mean it."
            )
        if options["delete"]:
            deleted = self.delete_demo_data()
            self.stdout.write(self.style.SUCCESS(f"Removed {deleted} demo programmes."))
            return
        if options["programmes"] < 1 or options["activities"] < 0:
            raise CommandError("Give at least one programme and no negative activity count.")
        if Programme.objects.filter(slug__startswith=DEMO_PREFIX).exists():
            raise CommandError("Demo data exists already; remove it first with --delete.")
        if not AgeGroup.objects.exists():
            call_command("loaddata", "vocabularies", verbosity=0)
        with transaction.atomic():
            self.generate(
                random.Random(options["seed"]), options["programmes"], options["activities"]
            )
        # Fresh statistics, so the query planner knows the tables just grew; on
        # PostgreSQL also the visibility map that index-only scans rely on (what
        # autovacuum would do a little later). VACUUM cannot run in a transaction.
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
        content_changed()

    def delete_demo_data(self):
        with transaction.atomic():
            demo = Programme.objects.filter(slug__startswith=DEMO_PREFIX, source=DEMO_SOURCE)
            count = demo.count()
            demo.delete()
        content_changed()
        return count

    def generate(self, rng, programme_count, activity_count):
        districts = list(District.objects.all())
        age_groups = {group.slug: group for group in AgeGroup.objects.all()}
        topics = {topic.slug: topic for topic in Topic.objects.all()}

        programmes = []
        for n in range(1, programme_count + 1):
            place = rng.choice(PLACES)
            name = f"PAL {place} {n}"
            summary = f"Program Aktywności Lokalnej osiedla {place}: zajęcia dla mieszkańców."
            programmes.append(
                Programme(
                    name=name,
                    slug=f"{DEMO_PREFIX}pal-{n}",
                    summary=summary,
                    description=DESCRIPTION,
                    source=DEMO_SOURCE,
                    citywide=n % 50 == 0,
                )
            )
        programmes = Programme.objects.bulk_create(programmes, batch_size=BATCH)
        Programme.objects.filter(slug__startswith=DEMO_PREFIX).refresh_search_index()
        Through = Programme.districts.through
        Through.objects.bulk_create(
            [Through(programme=p, district=rng.choice(districts)) for p in programmes],
            batch_size=BATCH,
        )
        locations = Location.objects.bulk_create(
            [
                Location(
                    programme=p,
                    name="Siedziba programu",
                    address=f"ul. Przykładowa {i}",
                    district=rng.choice(districts),
                )
                for i, p in enumerate(programmes, 1)
            ],
            batch_size=BATCH,
        )
        self.stdout.write(f"{len(programmes)} demo programmes created.")

        kinds = list(ActivityKind)
        for start in range(0, activity_count, BATCH):
            batch = []
            labels = []
            for n in range(start + 1, min(start + BATCH, activity_count) + 1):
                index = rng.randrange(len(programmes))
                programme, location = programmes[index], locations[index]
                subject, topic_slug = rng.choice(SUBJECTS)
                audience, age_slug = rng.choice(AUDIENCES)
                title = f"{subject} {audience}"
                order = rng.randrange(10)
                summary = f"{subject} {audience} w programie {programme.name}."
                batch.append(
                    Activity(
                        programme=programme,
                        location=location if rng.random() < 0.8 else None,
                        title=title,
                        slug=f"{DEMO_PREFIX}zajecia-{n}",
                        kind=rng.choice(kinds),
                        summary=summary,
                        description=DESCRIPTION,
                        order=order,
                    )
                )
                labels.append((topic_slug, age_slug))
            batch = Activity.objects.bulk_create(batch, batch_size=BATCH)
            Activity.objects.filter(
                pk__in=[activity.pk for activity in batch]
            ).refresh_search_index()
            TopicThrough = Activity.topics.through
            AgeThrough = Activity.age_groups.through
            TopicThrough.objects.bulk_create(
                [
                    TopicThrough(activity=a, topic=topics[t])
                    for a, (t, _) in zip(batch, labels, strict=True)
                ]
            )
            AgeThrough.objects.bulk_create(
                [
                    AgeThrough(activity=a, agegroup=age_groups[g])
                    for a, (_, g) in zip(batch, labels, strict=True)
                ]
            )
            WeeklySession.objects.bulk_create(
                [
                    WeeklySession(
                        activity=a,
                        weekday=rng.randint(1, 5),
                        starts_at=time(hour := rng.randint(9, 18)),
                        ends_at=time(hour + 1, 30),
                    )
                    for a in batch
                    if rng.random() < 0.6
                ]
            )
            self.stdout.write(f"{start + len(batch)} of {activity_count} demo activities created.")
