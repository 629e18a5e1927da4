"""Site-wide request guards and response headers.

Control characters: no page, slug, citation key or search takes a C0 control character or DEL, yet
each database reacts differently (PostgreSQL refuses a NUL in a query parameter with a 500, SQLite
matches nothing; the feed's XML writer refuses \\x01). Rejecting them once, before any view runs, gives
one answer everywhere: 404 for a path (no such page can exist), 400 for a query string. Tab, line feed
and carriage return are allowed in query values (a pasted multi-line search), as XML allows them.

Security headers: one fixed, strict policy for every response (see docs/decisions.md "Security
headers"); Django's SecurityMiddleware adds HSTS, nosniff, Referrer-Policy and COOP.
"""

import re
from urllib.parse import parse_qsl

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render

PATH_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
QUERY_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
QUERY_PROBLEM = (
    "The address holds a control character (such as %00 or %01) in a query parameter. Remove it and try again."
)


def has_control_characters(request) -> tuple[bool, bool]:
    """(in the path, in the query string), judged on the decoded text the views would see."""
    in_path = bool(PATH_CONTROL.search(request.path_info))
    raw_query = request.META.get("QUERY_STRING", "")
    in_query = False
    if "%" in raw_query or QUERY_CONTROL.search(raw_query):
        pairs = parse_qsl(raw_query, keep_blank_values=True, errors="replace")
        in_query = any(QUERY_CONTROL.search(key) or QUERY_CONTROL.search(value) for key, value in pairs)
    return in_path, in_query


class ControlCharacterMiddleware:
    """404 for a control character in the path, 400 for one in a query parameter; no view sees either."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        in_path, in_query = has_control_characters(request)
        if in_path:
            return render(request, "404.html", {"path": PATH_CONTROL.sub("\ufffd", request.path)}, status=404)
        if in_query:
            if request.GET.get("format") == "json":
                return JsonResponse({"errors": [QUERY_PROBLEM]}, status=400)
            return render(request, "400.html", {"problem": QUERY_PROBLEM}, status=400)
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Content-Security-Policy, Permissions-Policy and Cross-Origin-Resource-Policy on every response."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.headers = {
            "Content-Security-Policy": settings.CONTENT_SECURITY_POLICY,
            "Permissions-Policy": settings.PERMISSIONS_POLICY,
            "Cross-Origin-Resource-Policy": "same-origin",
        }

    def __call__(self, request):
        response = self.get_response(request)
        for name, value in self.headers.items():
            if value and name not in response:
                response[name] = value
        return response
