"""Markdown from editors, rendered and sanitised.

Editors are trusted to write, not to inject: everything goes through nh3
(an allow-list sanitiser) after Markdown, so <script>, event handlers and
javascript: links never reach a reader.
"""

import hashlib
import html
import logging

import markdown
import nh3
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

log = logging.getLogger(__name__)


def escape(value) -> str:
    """conditional_escape without its lazy-string wrapper: timelines and filter lists escape thousands of values."""
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "em",
    "h2",
    "h3",
    "h4",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


EXTENSIONS = ["extra", "sane_lists"]
# What the output depends on besides the text: a change to the allow-list or the libraries gives new keys.
RECIPE = repr(
    (EXTENSIONS, sorted(ALLOWED_TAGS), sorted(ALLOWED_ATTRIBUTES.items()), markdown.__version__, nh3.__version__)
)
CACHE_SECONDS = 24 * 3600


def _convert(text: str) -> str:
    html = markdown.markdown(text, extensions=EXTENSIONS, output_format="html")
    return sanitize_html(html)


def render_markdown(text: str) -> SafeString:
    """Sanitised HTML of `text`, kept in the cache under a hash of the text itself (and of how it is
    converted): the same text always gives the same HTML, so the entry can never be stale, and an
    article's body is converted once rather than on every view (Markdown was a fifth of its render)."""
    text = text or ""
    if len(text) < 200:  # a summary or a note: converting is cheaper than asking the cache
        return mark_safe(_convert(text))
    name = "markdown:" + hashlib.sha256(f"{RECIPE}\0{text}".encode()).hexdigest()
    try:
        found = cache.get(name)
    except Exception:  # noqa: BLE001 — e.g. Redis unreachable: convert, uncached
        log.warning("markdown cache unavailable", exc_info=True)
        return mark_safe(_convert(text))
    if found is None:
        found = _convert(text)
        try:
            cache.set(name, found, CACHE_SECONDS)
        except Exception:  # noqa: BLE001
            log.warning("markdown cache unavailable", exc_info=True)
    return mark_safe(found)
