"""The client's address, for rate limits and login throttling, with or without proxies in front.

Behind a TLS proxy every request's REMOTE_ADDR is the proxy, so one bucket would hold every reader and
one bot could close the suggestion form (or lock the login) for all. The proxy's X-Forwarded-For says
who connected to it, but a client can send that header too: only the entries the operator's own proxies
appended can be believed. With TRUSTED_PROXY_COUNT = n (the number of proxies in front of the app),
the address is the n-th entry from the right of X-Forwarded-For; with 0 (the default) the header is
ignored and REMOTE_ADDR is used, so a site without a proxy cannot be fooled by a forged header.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    trusted = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if trusted <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < trusted:
        # Fewer entries than proxies: the request did not come through all of them; trust only the socket.
        return remote
    candidate = hops[-trusted]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def axes_client_ip(request) -> str | None:
    """django-axes' AXES_CLIENT_IP_CALLABLE: the same address, or None when there is none (a request built in
    code, e.g. the test client's login()); axes stores it in an IP column, which refuses a placeholder."""
    address = client_ip(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None
