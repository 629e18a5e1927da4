"""Security headers on every response (public pages, admin, static files, errors) and the admin working under
the strict Content-Security-Policy in a real browser, with no violation reported."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from archive.models import Commentary, Event, Source

pytestmark = pytest.mark.django_db

STRICT = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
}


def csp_directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


@pytest.mark.parametrize(
    "url",
    ["/", "/search/?q=gas", "/search/feed/?q=gas", "/events/timelinejs.json", "/no-such-page/", "/admin/login/",
     "/sources/a%00b/", "/search/?q=%01", "/robots.txt", "/static/css/site.css"],
)  # fmt: skip
def test_every_response_carries_the_headers(client, url):
    response = client.get(url)
    directives = csp_directives(response)
    for name, value in STRICT.items():
        assert directives[name] == value, name
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    if response["Content-Type"].startswith("text/html"):  # old browsers' frame rule; CSP covers the rest
        assert response["X-Frame-Options"] == "DENY"


@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_HSTS_PRELOAD=True)
def test_hsts_over_tls(client):
    """HSTS is sent on secure requests only (Django's rule): behind the TLS proxy, every page."""
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "Strict-Transport-Security" not in client.get("/")


INLINE = [r"<style", r"\sstyle=", r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)", r"<[^>]*\son[a-z]+\s*="]


def test_no_inline_script_or_style_in_our_templates():
    """The policy forbids them; a template that added one would be broken in every browser."""
    from pathlib import Path

    from django.conf import settings

    offenders = []
    for path in (Path(settings.BASE_DIR) / "templates").rglob("*.html"):
        text = path.read_text()
        for pattern in INLINE:
            if re.search(pattern, text):
                offenders.append((str(path), pattern))
    assert not offenders


ADMIN_PAGES = [
    "/admin/",
    "/admin/archive/commentary/",
    "/admin/archive/commentary/add/",
    "/admin/archive/event/",
    "/admin/archive/event/add/",
    "/admin/archive/source/",
    "/admin/archive/source/add/",
    "/admin/archive/pendingsource/",
    "/admin/archive/tag/",
    "/admin/archive/actor/add/",
    "/admin/auth/user/",
    "/admin/auth/user/add/",
    "/admin/password_change/",
]

WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber);
});
"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_admin_works_under_the_policy_with_no_violation(browser, live_server):
    """Log in, open every kind of admin page, use the date and time shortcuts and the inlines' "Add another"."""
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    get_user_model().objects.create_superuser("root", "root@example.org", "pw-root-123")
    context = browser.new_context()
    context.add_init_script(WATCH_VIOLATIONS)
    page = context.new_page()
    console = []
    page.on("console", lambda msg: console.append(msg.text) if msg.type in ("error", "warning") else None)
    page.on("pageerror", lambda exc: console.append(str(exc)))
    violations = []

    def visit(url):
        response = page.goto(f"{live_server.url}{url}")
        assert response.status == 200, url
        assert "Content-Security-Policy" in {k.title(): v for k, v in response.headers.items()}
        page.wait_for_load_state("load")
        violations.extend((url, v) for v in page.evaluate("window.__cspViolations"))

    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("root")
    page.get_by_label("Password").fill("pw-root-123")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    commentary = Commentary.objects.order_by("pk").first()
    event = Event.objects.order_by("pk").first()
    source = Source.objects.order_by("pk").first()
    urls = [
        *ADMIN_PAGES,
        f"/admin/archive/commentary/{commentary.pk}/change/",
        f"/admin/archive/commentary/{commentary.pk}/history/",
        f"/admin/archive/event/{event.pk}/change/",
        f"/admin/archive/source/{source.pk}/change/",
        f"/admin/archive/source/{source.pk}/delete/",
    ]
    for url in urls:
        visit(url)

    # JavaScript-driven widgets: the calendar and clock shortcuts, an inline's "Add another", the theme toggle.
    visit("/admin/archive/event/add/")
    page.locator(".datetimeshortcuts a", has_text="Today").first.click()
    assert page.locator("input[name=publish_at_0]").input_value()
    page.locator(".datetimeshortcuts .date-icon").first.click()
    page.locator(".calendarbox").first.wait_for(state="visible")
    page.keyboard.press("Escape")
    visit("/admin/archive/commentary/add/")
    add_row = page.locator(".add-row a").first
    add_row.click()
    page.locator(".theme-toggle").first.click()
    violations.extend(("after clicks", v) for v in page.evaluate("window.__cspViolations"))
    context.close()

    assert not violations
    assert not [m for m in console if "Content Security Policy" in m or "Refused to" in m], console


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_public_pages_report_no_violation(browser, live_server):
    """The reader pages (charts, timeline, search, forms) under the same policy: no violation, no CSP message."""
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    commentary = Commentary.objects.order_by("pk").first()
    event = Event.objects.filter(status="published").order_by("pk").first()
    source = Source.objects.filter(status="approved").order_by("pk").first()
    context = browser.new_context()
    context.add_init_script(WATCH_VIOLATIONS)
    page = context.new_page()
    console = []
    page.on("console", lambda msg: console.append(msg.text) if msg.type in ("error", "warning") else None)
    violations = []
    urls = [
        "/", "/commentary/", commentary.get_absolute_url(), "/events/", event.get_absolute_url(), "/timeline/",
        "/sources/", source.get_absolute_url(), "/tags/", "/actors/belarus/", "/actors/belarus/russia/",
        "/search/?q=gas", "/suggest/", "/no-such-page/",
    ]  # fmt: skip
    for url in urls:
        page.goto(f"{live_server.url}{url}")
        page.wait_for_load_state("load")
        violations.extend((url, v) for v in page.evaluate("window.__cspViolations"))
    context.close()
    assert not violations
    assert not [m for m in console if "Content Security Policy" in m or "Refused to" in m], console
