"""The site's name comes from settings.SITE_NAME on every page, feed and export."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def renamed(settings):
    settings.SITE_NAME = "Test Relations Library"
    return settings.SITE_NAME


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/search/?q=milk",
        "/commentary/feed/atom/",
        "/events/feed/rss/",
        "/search/feed/?q=milk",
        "/events/timelinejs.json",
    ],
)
def test_the_site_name_is_the_setting(client, demo, renamed, url):
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    assert renamed in text
    assert "Relations Archive" not in text
