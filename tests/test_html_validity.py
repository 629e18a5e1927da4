"""Every main page type is valid HTML according to the Nu HTML Checker (vnu.jar, the W3C's validator).

vnu.jar comes from npm (`vnu-jar`) and needs Java; .ci/run and bin/test install it
under `.ci/node_modules` when npm is available. Elsewhere the test is skipped with
the reason.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from archive.models import Event

from .test_reader_pages import PAGES as READER_PAGES

ROOT = Path(__file__).resolve().parent.parent
VNU = Path(os.environ.get("VNU_JAR", ROOT / ".ci" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"))

# Every page type of the reader site (as in the query-count tests), then error and search pages.
PAGES = [url.replace("test-author", "yauheni-preiherman") for url in READER_PAGES] + [
    "/events/?date_from=not-a-date",
    "/search/?q=gas",
    "/search/?q=Lukashenkko",
    "/search/?q=%22unbalanced",
    "/suggest/",
    "/no-such-page/",
]


@pytest.fixture(scope="module")
def vnu():
    if not VNU.exists():
        pytest.skip(f"Nu HTML Checker not found at {VNU}: `npm install --prefix .ci vnu-jar` (bin/test does it)")
    if not shutil.which("java"):
        pytest.skip("Java is needed to run the Nu HTML Checker")
    return VNU


def test_main_pages_are_valid_html(demo, client, vnu, tmp_path, editor):
    files = {}
    for i, url in enumerate(PAGES):
        response = client.get(url)
        assert response.status_code in (200, 400, 404), url
        path = tmp_path / f"page{i}.html"
        path.write_bytes(response.content)
        files[path.name] = url
    # A draft previewed by staff carries the draft banner: it must be valid too.
    client.force_login(editor)
    draft = Event.objects.first()
    Event.objects.filter(pk=draft.pk).update(status="draft")
    preview = tmp_path / "preview.html"
    preview.write_bytes(client.get(draft.get_absolute_url()).content)
    files[preview.name] = f"{draft.get_absolute_url()} (staff preview)"
    result = subprocess.run(
        ["java", "-jar", str(vnu), "--format", "json", "--also-check-css", *map(str, sorted(tmp_path.glob("*.html")))],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    problems = [
        f"{files[m['url'].rsplit('/', 1)[-1]]}: {m['type']} {m.get('subType', '')}: {m['message']} "
        f"[{m.get('extract', '').strip()[:80]}]"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "warning"
    ]
    assert not problems, "\n".join(problems)
