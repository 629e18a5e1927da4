"""The paths of item pages (an event, a tag, an actor, …) without a full ``reverse()`` per item.

A list card links its item and each of its tags, a timeline mark its event, a sitemap every item:
``reverse()`` costs about 0.1 ms on this machine (resolver lookups through thread-locals, a regex
check of the candidate, quoting), which made a 200-event timeline spend ~80 ms building 800 links.
The path of a pattern with one slug is the same text around the slug for every item, so it is
reversed once with a marker and cut there, then joined with each slug. The cut pair is kept per
script prefix (it comes with each request) and forgotten when ROOT_URLCONF changes (tests override
it); looking up the per-request URL configuration (``get_urlconf()``: 16 µs, as much as the rest of
a card) is left out, as nothing in the project sets ``request.urlconf``: code that starts to would
have to key the cut by it. A value the pattern's converter would not take as it is (anything but a
plain slug: the slug converter's characters, no quoting needed) goes through ``reverse()`` itself,
which quotes it or raises NoReverseMatch as usual.
"""

from __future__ import annotations

import re

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse

MARKER = "path-marker-7f3a"  # a valid slug that no real item needs to have
PLAIN = re.compile(r"[-a-zA-Z0-9_]+\Z")
_cuts: dict[tuple, tuple[str, str]] = {}


def item_path(name: str, value: str, kwarg: str = "slug") -> str:
    """reverse(name, kwargs={kwarg: value}) for a pattern with that one argument, fast for plain slugs."""
    if not PLAIN.match(value or ""):
        return reverse(name, kwargs={kwarg: value})
    key = (name, kwarg, get_script_prefix())
    cut = _cuts.get(key)
    if cut is None:
        before, marker, after = reverse(name, kwargs={kwarg: MARKER}).partition(MARKER)
        cut = _cuts[key] = (before, after)
    return cut[0] + value + cut[1]


@receiver(setting_changed)
def _forget_cuts(*, setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _cuts.clear()
