"""Static file addresses (pal_site/storage.py): worked out once per name."""

import json

from pal_site.storage import StaticFilesStorage


def test_a_static_files_address_is_worked_out_once(tmp_path, settings):
    settings.DEBUG = False
    manifest = {"paths": {"css/site.css": "css/site.0123.css"}, "version": "1.1"}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    storage = StaticFilesStorage(location=tmp_path, base_url="/static/")
    assert storage.url("css/site.css") == "/static/css/site.0123.css"
    storage.hashed_files["css/site.css"] = "css/site.4567.css"
    assert storage.url("css/site.css") == "/static/css/site.0123.css"
