"""The apps build one way (programmes, activities, site-wide apps, pal_site).

The contracts live in pyproject.toml ([tool.importlinter]); `make lint` runs them
too. Here they fail the suite when a forbidden import comes back.
"""

import tomllib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from importlinter.application.use_cases import lint_imports
from importlinter.configuration import configure

BASE_DIR = Path(settings.BASE_DIR)

configure()


def importlinter_options():
    with open(BASE_DIR / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["tool"]["importlinter"]


def test_no_app_imports_against_the_layers(capsys):
    kept = lint_imports(str(BASE_DIR / "pyproject.toml"), cache_dir=None, no_logo=True)
    assert kept, capsys.readouterr().out


def test_every_project_app_is_checked():
    project_apps = {
        config.name.split(".")[0]
        for config in apps.get_app_configs()
        if Path(config.path).parent == BASE_DIR
    }
    assert project_apps <= set(importlinter_options()["root_packages"])
