"""The page's hits rendered in Python (search_tags.hit_items) are byte for byte what the template loop gave."""

import datetime as dt

from django.template import Context, Template

from archive.templatetags.search_tags import hit_items
from search.backend import Hit

# outcome.html's loop before hit_items replaced it (kept here as the reference).
LOOP = Template(
    "{% for hit in hits %}\n"
    '          <li class="hit hit-{{ hit.kind }}">\n'
    "            <article>\n"
    '              <h3><a href="{{ hit.url }}">{{ hit.title_html|safe }}</a></h3>\n'
    '              <div class="hit-meta card-meta"><span class="badge badge-kind hit-type">'
    "{{ hit.kind|capfirst }}</span>"
    '{% if hit.date_display %} {% if hit.date_sort %}<time class="badge badge-date" '
    "datetime=\"{{ hit.date_sort|date:'Y-m-d' }}\">"
    '{{ hit.date_display }}</time>{% else %}<span class="badge badge-date">{{ hit.date_display }}</span>'
    "{% endif %}{% endif %}\n"
    '              {% if hit.tag_links %}<ul class="hit-tags tags" aria-label="Tags">'
    "{% for url, name in hit.tag_links %}"
    '<li><a href="{{ url }}">{{ name }}</a></li>{% endfor %}</ul>{% endif %}</div>\n'
    '              {% if hit.snippet_html %}<p class="hit-snippet">{{ hit.snippet_html|safe }}</p>{% endif %}\n'
    "            </article>\n"
    "          </li>\n"
    "          {% endfor %}"
)


def _hits():
    plain = Hit(
        1,
        "event",
        "Gas <mark>deal</mark>",
        "A <mark>deal</mark> &amp; more",
        "/events/gas/",
        "May 2004",
        dt.date(2004, 5, 1),
        [],
    )
    plain.tag_links = [("/tags/energy/", "Energy"), ("/tags/a%26b/", "A & <b>")]
    undated = Hit(2, "source", "Book", "", "/sources/x/?a=1&b=2", "", None, [])
    vague = Hit(3, "commentary", "Essay", "Text", "/commentary/e/", "1990s", None, [])
    old = Hit(4, "event", "Old", "Snip", '/events/"q"/', "12 Jan 0987", dt.date(987, 1, 12), [])
    old.tag_links = [("/tags/t/", "T")]
    return [plain, undated, vague, old]


def test_hit_items_equal_the_template_loop():
    hits = _hits()
    assert str(hit_items(hits)) == LOOP.render(Context({"hits": hits}))
    for hit in hits:
        assert str(hit_items([hit])) == LOOP.render(Context({"hits": [hit]}))
    assert str(hit_items([])) == LOOP.render(Context({"hits": []})) == ""
