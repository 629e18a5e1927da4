from archive.citations.footnotes import render_with_footnotes
from archive.citations.keys import cited_keys, find_groups
from archive.citations.locators import normalize_locator
from archive.markup import render_markdown


def test_keys_and_locators_are_parsed():
    groups = find_groups("A [@oliphant2009, p. 5] b [see @a, pp 20-21; @b] c [link](http://x) [@]")
    assert [[(r.key, r.locator) for r in g.refs] for g in groups] == [
        [("oliphant2009", "p. 5")],
        [("a", "pp. 20–21"), ("b", "")],
    ]
    assert cited_keys("[@x] [@y, p. 1] [@x, p. 2]") == ["x", "y"]


def test_email_and_links_are_not_citations():
    assert find_groups("Write to [me@example.org](mailto:me@example.org) or me@example.org") == []


def test_locator_normalisation():
    assert normalize_locator("pp 20-21") == "pp. 20–21"
    assert normalize_locator("page 5") == "p. 5"
    assert normalize_locator("5") == "p. 5"
    assert normalize_locator("§ 3") == "§ 3"
    assert normalize_locator("") == ""


def test_footnotes_number_in_order_and_reuse_same_source_and_locator():
    body = "One [@a, p. 5]. Two [@b]. Three [@a, p. 5]. Four [@a, p. 6]."
    rendered = render_with_footnotes(body, {"a": "Source A", "b": "Source B"})
    notes = [(n.number, n.key, n.locator, [label for label, _ in n.backlinks]) for n in rendered.footnotes]
    assert notes == [(1, "a", "p. 5", ["a", "b"]), (2, "b", "", ["^"]), (3, "a", "p. 6", ["^"])]
    html = str(rendered.html)
    assert html.count('href="#fn-1"') == 2
    assert 'id="fnref-1-2"' in html
    assert "Source A, p. 5" in html  # preview readable without JavaScript


def test_unknown_key_does_not_break_rendering():
    rendered = render_with_footnotes("Claim [@nowhere].", {})
    assert rendered.footnotes[0].source is None
    assert "Source not available" in str(rendered.html) and "nowhere" not in str(rendered.html)


def test_hostile_markup_is_sanitised():
    html = str(
        render_markdown(
            '<script>alert(1)</script>[x](javascript:alert(2)) <img src=x onerror="alert(3)">'
            '<a href="http://ok.example" onclick="alert(4)">ok</a> <iframe src="http://evil"></iframe>'
        )
    )
    for bad in ("<script", "alert(1)", "javascript:", "onerror", "onclick", "<iframe", "<img"):
        assert bad not in html
    assert 'href="http://ok.example"' in html


def test_placeholder_characters_cannot_be_smuggled():
    rendered = render_with_footnotes("\ue0001:fnref-1-1\ue001 text", {})
    assert "fn-ref" not in str(rendered.html)
