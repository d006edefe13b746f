import json
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from activities.models import Activity, AgeGroup, Topic
from programmes.models import Location, Programme, StaffContact
from tests.factories import ActivityFactory

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


def fixture_ids(name, model_label):
    rows = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return {row["fields"]["uuid"] for row in rows if row["model"] == model_label}


def test_it_gives_every_seed_row_the_id_written_in_its_fixture(seed):
    for model, fixture, label in [
        (Programme, "programmes", "programmes.programme"),
        (Location, "programmes", "programmes.location"),
        (StaffContact, "programmes", "programmes.staffcontact"),
        (Activity, "programmes", "activities.activity"),
        (AgeGroup, "vocabularies", "activities.agegroup"),
        (Topic, "vocabularies", "activities.topic"),
    ]:
        stored = {str(pk) for pk in model.objects.values_list("uuid", flat=True)}
        assert stored == fixture_ids(fixture, label), model


def test_it_keeps_the_ids_when_the_seed_is_loaded_again(seed):
    before = dict(Activity.objects.values_list("slug", "uuid"))
    Programme.objects.all().delete()
    call_command("load_seed", verbosity=0)
    assert dict(Activity.objects.values_list("slug", "uuid")) == before


def test_it_keeps_an_activitys_id_through_a_rename(db):
    activity = ActivityFactory()
    original = activity.uuid
    activity.title = "Nowa nazwa"
    activity.slug = "nowa-nazwa"
    activity.save()
    activity.refresh_from_db()
    assert activity.uuid == original


def test_it_gives_new_rows_distinct_ids(db):
    first, second = ActivityFactory(), ActivityFactory()
    assert first.uuid != second.uuid
