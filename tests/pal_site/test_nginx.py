"""docs/nginx.conf, the deployment the README shows: it sheds load with pages we ship."""

import re
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings

CONF = (Path(settings.BASE_DIR) / "docs" / "nginx.conf").read_text()


class Languages(HTMLParser):
    def __init__(self):
        super().__init__()
        self.languages, self.scripts = set(), 0

    def handle_starttag(self, tag, attrs):
        self.languages.update(value for name, value in attrs if name == "lang")
        self.scripts += tag in ("script", "link")


def test_the_readme_shows_the_configuration_that_is_measured():
    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    assert CONF in readme


def test_it_limits_pages_per_address_and_in_flight_with_429_and_503():
    page_location = re.search(r"location / \{(.*?)\}", CONF, re.S)[1]
    assert "limit_req zone=pal_per_address" in page_location
    assert "limit_conn pal_in_flight" in page_location
    assert "limit_req_status 429;" in CONF
    assert "limit_conn_status 503;" in CONF
    assert "add_header Retry-After" in CONF


def test_its_error_pages_exist_in_three_languages_without_scripts():
    for page in re.findall(r"error_page [\d =]+ /errors/(\S+);", CONF):
        html = Path(settings.BASE_DIR, "static", "errors", page).read_text()
        parser = Languages()
        parser.feed(html)
        assert parser.languages == {"pl", "uk", "en"}, page
        assert parser.scripts == 0, page
