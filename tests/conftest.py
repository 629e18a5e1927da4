"""Shared fixtures: the demo archive, users per role, and a headless browser."""

import os
import shutil

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from .bounded_fixtures import bounded_corpus  # noqa: F401  (the engines' bounded-stage tests)

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "page_cache: runs with the public page cache and the memo of page parts on (off elsewhere)"
    )


@pytest.fixture(autouse=True)
def page_cache_only_where_tested(request, settings):
    """Whole-page caching and the memo of page parts (archive/memo.py) are tested on their own
    (tests/test_page_cache.py); elsewhere pages render afresh, so a test's override_settings or clock
    cannot be answered by a page or part another test cached."""
    if "page_cache" not in request.keywords:
        settings.PAGE_CACHE_SECONDS = 0
        settings.MEMO_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Test accounts need no costly hashing; real hashing is Django's concern, not ours."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(db):
    """The demo archive built from the seed documents."""
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))


def staff_member(username: str, group: str):
    """A staff account holding exactly what its group gives."""
    user = get_user_model().objects.create_user(username, password=f"pw-{username}-123", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db):
    """A member of the Editors group (the demo editor's rights)."""
    return staff_member("ed", "Editors")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def moderator(db):
    """A member of the Moderators group."""
    return staff_member("mo", "Moderators")


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright; skipped with a reason when unavailable."""
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        pytest.skip(
            f"Chromium not found at {CHROMIUM}: install Debian's 'chromium' (.ci/run does) to run browser tests"
        )
    playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    # Playwright's sync API runs an event loop in this thread; the live server's ORM use is still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()
