"""The seed data exported and imported back: every public page stays the same."""

import io

import pytest
from django.core.cache import cache
from django.utils import translation

from activities import spreadsheet
from activities.importer import CREATED, UNCHANGED, Importer
from activities.models import Activity
from tests.public_urls import public_urls

pytestmark = pytest.mark.django_db


def pages(client):
    cache.clear()
    with translation.override("pl"):
        urls = public_urls()
    return {url: client.get(url).content.decode() for url in urls}


def export_seed():
    file = io.BytesIO()
    spreadsheet.write_xlsx(spreadsheet.export_rows(Activity.objects.all()), file)
    file.seek(0)
    return file


def test_the_seed_exported_and_imported_back_changes_nothing(client, seed):
    before = pages(client)
    result = Importer().run(export_seed(), "seed.xlsx", commit=True)
    assert result.counts == {UNCHANGED: Activity.objects.count()}
    assert pages(client) == before


def test_the_seed_imported_into_a_site_without_activities_gives_the_same_pages(client, seed):
    file = export_seed()
    before = pages(client)
    count = Activity.objects.count()
    Activity.objects.all().delete()
    result = Importer().run(file, "seed.xlsx", commit=True)
    assert result.counts == {CREATED: count}, result.error_messages()
    after = pages(client)
    assert after.keys() == before.keys()
    different = [url for url in before if after[url] != before[url]]
    assert different == []
