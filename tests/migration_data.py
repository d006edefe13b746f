"""Rows that data migrations create, for tests that flush the database.

Flushing (live-server tests, the crawl) deletes them along with everything else;
these put back what the migrations would.
"""

from importlib import import_module

from django.apps import apps


def restore_migration_data():
    import_module("programmes.migrations.0002_seed_districts").seed_districts(apps, None)
    import_module("activities.migrations.0005_staff_groups").grant(apps)
    districts = import_module("programmes.migrations.0007_fill_polish_and_district_names")
    districts.translate_district_names(apps, None)
    languages = import_module("activities.migrations.0020_languages_how_to_join_only_for_notice")
    languages.seed_languages(apps, None)
