"""Staff access: login throttling per account and per client, the lockout message, an administrator's logged
unlock, password reset by e-mail, and the client address behind a trusted proxy."""

import re

import pytest
from axes.models import AccessAttempt
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import RequestFactory

from relations_site.clients import client_ip
from tests.conftest import staff_member

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture(autouse=True)
def limit(settings):
    settings.AXES_FAILURE_LIMIT = 3


def attempt(client, username, password, ip="203.0.113.5"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_repeated_failures_lock_the_account_even_with_the_right_password(client):
    staff_member("ed", "Editors")
    for _ in range(2):
        assert attempt(client, "ed", "wrong").status_code == 200  # the login form again, with its error
    locked = attempt(client, "ed", "wrong")
    assert locked.status_code == 429
    assert "Too many failed logins for this account or from this address" in locked.content.decode()
    # From a different address too: the lock is on the account.
    response = attempt(client, "ed", "pw-ed-123", ip="198.51.100.7")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_one_client_trying_many_accounts_is_locked(client):
    staff_member("ed", "Editors")
    for name in ("alice", "bob", "carol"):
        attempt(client, name, "guess", ip="203.0.113.9")
    response = attempt(client, "ed", "pw-ed-123", ip="203.0.113.9")
    assert response.status_code == 429
    # Another client logs in to that account normally: the lock is on the address.
    other = attempt(client, "ed", "pw-ed-123", ip="198.51.100.7")
    assert other.status_code == 302 and other["Location"] == "/admin/"


def test_fewer_failures_than_the_limit_then_success_clears_them(client):
    staff_member("ed", "Editors")
    attempt(client, "ed", "wrong")
    attempt(client, "ed", "wrong")
    assert attempt(client, "ed", "pw-ed-123").status_code == 302
    client.logout()
    attempt(client, "ed", "wrong")
    attempt(client, "ed", "wrong")
    assert attempt(client, "ed", "pw-ed-123").status_code == 302  # the earlier failures were cleared


def test_an_administrator_unlocks_and_the_unlock_is_logged(client):
    staff_member("ed", "Editors")
    for _ in range(3):
        attempt(client, "ed", "wrong")
    assert attempt(client, "ed", "pw-ed-123").status_code == 429
    admin_user = get_user_model().objects.create_superuser("root", "root@example.org", "pw-root-123")
    admin_client = type(client)()
    admin_client.force_login(admin_user)
    changelist = admin_client.get("/admin/axes/accessattempt/?locked_out=yes")
    assert changelist.status_code == 200 and "ed" in changelist.content.decode()
    ids = [str(pk) for pk in AccessAttempt.objects.values_list("pk", flat=True)]
    response = admin_client.post(
        "/admin/axes/accessattempt/", {"action": "unlock", "_selected_action": ids}, follow=True
    )
    assert "Unlocked" in response.content.decode()
    assert not AccessAttempt.objects.exists()
    [entry] = LogEntry.objects.filter(action_flag=DELETION)
    assert entry.user == admin_user and "Unlocked login for username “ed” from 203.0.113.5" in entry.change_message
    assert attempt(client, "ed", "pw-ed-123").status_code == 302


def test_editors_cannot_see_or_unlock_lockouts(editor_client):
    assert editor_client.get("/admin/axes/accessattempt/").status_code == 403


def test_staff_password_reset_by_email(client):
    user = staff_member("ed", "Editors")
    user.email = "ed@example.org"
    user.save()
    login_page = client.get("/admin/login/").content.decode()
    assert 'href="/admin/password_reset/"' in login_page  # the admin shows "Forgotten your password?"
    response = client.post("/admin/password_reset/", {"email": "ed@example.org"})
    assert response.status_code == 302 and response["Location"] == "/admin/password_reset/done/"
    [message] = mail.outbox
    assert message.to == ["ed@example.org"]
    link = re.search(r"https?://[^/]+(/reset/[^/]+/[^/]+/)", message.body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200 and "new_password1" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": "Fresh-pass-9876", "new_password2": "Fresh-pass-9876"}
    )
    assert done.status_code == 302 and done["Location"] == "/reset/done/"
    user.refresh_from_db()
    assert user.check_password("Fresh-pass-9876")
    assert attempt(client, "ed", "Fresh-pass-9876").status_code == 302


def test_password_reset_ignores_non_staff_and_unknown_addresses(client):
    get_user_model().objects.create_user("reader", email="reader@example.org", password="pw-reader-123")
    for email in ("reader@example.org", "nobody@example.org"):
        response = client.post("/admin/password_reset/", {"email": email})
        assert response.status_code == 302 and response["Location"] == "/admin/password_reset/done/"
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("env", "backend"),
    [({}, "django.core.mail.backends.console.EmailBackend"),
     ({"EMAIL_HOST": "smtp.example.org"}, "django.core.mail.backends.smtp.EmailBackend")],
)  # fmt: skip
def test_email_goes_to_the_console_unless_smtp_is_configured(env, backend):
    """Read in a fresh interpreter: the test runner replaces EMAIL_BACKEND with its own outbox."""
    import os
    import subprocess
    import sys

    code = "from relations_site import settings as s; print(s.EMAIL_BACKEND, s.EMAIL_PORT, s.EMAIL_USE_TLS)"
    clean = {k: v for k, v in os.environ.items() if not k.startswith("EMAIL_")}
    out = subprocess.run([sys.executable, "-c", code], env={**clean, **env}, capture_output=True, text=True, check=True)
    assert out.stdout.split() == [backend, "587", "True"]


@pytest.mark.parametrize(
    ("trusted", "forwarded", "expected"),
    [
        (0, "198.51.100.7", "10.0.0.1"),  # no proxy configured: a forged header is ignored
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # the client's own forged entry is left of the proxy's
        (2, "6.6.6.6, 198.51.100.7, 10.0.0.2", "198.51.100.7"),
        (2, "198.51.100.7", "10.0.0.1"),  # fewer entries than proxies: not through them all
        (1, "not-an-address", "10.0.0.1"),
        (1, "", "10.0.0.1"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_address_behind_trusted_proxies(settings, trusted, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = trusted
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_a_login_without_a_client_address_is_recorded_without_one(client):
    """The test client's login() builds a request with no REMOTE_ADDR: PostgreSQL's inet column refuses "unknown"."""
    from axes.models import AccessLog

    staff_member("ed", "Editors")
    assert client.login(username="ed", password="pw-ed-123")
    assert AccessLog.objects.get(username="ed").ip_address is None


def test_suggestion_limit_is_per_reader_behind_the_proxy(client, settings):
    """Behind one proxy, two readers have two buckets; one reader over the limit does not close the form for all."""
    from django.core.cache import cache

    cache.clear()
    settings.TRUSTED_PROXY_COUNT = 1
    settings.SUGGESTION_RATE_LIMIT = (2, 60)
    data = {"title": "", "url": "", "kind": "web-page"}  # invalid: counted, nothing saved

    def post(ip):
        return client.post("/suggest/", data, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=ip).status_code

    assert [post("198.51.100.7") for _ in range(3)] == [400, 400, 429]
    assert post("198.51.100.8") == 400
