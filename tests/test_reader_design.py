"""The reader design of issue 14 as HTML facts: cards with badges, one search form and sort control, an honest
zero-result page, pages without a lone last item."""

from lxml import html as lxml_html

from tests.reader_factories import add_many, make_event


def tree_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return lxml_html.fromstring(response.content)


def test_list_items_are_cards_with_date_type_and_tag_badges(demo, client):
    """Walkthrough: "Gazprom cuts gas supplies to Belarus 1 January 2004 Gas dispute" ran together as plain text."""
    tree = tree_of(client, "/events/?tag=energy")
    card = tree.xpath("//li[@class='event-item'][a[@href='/events/gas-dispute-2004/']]")[0]
    meta = card.xpath("div[@class='card-meta']")[0]
    assert meta.xpath("span[@class='badge badge-date']/text()") == ["1 January 2004"]
    assert meta.xpath("span[@class='badge badge-conflict']/text()") == ["Gas dispute"]  # PLOVER SANCTION
    assert meta.xpath("ul[@class='tags']/li/a/@href") == ["/tags/energy/"]
    agreement = tree.xpath("//li[@class='event-item'][a[@href='/events/gas-contract-2004/']]")[0]
    assert agreement.xpath(".//span[@class='badge badge-cooperation']/text()") == ["Agreement"]


def test_the_search_page_has_one_form_and_one_sort_control(demo, client):
    """Walkthrough: the header box repeated the search form, and the "Sort" label stood apart from its control."""
    tree = tree_of(client, "/search/?q=gas")
    assert len(tree.xpath("//form[@role='search']")) == 1
    assert not tree.xpath("//select[@name='sort']") and not tree.xpath("//label[normalize-space()='Sort']")
    sort = tree.xpath("//p[@class='search-sort']")
    assert len(sort) == 1 and sort[0].xpath("strong[@aria-current='true']/text()") == ["Relevance"]
    hit = tree.xpath("//li[contains(@class, 'hit')]")[0]
    assert hit.xpath(".//span[contains(@class, 'badge-kind')]") and hit.xpath(".//*[contains(@class, 'badge-date')]")
    assert tree.xpath("//mark")  # the matched words are highlighted
    facets = tree.xpath("//aside[@class='facets']/details[@class='facets-panel']")
    assert facets and facets[0].xpath("summary/text()") == ["Filters"]
    assert tree.xpath("//header//form[@role='search']") == []
    assert tree_of(client, "/events/").xpath("//header//form[@role='search']")  # other pages keep the header box


def test_a_search_with_no_results_shows_help_not_an_empty_results_list(demo, client):
    tree = tree_of(client, "/search/?q=gaz")
    text = " ".join(tree.text_content().split())
    assert "Did you mean gas?" in text
    assert tree.xpath("//h2[@id='no-results-heading']")
    assert not tree.xpath("//h2[@id='results-heading']") and not tree.xpath("//p[@class='search-sort']")
    assert "Follow this search" not in text and not tree.xpath("//ol[@class='hits']")
    assert "Use fewer words" in text


def test_pages_of_twenty_never_end_with_a_lone_item(demo, client):
    """21 items are one page of 21, not 20 + 1; 25 are 20 + 5."""
    existing = len(tree_of(client, "/events/").xpath("//li[@class='event-item']"))
    add_many(21 - existing, prefix="fill")
    tree = tree_of(client, "/events/")
    assert len(tree.xpath("//li[@class='event-item']")) == 21 and not tree.xpath("//nav[@class='pagination']")
    for i in range(4):
        make_event(f"extra-{i}", title=f"Extra {i}")
    tree = tree_of(client, "/events/")
    assert len(tree.xpath("//li[@class='event-item']")) == 20
    assert " ".join(tree.xpath("//nav[@class='pagination']/p/text()")) == "Page 1 of 2"
    assert len(tree_of(client, "/events/?page=2").xpath("//li[@class='event-item']")) == 5


def test_home_shows_on_this_day_only_when_something_happened(demo, client):
    from django.utils import timezone

    today = timezone.localdate()
    tree = tree_of(client, "/")
    if not tree.xpath("//h2[@id='on-this-day']"):
        make_event("today-event", title="Today's Summit", edtf=f"2003-{today.month:02d}-{today.day:02d}")
        assert tree_of(client, "/").xpath("//h2[@id='on-this-day']")
    else:  # the demo has an event on this very day: the section lists it
        assert tree.xpath("//section[h2[@id='on-this-day']]//li[@class='event-item']")


def test_timeline_draws_each_event_as_a_linked_mark_with_honest_precision(demo, client):
    tree = tree_of(client, "/timeline/")
    links = tree.xpath("//svg//a/@href")
    cards = tree.xpath("//li[@class='event-item']/a/@href")
    assert sorted(links) == sorted(cards)
    day = tree.xpath("//svg//a[@href='/events/gas-dispute-2004/']")[0]
    assert day.xpath("*[local-name()='circle']")  # a known day is a point
    month = tree.xpath("//svg//a[@href='/events/gas-contract-2004/']")[0]
    assert month.xpath("*[local-name()='rect']") and "mark-uncertain" not in month.xpath("*[2]/@class")[0]
    vague = tree.xpath("//svg//a[@href='/events/belarus-drifts-from-russia-early-1990s/']")[0]
    assert "mark-uncertain" in vague.xpath("*[local-name()='rect']/@class")[0]  # "1992~/1993~"
    assert day.get("aria-label").startswith("Gazprom cuts gas supplies to Belarus, 1 January 2004")
    assert tree.xpath("//ul[@class='legend']/li")


def test_actor_pair_page_charts_cooperation_and_conflict_with_a_table(demo, client):
    tree = tree_of(client, "/actors/belarus/russia/")
    chart = tree.xpath("//figure[contains(@class, 'relations-chart')]/*[local-name()='svg']")[0]
    assert chart.get("role") == "img" and chart.xpath("*[local-name()='desc']")
    table = tree.xpath("//details[@class='chart-alt']//tbody/tr")
    rows = {r.xpath("th/text()")[0]: r.xpath("td/text()") for r in table}
    assert rows["2009"] == ["0", "3", "0"]  # refusal, accusation, trade ban
    assert int(rows["1999"][0]) >= 1
