"""Spreadsheet columns for what a resident needs to know before going (issue 14):
only for, how to join, what to bring, languages, temporary notice, step-free access."""

import datetime
import io

import pytest

from activities import spreadsheet
from activities.importer import Importer
from activities.models import Activity, HowToJoin
from programmes.models import StepFreeAccess
from tests.activities.spreadsheets import csv_file, read_csv, row
from tests.factories import ActivityFactory, LocationFactory, ProgrammeFactory, language

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    return ProgrammeFactory(name="PAL Testowy", slug="pal-testowy")


def run(file, commit=True):
    return Importer().run(file, "plik.csv", commit=commit)


def exported(activities):
    buffer = io.BytesIO()
    spreadsheet.write_csv(spreadsheet.export_rows(activities), buffer)
    return read_csv(buffer.getvalue())


def test_it_imports_who_only_may_take_part_and_how_to_join(programme):
    result = run(
        csv_file(
            [
                row(
                    tylko_dla="Tylko dla kobiet",
                    tylko_dla_uk="Лише для жінок",
                    jak_się_zapisać="najpierw trzeba się zapisać",
                    zapisy_opis="U koordynatorki PAL",
                    co_zabrać="Zmienne obuwie",
                )
            ]
        )
    )
    assert result.ok, result.error_messages()
    activity = Activity.objects.get()
    assert (activity.only_for_pl, activity.only_for_uk) == ("Tylko dla kobiet", "Лише для жінок")
    assert activity.how_to_join == HowToJoin.SIGN_UP
    assert (activity.how_to_join_note_pl, activity.what_to_bring_pl) == (
        "U koordynatorki PAL",
        "Zmienne obuwie",
    )


@pytest.mark.parametrize("written", ["ukraiński; polski", "uk; pl", "Ukrainian; POLISH"])
def test_it_finds_languages_by_name_or_code(programme, written):
    result = run(csv_file([row(języki=written)]))
    assert result.ok, result.error_messages()
    assert sorted(lang.code for lang in Activity.objects.get().languages.all()) == ["pl", "uk"]


def test_an_unknown_language_is_an_error(programme):
    result = run(csv_file([row(języki="klingoński")]))
    assert not result.ok
    assert "języki" in result.error_messages()[0]


def test_an_unknown_way_of_joining_is_an_error(programme):
    result = run(csv_file([row(jak_się_zapisać="przez gołębia")]))
    assert "jak_się_zapisać" in result.error_messages()[0]


def test_a_notice_without_an_end_date_is_an_error(programme):
    result = run(csv_file([row(komunikat="Przerwa wakacyjna")]))
    assert not result.ok
    assert "komunikat_do" in result.error_messages()[0]
    assert not Activity.objects.exists()


def test_it_imports_a_notice_with_its_end_date(programme):
    result = run(csv_file([row(komunikat="Przerwa wakacyjna", komunikat_do="2026-08-31")]))
    assert result.ok, result.error_messages()
    assert Activity.objects.get().notice_until == datetime.date(2026, 8, 31)


def test_it_sets_the_places_step_free_access(programme):
    result = run(
        csv_file([row(adres="os. Na Skarpie 35", miejsce_bez_barier="częściowo bez barier")])
    )
    assert result.ok, result.error_messages()
    assert Activity.objects.get().location.step_free == StepFreeAccess.PARTLY


def test_the_preview_lists_a_changed_step_free_access(programme):
    location = LocationFactory(programme=programme, address="os. Na Skarpie 35")
    ActivityFactory(programme=programme, location=location, slug="szachy", title="Szachy")
    result = run(
        csv_file(
            [
                row(
                    slug="szachy",
                    tytuł="Szachy",
                    adres="os. Na Skarpie 35",
                    miejsce_bez_barier="bez barier",
                )
            ]
        ),
        commit=False,
    )
    assert result.ok, result.error_messages()
    [changed] = result.rows
    assert (
        "miejsce_bez_barier (os. Na Skarpie 35)",
        "nie wiadomo",
        "bez barier",
    ) in changed.changes
    location.refresh_from_db()
    assert location.step_free == StepFreeAccess.UNKNOWN


def test_an_empty_step_free_cell_keeps_what_is_saved(programme):
    location = LocationFactory(programme=programme, address="os. Na Skarpie 35", step_free="yes")
    result = run(csv_file([row(adres="os. Na Skarpie 35", miejsce_bez_barier="")]))
    assert result.ok, result.error_messages()
    location.refresh_from_db()
    assert location.step_free == StepFreeAccess.YES


def test_it_exports_the_new_columns(programme):
    location = LocationFactory(programme=programme, step_free=StepFreeAccess.NO)
    ActivityFactory(
        programme=programme,
        location=location,
        only_for="Tylko dla kobiet",
        how_to_join=HowToJoin.JUST_COME,
        languages=[language("uk")],
        notice="Przerwa",
        notice_until=datetime.date(2026, 8, 31),
    )
    [exported_row] = exported(Activity.objects.all())
    assert exported_row["tylko_dla"] == "Tylko dla kobiet"
    assert exported_row["jak_się_zapisać"] == "wystarczy przyjść"
    assert exported_row["języki"] == "ukraiński"
    assert exported_row["komunikat_do"] == "2026-08-31"
    assert exported_row["miejsce_bez_barier"] == "z barierami"


def test_unknown_values_export_as_unknown_not_as_a_guess(programme):
    ActivityFactory(programme=programme, location=LocationFactory(programme=programme))
    [exported_row] = exported(Activity.objects.all())
    assert exported_row["jak_się_zapisać"] == "nie wiadomo"
    assert exported_row["języki"] == ""
    assert exported_row["miejsce_bez_barier"] == "nie wiadomo"


def test_an_exported_file_imports_back_unchanged(programme):
    location = LocationFactory(programme=programme, step_free=StepFreeAccess.PARTLY)
    ActivityFactory(
        programme=programme,
        location=location,
        only_for="Tylko dla kobiet",
        how_to_join=HowToJoin.REFERRAL,
        languages=[language("pl"), language("pso")],
        what_to_bring="Zmienne obuwie",
    )
    buffer = io.BytesIO()
    spreadsheet.write_csv(spreadsheet.export_rows(Activity.objects.all()), buffer)
    buffer.seek(0)
    result = run(buffer, commit=False)
    assert result.ok, result.error_messages()
    assert result.counts["unchanged"] == 1, [r.changes for r in result.rows]
