"""The demo archive: facts from the two seed documents, summaries in our own words.

Seeds: the encyclopedia article "Belarus–Russia relations" (with its
numbered footnotes) and Yauheni Preiherman's ISPI commentary of
5 August 2020. Only facts (dates, names, titles, citation details) and a few
short, attributed quotations are taken from them.
"""

ACTORS = [
    # slug, kind, name, wikidata, country slug, aliases [(name, language)]
    (
        "belarus",
        "country",
        "Belarus",
        "Q184",
        None,
        [("Byelorussia", "en"), ("Belorussia", "en"), ("Беларусь", "be"), ("Белоруссия", "ru")],
    ),
    ("russia", "country", "Russia", "Q159", None, [("Russian Federation", "en"), ("RF", "en"), ("Россия", "ru")]),
    ("ukraine", "country", "Ukraine", "Q212", None, [("Україна", "uk"), ("Украина", "ru")]),
    ("georgia", "country", "Georgia", "Q230", None, [("Sakartvelo", "ka")]),
    ("italy", "country", "Italy", "Q38", None, []),
    # Only a source's country of origin (Brzezinski and Sullivan's volume, published in New York).
    ("united-states", "country", "United States", "Q30", None, [("USA", "en")]),
    ("cis", "organization", "Commonwealth of Independent States", "Q7779", None, [("CIS", "en"), ("СНГ", "ru")]),
    (
        "union-state",
        "organization",
        "Union State of Russia and Belarus",
        "",
        None,
        [("Union State", "en"), ("Союзное государство", "ru")],
    ),
    ("gazprom", "organization", "Gazprom", "", "russia", [("Газпром", "ru")]),
    ("beltransgaz", "organization", "Beltransgaz", "", "belarus", [("Белтрансгаз", "ru")]),
    ("csto", "organization", "Collective Security Treaty Organization", "", None, [("CSTO", "en"), ("ОДКБ", "ru")]),
    ("european-union", "organization", "European Union", "Q458", None, [("EU", "en")]),
    ("nato", "organization", "NATO", "Q7184", None, [("North Atlantic Treaty Organization", "en")]),
    (
        "alexander-lukashenko",
        "person",
        "Alexander Lukashenko",
        "",
        "belarus",
        [
            ("Aliaksandr Lukashenka", "be-Latn"),
            ("Alyaksandr Lukashenka", "be-Latn"),
            ("Lukashenka", "be-Latn"),
            ("Lukashenko", "en"),
            ("Alexander", "en"),
            ("Aliaksandr", "be-Latn"),
            ("Лукашенко", "ru"),
            ("Лукашэнка", "be"),
            ("Александр Лукашенко", "ru"),
        ],
    ),
    ("vladimir-putin", "person", "Vladimir Putin", "Q7747", "russia", [("Putin", "en"), ("Путин", "ru")]),
    ("boris-yeltsin", "person", "Boris Yeltsin", "", "russia", [("Yeltsin", "en"), ("Ельцин", "ru")]),
]

PEOPLE = [
    # slug, given, family, affiliation
    ("yauheni-preiherman", "Yauheni", "Preiherman", "Minsk Dialogue Council on International Relations"),
    ("roland-oliphant", "Roland", "Oliphant", ""),
]

TAGS = [
    ("Europe", "europe", "Relations with and within Europe."),
    ("Belarus", "belarus", "Belarus as a party to the relations."),
    ("Russia", "russia", "Russia as a party to the relations."),
    ("Integration", "integration", "Steps towards — or away from — closer union."),
    ("Energy", "energy", "Gas and oil supplies, prices and transit."),
    ("Trade", "trade", "Trade agreements, customs and trade disputes."),
    ("Security", "security", "Military and security cooperation and tension."),
    ("Elections", "elections", "Elections and their consequences for the relations."),
]

WIKI = "Belarus–Russia relations"
TWO_DECADES = (
    "Two Decades of the Russian Federation’s Foreign Policy in the Commonwealth of Independent States: "
    "The Cases of Belarus and Ukraine"
)

SOURCES = [
    {
        "citation_key": "wikipedia-belarus-russia",
        "kind": "encyclopedia-article",
        "title": WIKI,
        "container_title": "Wikipedia",
        "publisher": "Wikimedia Foundation",
        "url": "https://en.wikipedia.org/wiki/Belarus%E2%80%93Russia_relations",
        "language": "en",
        "affiliation": "independent",
        "reliability": "mixed",
        "moderator_note": (
            "A tertiary, openly edited overview. Useful as a map of the literature; claims are "
            "attributed to the works it cites wherever those are in the archive."
        ),
        "abstract": "Encyclopedia overview of Belarus–Russia relations from 1991 to 2012, with numbered notes.",
    },
    {
        "citation_key": "twodecades",
        "kind": "book",
        "title": TWO_DECADES,
        "language": "en",
        "affiliation": "academic",
        "reliability": "reliable",
        "moderator_note": "Scholarly study of Russian policy towards Belarus and Ukraine; cited by page.",
        "abstract": "A study of Russia's policy in the CIS, taking Belarus and Ukraine as cases (pp. 17–25 cited).",
    },
    {
        "citation_key": "svr1994",
        "kind": "report",
        "title": "Doklad ‘Rossiia-SNG’: nuzhdaetsia li v korrektirovke pozitsiia Zapada?",
        "publisher": "Sluzhba vneshnei razvedki Rossii",
        "place": "Moscow",
        "date_edtf": "1994",
        "language": "ru",
        "country": "russia",
        "affiliation": "state",
        "reliability": "mixed",
        "moderator_note": (
            "A report of Russia's Foreign Intelligence Service: authoritative on the service's own "
            "position, not on the facts it asserts."
        ),
        "creators": [{"role": "author", "literal_name": "Sluzhba vneshnei razvedki Rossii"}],
        "abstract": "Russian intelligence report on whether the West should rethink its view of Russia–CIS ties.",
    },
    {
        "citation_key": "brzezinski1997",
        "kind": "book",
        "title": "Russia and the Commonwealth of Independent States: Documents, Data, and Analysis",
        "publisher": "Armonk",
        "place": "New York",
        "date_edtf": "1997",
        "language": "en",
        "country": "united-states",
        "affiliation": "academic",
        "reliability": "reliable",
        "moderator_note": "Edited collection of documents; reprints primary sources such as news-agency reports.",
        "creators": [
            {"role": "editor", "given_name": "Zbigniew", "family_name": "Brzezinski"},
            {"role": "editor", "given_name": "Paige", "family_name": "Sullivan"},
        ],
        "abstract": "Documents, data and analysis on Russia and the CIS in the mid-1990s.",
    },
    {
        "citation_key": "itartass1995",
        "kind": "news-article",
        "title": "Yeltsin on Protecting CIS Border",
        "container_title": "Itar-Tass",
        "date_edtf": "1995-02-22",
        "language": "en",
        "country": "russia",
        "affiliation": "state",
        "reliability": "mixed",
        "part_of": "brzezinski1997",
        "moderator_note": (
            "State news agency report, cited as reprinted in Brzezinski and Sullivan (1997). "
            "Reliable for what officials said, not for its own assessments."
        ),
        "creators": [{"role": "author", "literal_name": "Itar-Tass"}],
        "abstract": "Report of Boris Yeltsin's remarks on signing the 1995 treaty with Belarus.",
    },
    {
        "citation_key": "oliphant2009",
        "kind": "journal-article",
        "title": (
            "A Problem With the Udder — Belarus and Russia are tumbling into a full-blown trade war "
            "that can have only one outcome"
        ),
        "container_title": "Russia Profile",
        "date_edtf": "2009",
        "volume": "VI",
        "issue": "2",
        "language": "en",
        "affiliation": "independent",
        "reliability": "reliable",
        "moderator_note": "Magazine analysis of the 2009 Belarus–Russia trade and loan disputes.",
        "creators": [
            {"role": "author", "given_name": "Roland", "family_name": "Oliphant", "person": "roland-oliphant"}
        ],
        "abstract": "On the escalating 2009 trade war between Belarus and Russia, including the dairy ban.",
    },
    {
        "citation_key": "preiherman2020",
        "kind": "commentary",
        "title": "A New Chapter in Belarus-Russia Relations after the Elections?",
        "container_title": "ISPI Commentary",
        "publisher": "ISPI (Italian Institute for International Political Studies)",
        "place": "Milan",
        "date_edtf": "2020-08-05",
        "language": "en",
        "country": "italy",
        "affiliation": "think-tank",
        "reliability": "reliable",
        "moderator_note": "Signed analysis by a Minsk-based expert, published by an established think tank.",
        "creators": [
            {"role": "author", "given_name": "Yauheni", "family_name": "Preiherman", "person": "yauheni-preiherman"}
        ],
        "abstract": "Argues that the 2020 election will shape a new model of Belarus–Russia relations.",
    },
]

# slug, title, edtf, type, actors, tags, summary, body (Markdown with inline citations)
EVENTS = [
    (
        "belarus-drifts-from-russia-early-1990s",
        "Belarus and other CIS republics drift away from Russia",
        "1992~/1993~",
        "policy-shift",
        ["belarus", "russia", "cis"],
        ["belarus", "russia"],
        "In the first years after the Soviet collapse Belarus, like other CIS members, moved away from "
        "Moscow while Russia concentrated on its economy and its ties with the West.",
        "Russia's early caution about the near abroad and its later alarm at NATO enlargement made "
        "good relations with Belarus matter more to Moscow [@twodecades, p. 17; @svr1994].",
    ),
    (
        "cis-founded-1991",
        "Commonwealth of Independent States founded",
        "1991-12-08",
        "founding",
        ["russia", "belarus", "ukraine", "cis"],
        ["integration"],
        "As the Soviet Union dissolved, Russia, Belarus and Ukraine created the CIS, a regional body "
        "through which Moscow hoped to keep influence over the post-Soviet space.",
        "The encyclopedia article dates the founding to 8 December 1991 [@wikipedia-belarus-russia].",
    ),
    (
        "free-trade-agreement-1992",
        "Belarus–Russia free trade agreement signed",
        "1992-11",
        "agreement",
        ["belarus", "russia"],
        ["trade"],
        "The two states agreed to keep trade between them free of new barriers soon after independence.",
        "",
    ),
    (
        "customs-union-agreement-1995",
        "Customs Union agreement and full free-trade protocol",
        "1995-01",
        "agreement",
        ["belarus", "russia"],
        ["trade", "integration"],
        "A protocol applied the free trade agreement without exemptions, alongside an agreement "
        "establishing a customs union.",
        "",
    ),
    (
        "treaty-of-friendship-1995",
        "Treaty of Friendship, Good-Neighborliness and Cooperation",
        "1995-02",
        "treaty",
        ["belarus", "russia", "boris-yeltsin", "alexander-lukashenko"],
        ["integration"],
        "Russia and Belarus signed a friendship treaty; Boris Yeltsin presented it as the basis for "
        "deeper integration of the two countries.",
        "Yeltsin said the nations had “shared a common historical experience over many centuries” "
        "[@itartass1995, p. 311].",
    ),
    (
        "border-pole-removed-1995",
        "Border post symbolically removed",
        "1995-05",
        "integration",
        ["belarus", "russia"],
        ["trade", "integration"],
        "The prime ministers of the two countries symbolically dug out a border post, marking the customs union.",
        "",
    ),
    (
        "integration-launched-1996",
        "Integration process launched",
        "1996-04-02",
        "integration",
        ["belarus", "russia"],
        ["integration"],
        "Belarus and Russia formally began the integration process that led to their union a year later.",
        "",
    ),
    (
        "union-of-belarus-and-russia-1997",
        "Union of Belarus and Russia founded",
        "1997-04-02",
        "founding",
        ["belarus", "russia", "alexander-lukashenko", "boris-yeltsin"],
        ["integration"],
        "Exactly a year after integration began, the two states founded the Union of Belarus and Russia.",
        "The step is described as part of the integration launched in 1996 [@twodecades, p. 18].",
    ),
    (
        "treaty-on-equal-rights-1998",
        "Treaty on Equal Rights of Citizens",
        "1998-12",
        "treaty",
        ["belarus", "russia"],
        ["integration"],
        "A treaty gave citizens of each country equal rights in the other in employment, medical care and education.",
        "",
    ),
    (
        "union-state-1999",
        "Union State of Russia and Belarus established",
        "1999-12-08",
        "founding",
        ["belarus", "russia", "union-state"],
        ["integration"],
        "The integration of the 1990s culminated in the creation of a supranational Union State.",
        "The Union State is described as the culmination of the integration process [@twodecades, p. 18].",
    ),
    (
        "putin-federation-proposal",
        "Putin proposes federation or an EU-style union; Minsk refuses",
        "2000~/2003~",
        "demand",
        ["russia", "belarus", "vladimir-putin", "alexander-lukashenko"],
        ["integration"],
        "Criticising the 1999 treaty, Vladimir Putin proposed either joining Belarus to the Russian "
        "Federation or building a union like the EU. Belarus declined and the status quo held.",
        "See [@twodecades, pp. 20–21]. Military integration nevertheless continued [@twodecades, pp. 24–25].",
    ),
    (
        "customs-duties-unified-2001",
        "Customs duties unified",
        "2001-03",
        "integration",
        ["belarus", "russia"],
        ["trade", "integration"],
        "After long disputes the two countries unified their customs duties, though customs controls "
        "were soon reintroduced.",
        "",
    ),
    (
        "gas-dispute-2004",
        "Gazprom cuts gas supplies to Belarus",
        "2004-01-01",
        "gas-dispute",
        ["russia", "belarus", "gazprom", "beltransgaz"],
        ["energy"],
        "A dispute over the price of the Belarusian gas transit operator Beltransgaz led Gazprom to "
        "stop supplies to Belarus.",
        "",
    ),
    (
        "gas-contract-2004",
        "New gas contract signed",
        "2004-06",
        "agreement",
        ["russia", "belarus", "gazprom"],
        ["energy"],
        "A new contract ended the 2004 gas dispute and relations improved afterwards.",
        "",
    ),
    (
        "loan-row-2009",
        "Lukashenko accuses Russia over a conditional loan",
        "2009",
        "accusation",
        ["belarus", "russia", "alexander-lukashenko", "georgia"],
        ["security"],
        "Alexander Lukashenko said Russia had tied a $500 million loan to recognition of Abkhazia and "
        "South Ossetia, and insisted Belarus's position was not for sale.",
        "Lukashenko said Belarus should “look for happiness in other parts of the planet” [@oliphant2009].",
    ),
    (
        "milk-war-2009",
        "Milk War: Russia bans Belarusian dairy imports",
        "2009-07",
        "trade-ban",
        ["russia", "belarus"],
        ["trade"],
        "Russia banned all dairy imports from Belarus, citing new regulations; Minsk called the ban "
        "political. The ban was soon lifted and deliveries resumed.",
        "The dispute is analysed in [@oliphant2009].",
    ),
    (
        "gas-debt-and-csto-boycott-2009",
        "Gas debt claim; Belarus stays away from CSTO talks",
        "2009",
        "refusal",
        ["russia", "belarus", "csto"],
        ["energy", "security"],
        "Russia said Belarus owed $231 million for gas; Belarus threatened border and customs controls "
        "and refused to attend Collective Security Treaty Organization talks in Moscow.",
        "",
    ),
    (
        "joint-statement-on-sanctions-2012",
        "Joint statement against EU sanctions",
        "2012-05-31",
        "statement",
        ["russia", "belarus", "vladimir-putin", "alexander-lukashenko", "european-union"],
        ["europe"],
        "Putin and Lukashenko said the two countries would coordinate against attempts to interfere in "
        "the Union State's affairs through sanctions.",
        "",
    ),
    (
        "integration-dispute-2018",
        "Dispute over the fundamentals of the relationship",
        "2018-12",
        "diplomatic-dispute",
        ["russia", "belarus"],
        ["integration"],
        "Moscow demanded closer integration; Minsk declined proposals it saw as reducing its sovereignty.",
        "Preiherman dates the dispute to December 2018 [@preiherman2020].",
    ),
    (
        "integration-negotiations-2019",
        "Negotiations on deeper integration fail",
        "2019",
        "negotiations",
        ["russia", "belarus", "union-state"],
        ["integration"],
        "Most of 2019 went on tough talks about deepening integration within the Union State, without a compromise.",
        "[@preiherman2020]",
    ),
    (
        "presidential-election-2020",
        "Presidential election in Belarus",
        "2020-08",
        "election",
        ["belarus", "russia", "alexander-lukashenko"],
        ["elections"],
        "Belarus held a presidential election that commentators expected to shape its next chapter of "
        "relations with Russia.",
        "[@preiherman2020]",
    ),
]

# Encyclopedia footnotes reproduced as event citations: event slug → [(key, locator)]
EVENT_CITATIONS = {
    "free-trade-agreement-1992": [("wikipedia-belarus-russia", "")],
    "customs-union-agreement-1995": [("wikipedia-belarus-russia", "")],
    "border-pole-removed-1995": [("wikipedia-belarus-russia", "")],
    "integration-launched-1996": [("wikipedia-belarus-russia", "")],
    "treaty-on-equal-rights-1998": [("wikipedia-belarus-russia", "")],
    "customs-duties-unified-2001": [("wikipedia-belarus-russia", "")],
    "gas-dispute-2004": [("wikipedia-belarus-russia", "")],
    "gas-contract-2004": [("wikipedia-belarus-russia", "")],
    "gas-debt-and-csto-boycott-2009": [("wikipedia-belarus-russia", "")],
    "joint-statement-on-sanctions-2012": [("wikipedia-belarus-russia", "")],
}

COMMENTARY = {
    "slug": "new-chapter-belarus-russia-relations-after-elections",
    "title": "A New Chapter in Belarus-Russia Relations after the Elections?",
    "standfirst": (
        "Yauheni Preiherman argues that the bargain which held Belarus and Russia together since the "
        "mid-1990s is exhausted, and that the August 2020 election will decide how strong Minsk is "
        "when the two allies negotiate what replaces it."
    ),
    "published_on": "2020-08-05",
    "original": "preiherman2020",
    "author": ("yauheni-preiherman", "Minsk Dialogue Council on International Relations"),
    "tags": ["europe", "belarus", "russia"],
    "actors": ["belarus", "russia", "alexander-lukashenko", "union-state"],
    "related_events": [
        "union-state-1999",
        "integration-dispute-2018",
        "integration-negotiations-2019",
        "presidential-election-2020",
    ],
    "body": """\
*Archived summary. The original appeared on ISPI's website; this page restates its argument in the
archive's words and quotes only short passages.*

## The old bargain

From the mid-1990s, the commentary argues, Minsk offered Moscow geopolitical loyalty and received
cheap oil and gas, privileged market access and funding in return [@preiherman2020]. The Union State,
set up in 1999, gave that exchange an institutional form [@twodecades, p. 18]. Periodic quarrels —
trade bans, cuts in energy deliveries — were settled each time by a compromise; the 2009 Milk War is a
well-documented example [@oliphant2009].

## Why it stopped working

After 2014 the confrontation between Russia and the West over Crimea and Donbas changed the calculus.
Belarus stayed neutral, which many in Moscow read as abandonment. Preiherman describes this as an
“intra-alliance security dilemma” [@preiherman2020]: loyalty that once cost Minsk nothing now risked
entangling it in a conflict not of its choosing. Since December 2018 the two sides have disputed the
basis of the relationship, and the 2019 integration talks failed.

## What comes next

Moscow wants integration through unified legislation and new supranational bodies; Minsk wants
existing commitments — equal energy prices above all — honoured first. Whether Belarus can hold its
ground, the author concludes, depends on how weakened it emerges from the election
[@preiherman2020].
""",
}
