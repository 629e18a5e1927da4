"""The demo archive loaded once per test module for the search suites (indexing it per test is slow).

Each test still runs in its own transaction on top of it, and the module's
data is flushed afterwards so other modules start from an empty database.
"""

import os

import pytest
from django.core.management import call_command


@pytest.fixture(scope="module")
def demo_archive(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def search_demo(demo_archive, db):
    """The module-wide archive, inside this test's transaction."""
