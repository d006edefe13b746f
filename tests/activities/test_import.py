"""Spreadsheet import (activities/importer.py): matching, preview, errors, all or nothing."""

import datetime
import io
import zipfile

import pytest
from reversion.models import Version

from activities import spreadsheet
from activities.importer import CHANGED, CREATED, ERROR, UNCHANGED, Importer, undo_import
from activities.models import Activity, AgeGroup, DirectoryImport, Topic
from programmes.models import Location, Programme
from tests.activities.spreadsheets import csv_file, row, xlsx_file
from tests.factories import (
    ActivityFactory,
    AgeGroupFactory,
    LocationFactory,
    ProgrammeFactory,
    TopicFactory,
    WeeklySessionFactory,
    coordinator,
    editor,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    return ProgrammeFactory(name="PAL Testowy", slug="pal-testowy")


def run(file, name="plik.csv", commit=True, user=None):
    return Importer(user=user).run(file, name, commit=commit)


def only_error(result):
    messages = result.error_messages()
    assert len(messages) == 1, messages
    return messages[0]


# Matching -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "XVII",
        "xvii",
        "Wzgórza Krzesławickie",
        "wzgorza krzeslawickie",
        "XVII Wzgórza Krzesławickie",
    ],
)
def test_it_finds_a_district_by_name_or_numeral_in_any_case_and_spelling(programme, written):
    result = run(csv_file([row(adres="ul. Morcinka 40", dzielnica=written)]))
    assert result.ok, result.error_messages()
    assert Activity.objects.get().location.district.numeral == "XVII"


@pytest.mark.parametrize("written", ["Dzieci; Sport i ruch", "Діти; Спорт", "children; SPORT"])
def test_it_finds_age_groups_and_topics_by_name_in_any_language(programme, written):
    AgeGroupFactory(name="Dzieci", name_uk="Діти", name_en="Children", slug="dzieci")
    TopicFactory(name="Sport i ruch", name_uk="Спорт", name_en="Sport", slug="sport")
    ages, topics = written.split("; ")
    result = run(csv_file([row(grupy_wiekowe=ages, tematy=topics)]))
    assert result.ok, result.error_messages()
    activity = Activity.objects.get()
    assert [a.slug for a in activity.age_groups.all()] == ["dzieci"]
    assert [t.slug for t in activity.topics.all()] == ["sport"]


def test_it_reads_weekly_sessions_written_the_polish_way(programme):
    result = run(csv_file([row(zajęcia="wt 17:00–18:30; czw 16.00-17.30")]))
    assert result.ok, result.error_messages()
    sessions = Activity.objects.get().sessions.order_by("weekday")
    assert [(s.weekday, s.starts_at, s.ends_at) for s in sessions] == [
        (2, datetime.time(17), datetime.time(18, 30)),
        (4, datetime.time(16), datetime.time(17, 30)),
    ]


def test_it_reads_windows_1250_files_from_polish_offices(programme):
    result = run(csv_file([row(tytuł="Zajęcia żółwia")], encoding="cp1250"))
    assert result.ok, result.error_messages()
    assert Activity.objects.get().title_pl == "Zajęcia żółwia"


def test_it_reads_comma_separated_files_too(programme):
    result = run(csv_file([row()], delimiter=","))
    assert result.ok, result.error_messages()


def test_it_reads_xlsx_files_with_real_dates(programme):
    file = xlsx_file([row(od=datetime.date(2023, 9, 1), wiek_od=7)])
    result = run(file, "plik.xlsx")
    assert result.ok, result.error_messages()
    activity = Activity.objects.get()
    assert activity.starts_on == datetime.date(2023, 9, 1)
    assert activity.min_age == 7


# What is created and changed ----------------------------------------------------


def test_new_activities_are_drafts_unless_the_file_says_published(programme):
    run(csv_file([row(slug="szkic"), row(slug="gotowe", opublikowane="tak")]))
    assert Activity.objects.get(slug="szkic").published is False
    assert Activity.objects.get(slug="gotowe").published is True


def test_it_creates_a_missing_programme_as_a_draft_and_reuses_a_new_place(db):
    rows = [
        row(program="pal-nowy", program_nazwa="PAL Nowy", slug="a", adres="ul. Nowa 1"),
        row(program="pal-nowy", slug="b", adres="UL. NOWA 1"),
    ]
    result = run(csv_file(rows))
    assert result.ok, result.error_messages()
    new = Programme.objects.get(slug="pal-nowy")
    assert new.published is False
    assert Location.objects.filter(programme=new).count() == 1


def test_the_preview_lists_old_and_new_values_of_a_changed_activity(programme):
    ActivityFactory(programme=programme, slug="szachy", title="Szachy", summary="Stare.")
    result = run(csv_file([row(slug="szachy", tytuł="Szachy", streszczenie="Nowe.")]), commit=False)
    [changed] = result.rows
    assert changed.status == CHANGED
    assert changed.changes == [("streszczenie", "Stare.", "Nowe.")]


def test_a_preview_saves_nothing(programme):
    result = run(csv_file([row()]), commit=False)
    assert result.counts[CREATED] == 1
    assert not Activity.objects.exists()


def test_empty_cells_keep_the_saved_publishing_and_order(programme):
    ActivityFactory(programme=programme, slug="szachy", published=True, order=3)
    result = run(csv_file([row(slug="szachy", opublikowane="", kolejność="", streszczenie="X")]))
    assert result.ok, result.error_messages()
    activity = Activity.objects.get()
    assert (activity.published, activity.order) == (True, 3)


def test_an_unchanged_row_is_reported_and_not_saved_again(programme):
    activity = ActivityFactory(programme=programme, slug="szachy", title="Szachy", summary="Tak.")
    result = run(csv_file([row(slug="szachy", tytuł="Szachy", streszczenie="Tak.")]))
    assert result.counts == {UNCHANGED: 1}
    assert Activity.objects.get().updated_at == activity.updated_at


# Errors: row, column, problem; nothing saved ------------------------------------


def test_an_unknown_district_names_row_column_and_value_in_polish(programme):
    result = run(csv_file([row(), row(slug="drugi", adres="ul. X 1", dzielnica="Nowa Hutaa")]))
    message = only_error(result)
    assert message.startswith("Wiersz 3, kolumna „dzielnica”: nieznana dzielnica „Nowa Hutaa”")
    assert not Activity.objects.exists()


def test_a_session_ending_before_it_starts_is_an_error(programme):
    result = run(csv_file([row(zajęcia="wt 18:30–17:00")]))
    assert "kolumna „zajęcia”" in only_error(result)
    assert "kończą się przed rozpoczęciem" in only_error(result)
    assert not Activity.objects.exists()


def test_a_duplicate_slug_in_the_file_is_an_error(programme):
    result = run(csv_file([row(slug="szachy"), row(slug="szachy")]))
    assert only_error(result).startswith("Wiersz 3, kolumna „slug”")
    assert not Activity.objects.exists()


def test_a_formula_is_refused(programme):
    result = run(xlsx_file([row(wiek_od="=2+5")]), "plik.xlsx")
    assert "formuła" in only_error(result)
    assert not Activity.objects.exists()


def test_a_formula_in_a_csv_file_is_refused(programme):
    result = run(csv_file([row(streszczenie='=HYPERLINK("http://zle.example")')]))
    assert "formuła" in only_error(result)


def test_wrong_columns_are_named(programme):
    result = run(csv_file([{"program": "pal-testowy", "tytul": "A", "kolor": "zielony"}]))
    message = only_error(result)
    assert "nieznana kolumna „kolor”" in message
    assert "brak kolumny „streszczenie”" in message


def test_a_file_in_another_encoding_is_refused(programme):
    result = run(csv_file([row()], encoding="utf-16"))
    assert "UTF-8" in only_error(result)
    assert not Activity.objects.exists()


def test_a_50_mb_file_is_refused_before_reading(programme):
    big = io.BytesIO(b"program;" + b"x" * (50 * 1024 * 1024))
    result = run(big)
    assert only_error(result) == "Plik ma 50,0 MB; zaimportować można najwyżej 10,0 MB."
    assert not Activity.objects.exists()


def test_an_unknown_partner_is_an_error(programme):
    result = run(csv_file([row(partnerzy="Szkoła Podstawowa nr 999")]))
    assert only_error(result).startswith("Wiersz 2, kolumna „partnerzy”: nieznany partner")


def test_an_xlsx_bomb_is_refused_unopened(programme):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b"a" * (200 * 1024 * 1024))
    result = run(bomb, "plik.xlsx")
    assert "ZIP" in only_error(result)


def test_a_damaged_xlsx_file_is_refused(programme):
    result = run(io.BytesIO(b"PK\x03\x04 to nie jest arkusz"), "plik.xlsx")
    assert "XLSX" in only_error(result)


def test_an_unsupported_file_type_is_refused(programme):
    assert "XLSX" in only_error(run(io.BytesIO(b"{}"), "plik.json"))


def test_too_many_rows_are_refused(programme, settings):
    settings.IMPORT_MAX_ROWS = 2
    result = run(csv_file([row(slug="a"), row(slug="b"), row(slug="c")]))
    assert "więcej niż 2" in only_error(result)
    assert not Activity.objects.exists()


def test_an_end_date_before_the_start_is_an_error(programme):
    result = run(csv_file([row(od="2023-09-01", do="2023-08-01")]))
    assert only_error(result).startswith("Wiersz 2, kolumna „do”")


def test_one_bad_row_saves_nothing_from_the_good_ones(programme):
    result = run(csv_file([row(slug="a"), row(slug="b", wiek_od="siedem")]))
    assert result.counts == {CREATED: 1, ERROR: 1}
    assert not Activity.objects.exists()
    assert not DirectoryImport.objects.exists()


# Coordinators -------------------------------------------------------------------


def test_a_coordinators_file_touching_another_programme_is_refused_whole(programme):
    other = ProgrammeFactory(slug="pal-inny")
    anna = coordinator(programme)
    rows = [row(slug="nasze"), row(program=other.slug, slug="cudze")]
    result = run(csv_file(rows), user=anna)
    assert only_error(result).startswith("Wiersz 3, kolumna „program”")
    assert not Activity.objects.exists()


def test_a_coordinator_cannot_take_over_another_programmes_activity(programme):
    ActivityFactory(programme=ProgrammeFactory(slug="pal-inny"), slug="cudze")
    anna = coordinator(programme)
    result = run(csv_file([row(slug="cudze")]), user=anna)
    assert "kolumna „slug”" in only_error(result)


def test_a_coordinator_cannot_create_a_programme(db):
    anna = coordinator(ProgrammeFactory())
    result = run(csv_file([row(program="pal-nowy", program_nazwa="PAL Nowy")]), user=anna)
    assert "kolumna „program”" in only_error(result)
    assert not Programme.objects.filter(slug="pal-nowy").exists()


def test_a_coordinator_imports_into_their_programme(programme):
    result = run(csv_file([row()]), user=coordinator(programme))
    assert result.saved


# History and undo ---------------------------------------------------------------


def test_a_confirmed_import_is_one_history_entry(programme):
    ActivityFactory(programme=programme, slug="stare", summary="Stare.")
    result = run(csv_file([row(slug="stare", streszczenie="Nowe."), row(slug="nowe")]))
    versions = Version.objects.get_for_model(Activity)
    assert {version.revision_id for version in versions} == {result.directory_import.revision_id}
    saved = {version.field_dict["slug"]: version.field_dict["summary_pl"] for version in versions}
    # The changed activity as it was before, the created one as it was created.
    assert saved == {"stare": "Stare.", "nowe": "Nauka gry w szachy."}
    created = result.directory_import.created_objects["activities.activity"]
    assert created == [Activity.objects.get(slug="nowe").pk]


def test_undoing_an_import_restores_the_directory_as_it_was(programme):
    place = LocationFactory(programme=programme, address="ul. Stara 1")
    old = ActivityFactory(programme=programme, slug="stare", summary="Stare.", location=place)
    WeeklySessionFactory(activity=old, weekday=1)
    editor_user = editor()
    rows = [
        row(slug="stare", streszczenie="Nowe.", adres="ul. Nowa 2", zajęcia="pt 10:00-11:00"),
        row(slug="nowe", program="pal-nowy", program_nazwa="PAL Nowy"),
    ]
    result = run(csv_file(rows), user=editor_user)
    assert result.saved
    undo_import(result.directory_import, editor_user)
    old.refresh_from_db()
    assert old.summary == "Stare."
    assert old.location == place
    assert [s.weekday for s in old.sessions.all()] == [1]
    assert list(Activity.objects.values_list("slug", flat=True)) == ["stare"]
    assert not Programme.objects.filter(slug="pal-nowy").exists()
    assert not Location.objects.filter(address="ul. Nowa 2").exists()


# Round trip ---------------------------------------------------------------------


@pytest.mark.parametrize(("name", "writer"), [("a.xlsx", "write_xlsx"), ("a.csv", "write_csv")])
def test_an_exported_file_imports_back_without_changes(programme, name, writer):
    AgeGroupFactory(name="Dzieci", slug="dzieci")
    TopicFactory(name="Sport i ruch", slug="sport")
    place = LocationFactory(programme=programme, address="os. Na Skarpie 35")
    activity = ActivityFactory(
        programme=programme,
        location=place,
        title="=Piłka nożna",  # a text that looks like a formula stays text
        description="- pierwszy akapit\n\n- drugi",
        age_groups=AgeGroup.objects.all(),
        topics=Topic.objects.all(),
        starts_on=datetime.date(2023, 9, 1),
        min_age=7,
        free_of_charge=False,
        cost_note="Bilet wstępu.",
    )
    WeeklySessionFactory(activity=activity, weekday=3)
    file = io.BytesIO()
    getattr(spreadsheet, writer)(spreadsheet.export_rows(Activity.objects.all()), file)
    file.seek(0)
    result = run(file, name)
    assert result.counts == {UNCHANGED: 1}, result.rows


# Open-data ids ------------------------------------------------------------------


def test_a_row_is_matched_by_its_id_even_after_its_slug_changed(programme):
    activity = ActivityFactory(programme=programme, slug="stary-slug")
    result = run(csv_file([row(uuid=str(activity.uuid), slug="nowy-slug")]))
    assert result.counts[CHANGED] == 1, result.error_messages()
    assert ("slug", "stary-slug", "nowy-slug") in result.rows[0].changes
    activity.refresh_from_db()
    assert activity.slug == "nowy-slug"


def test_a_row_matched_by_its_id_keeps_its_slug_when_the_cell_is_empty(programme):
    activity = ActivityFactory(programme=programme, slug="zostaje", title="Szachy")
    result = run(csv_file([row(uuid=str(activity.uuid), tytuł="Warcaby")]))
    assert result.counts[CHANGED] == 1, result.error_messages()
    activity.refresh_from_db()
    assert (activity.slug, activity.title) == ("zostaje", "Warcaby")


def test_a_new_row_keeps_the_id_the_file_gives_it(programme):
    given = "5f0b6a52-3c1e-4d57-9a55-1f0e6a1c7d99"
    result = run(csv_file([row(uuid=given)]))
    assert result.counts[CREATED] == 1, result.error_messages()
    assert str(Activity.objects.get().uuid) == given


def test_a_slug_of_another_activity_under_a_new_id_is_an_error(programme):
    ActivityFactory(programme=programme, slug="zajete")
    result = run(csv_file([row(uuid="5f0b6a52-3c1e-4d57-9a55-1f0e6a1c7d99", slug="zajete")]))
    assert only_error(result).startswith("Wiersz 2, kolumna „slug”"), result.error_messages()
    assert Activity.objects.count() == 1


def test_a_malformed_id_names_its_row_and_column(programme):
    result = run(csv_file([row(uuid="nie-id")]))
    message = only_error(result)
    assert message.startswith("Wiersz 2, kolumna „uuid”"), message


def test_a_place_matched_by_its_id_takes_the_new_address(programme):
    place = LocationFactory(programme=programme, address="ul. Stara 1")
    activity = ActivityFactory(programme=programme, location=place, slug="zajecia")
    rows = [row(slug="zajecia", adres="ul. Nowa 2", miejsce_uuid=str(place.uuid))]
    result = run(csv_file(rows))
    assert result.counts[CHANGED] == 1, result.error_messages()
    place.refresh_from_db()
    activity.refresh_from_db()
    assert (activity.location, place.address) == (place, "ul. Nowa 2")
    assert Location.objects.count() == 1


def test_a_place_of_another_programme_cannot_be_named_by_its_id(programme):
    other = LocationFactory(programme=ProgrammeFactory(), address="ul. Obca 3")
    result = run(csv_file([row(adres="ul. Obca 3", miejsce_uuid=str(other.uuid))]))
    assert only_error(result).startswith("Wiersz 2, kolumna „miejsce_uuid”")
