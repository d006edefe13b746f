import csv
import io

import pytest

pytestmark = pytest.mark.browser


def test_it_downloads_the_finders_results_as_csv_with_its_filters(site, phone):
    phone.goto(f"{site}/zajecia/?district=nowa-huta&age=dzieci")
    shown = phone.locator(".card__title").all_inner_texts()
    with phone.expect_download() as download:
        phone.get_by_role("link", name="Pobierz jako CSV").click()
    raw = download.value.path().read_bytes()
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert raw.startswith(b"\xef\xbb\xbf")
    assert [row["Tytuł"] for row in rows][: len(shown)] == [title.strip() for title in shown]


def test_it_reaches_the_open_data_page_from_the_footer(site, phone):
    phone.goto(site)
    phone.get_by_role("link", name="Otwarte dane").click()
    phone.wait_for_url(f"{site}/otwarte-dane/")
    assert phone.get_by_role("heading", level=1).inner_text() == "Otwarte dane"
