"""Sources from reference-manager files: mapping, keys, duplicates, the command, bad files, round trips."""

import datetime as dt
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.citations import export
from archive.imports import sources
from archive.imports.files import MAX_BYTES, decode
from archive.imports.records import ImportFileError
from archive.models import AuditEntry, Source, SourceCreator

ZOTERO_BIB = r"""
% exported by Zotero
@incollection{brzezinski_chapter_1997,
  title = {Yeltsin on {Protecting} {CIS} Border},
  booktitle = {Russia and the Commonwealth of Independent States: Documents, Data, and Analysis},
  author = {{Itar-Tass}},
  editor = {Brzezinski, Zbigniew and Sullivan, Paige},
  translator = {M{\"u}ller, J{\"o}rg},
  date = {1995-02-22},
  pages = {311--312},
  publisher = {M. E. Sharpe},
  address = {Armonk, NY},
  langid = {english},
  doi = {https://doi.org/10.1234/Yeltsin.1995},
  isbn = {978-1-56324-637-1},
  url = {https://example.org/yeltsin},
  urldate = {2024-05-01},
  abstract = {Report of Yeltsin's remarks \& more.}
}

@article{lukashenka2001,
  author = {van der Berg, Anna and Łukaszewicz, Piotr},
  title = {Gas, milk and sugar},
  journaltitle = {Journal of Post-Soviet Affairs},
  year = {2001}, month = jul, volume = {17}, number = {3}, pages = {201-230}
}
"""


def plan(text, fmt=None):
    return sources.plan(text, fmt)


@pytest.fixture
def rows(db):
    return plan(ZOTERO_BIB)


def test_bibtex_maps_kinds_creators_dates_and_identifiers(rows):
    chapter, article = rows
    s = chapter.source
    assert (s.kind, s.title) == ("chapter", "Yeltsin on Protecting CIS Border")
    assert s.container_title.startswith("Russia and the Commonwealth")
    assert (s.date_edtf, s.pages, s.publisher, s.place) == ("1995-02-22", "311–312", "M. E. Sharpe", "Armonk, NY")
    assert (s.doi, s.isbn, s.url, s.accessed) == ("10.1234/Yeltsin.1995", "9781563246371", "https://example.org/yeltsin",
                                                  dt.date(2024, 5, 1))  # fmt: skip
    assert (s.language, s.abstract) == ("en", "Report of Yeltsin's remarks & more.")
    assert [(c.role, c.family_name, c.given_name, c.literal_name) for c in chapter.creators] == [
        ("author", "", "", "Itar-Tass"),
        ("editor", "Brzezinski", "Zbigniew", ""),
        ("editor", "Sullivan", "Paige", ""),
        ("translator", "Müller", "Jörg", ""),
    ]
    a = article.source
    assert (a.kind, a.container_title, a.date_edtf, a.volume, a.issue, a.pages) == (
        "journal-article", "Journal of Post-Soviet Affairs", "2001-07", "17", "3", "201–230")  # fmt: skip
    assert [(c.family_name, c.given_name) for c in article.creators] == [
        ("van der Berg", "Anna"),
        ("Łukaszewicz", "Piotr"),
    ]
    assert [r.source.citation_key for r in rows] == ["brzezinski_chapter_1997", "lukashenka2001"]


def test_chapter_finds_its_host_volume(demo):
    [chapter, _] = plan(ZOTERO_BIB)
    assert chapter.host.citation_key == "brzezinski1997"


def test_ris_and_csl_json_map_the_same_way(db):
    ris = (
        "TY  - CHAP\nAU  - Itar-Tass\nA2  - Brzezinski, Zbigniew\nTI  - Yeltsin on Protecting CIS Border\n"
        "T2  - Russia and the CIS\nPY  - 1995\nDA  - 1995/02/22/\nSP  - 311\nEP  - 312\nDO  - 10.1234/y\n"
        "SN  - 1-56324-637-0\nUR  - https://example.org/y\nY2  - 2024/05/01\nLA  - en\nAB  - Remarks.\nER  - \n"
    )
    csl = json.dumps([{
        "id": "y1995", "type": "chapter", "title": "Yeltsin on Protecting CIS Border",
        "author": [{"literal": "Itar-Tass"}], "editor": [{"family": "Brzezinski", "given": "Zbigniew"}],
        "container-title": "Russia and the CIS", "issued": {"date-parts": [[1995, 2, 22]]}, "page": "311-312",
        "DOI": "10.1234/y", "ISBN": "1563246370", "URL": "https://example.org/y",
        "accessed": {"date-parts": [[2024, 5, 1]]}, "language": "en", "abstract": "Remarks.",
    }])  # fmt: skip
    wanted = {
        "kind": "chapter", "title": "Yeltsin on Protecting CIS Border", "container_title": "Russia and the CIS",
        "date_edtf": "1995-02-22", "pages": "311–312", "doi": "10.1234/y", "isbn": "1563246370",
        "url": "https://example.org/y", "accessed": dt.date(2024, 5, 1), "language": "en", "abstract": "Remarks.",
    }  # fmt: skip
    for text in (ris, csl):
        [row] = plan(text)
        assert not row.problems
        assert {k: getattr(row.source, k) for k in wanted} == wanted
        assert [(c.role, c.display_name) for c in row.creators] == [("author", "Itar-Tass"),
                                                                    ("editor", "Zbigniew Brzezinski")]  # fmt: skip


def test_csl_ranges_seasons_and_circa_become_edtf(db):
    items = [
        {"id": "a", "type": "book", "title": "A", "issued": {"date-parts": [[1990], [1993]], "circa": True}},
        {"id": "b", "type": "book", "title": "B", "issued": {"date-parts": [[2004]], "season": "spring"}},
        {"id": "c", "type": "book", "title": "C", "issued": {"raw": "1995-02?"}},
    ]
    assert [r.source.date_edtf for r in plan(json.dumps(items))] == ["1990~/1993~", "2004-21", "1995-02?"]


def test_keys_kept_when_valid_and_unused_else_generated_unique(demo):
    text = (
        "@book{twodecades, title={Another book}, author={Doe, Jane}, year={2005}}\n"
        "@book{9bad key, title={Third}, author={Doe, Jane}, year={2005}}\n"
        "@book{, title={Fourth}, author={Doe, Jane}, year={2005}}\n"
        "@article{fine-key_1, title={Fifth}, author={{Sluzhba vneshnei razvedki}}, year={1994}}\n"
    )
    keys = [r.source.citation_key for r in plan(text)]
    assert keys[0] == "doe2005"  # twodecades is the demo's
    assert keys[1:3] == ["doe2005a", "doe2005b"] or keys[1] == "doe2005a"
    assert len(set(keys)) == len(keys)
    assert keys[-1] == "fine-key_1"


def test_duplicates_follow_the_moderation_rules(demo):
    text = (
        "@article{dupe, title={A Problem With the Udder — Belarus and Russia are tumbling into a full-blown trade "
        "war that can have only one outcome}, author={Oliphant, Roland}, year={2009}}\n"
        "@misc{byurl, title={Something else entirely}, url={https://en.wikipedia.org/wiki/Belarus%E2%80%93Russia_relations/}}\n"
        "@book{fresh, title={An unrelated new book}, year={2011}}\n"
    )
    rows = plan(text)
    assert [r.duplicates[0].citation_key if r.duplicates else None for r in rows] == [
        "oliphant2009", "wikipedia-belarus-russia", None]  # fmt: skip
    assert [r.default_choice for r in rows] == ["existing", "existing", "import"]


@pytest.mark.parametrize(
    "probe",
    [
        {"title": "Two Decades of the Russian Federation's Foreign Policy in the CIS: Belarus and Ukraine"},
        {"title": "Doklad Rossiia SNG nuzhdaetsia li v korrektirovke pozitsiia Zapada"},
        {"title": "Yeltsin on protecting the CIS border"},
        {"title": "A New Chapter in Belarus-Russia Relations after the Elections"},
        {"title": "A New Chapter in Belarus-Russia Relations after the 2020 Elections?"},
        {"title": "Something else", "url": "http://www.en.wikipedia.org/wiki/Belarus%E2%80%93Russia_relations/"},
        {"title": "Something else", "doi": "10.1234/SAME"},
        {"title": "Something else", "isbn": "978-1-56324-637-1"},
        {"title": ""},
    ],
)
def test_duplicate_index_agrees_with_the_moderation_rule(demo, probe):
    from archive.duplicates import possible_duplicates
    from archive.imports.duplicates import DuplicateIndex

    Source.objects.create(
        citation_key="withdoi", kind="book", title="Has a DOI", doi="10.1234/same", isbn="9781563246371"
    )
    source = Source(**{"title": "", "url": "", "doi": "", "isbn": "", **probe})
    assert DuplicateIndex().find(source) == possible_duplicates(source)


def test_rejected_records_say_why(db):
    text = (
        "@book{a, title={Fine}, date={2004-13}}\n@book{b, title={Bad DOI}, doi={11.1/x}}\n@book{c, author={Doe, J}}\n"
    )
    rows = plan(text)
    assert "date “2004-13”" in rows[0].problems[0]
    assert any("DOI" in p for p in rows[1].problems)
    assert any("title" in p for p in rows[2].problems)
    assert all(r.default_choice == "skip" for r in rows)


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "is empty"),
        (b"  \n\n", "is empty"),
        (b"@book{a, title={Caf\xe9}}", "not UTF-8 text (undecodable byte at line 1)"),
        (b"\x00\x01binary", "NUL"),
    ],
)
def test_unreadable_files_are_refused_clearly(data, message):
    with pytest.raises(ImportFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        decode(data, "the file")


def test_oversized_files_are_refused():
    with pytest.raises(ImportFileError, match="larger than 20 MB"):
        decode(b"x" * (MAX_BYTES + 1))


@pytest.mark.parametrize(
    "text, fmt, message",
    [
        ("@book{a, title={Fine}}\n\n@book{b,\n title = {unclosed\n", None, "record starting at line 3"),
        ("TY  - BOOK\nTI  - x\nER  - \nTY  - BOOK\nTI  - y\n", None, "starting at line 4 has no end"),
        ("TY  - BOOK\nTI  - x\nER  - \nstray text\n", None, "Line 4 is outside any RIS record"),
        ('[{"id": "a", "title": "x"},\n {"id": "b" "title": "y"}]', None, "line 2"),
        ('[{"id": "a"}, 5]', None, "item 2"),
        ("Just some prose, not a bibliography.", None, "not a BibTeX, RIS or CSL-JSON file"),
        ("@comment{nothing here}", "bibtex", "No BibTeX records"),
        ("[" * 100_000 + "]" * 100_000, "csl-json", "nested too deeply"),
    ],
)
def test_malformed_files_name_the_record_and_line(db, text, fmt, message):
    with pytest.raises(ImportFileError, match=message):
        plan(text, fmt)


def test_command_imports_pending_with_submitter_and_audit(demo, editor, tmp_path):
    path = tmp_path / "zotero.bib"
    path.write_text(ZOTERO_BIB + "\n@book{bad, title={Bad}, date={1999-99}}\n@book{dup, title={" + export.bibtex_escape(
        Source.objects.get(citation_key="twodecades").title) + "}}\n", encoding="utf-8")  # fmt: skip
    out, err = io.StringIO(), io.StringIO()
    call_command("import_sources", str(path), "--user", editor.username, stdout=out, stderr=err)
    text = out.getvalue()
    assert "Created 1 pending source(s)." in text
    assert "Possible duplicates (not imported): 2" in text
    assert "looks like twodecades" in text and "looks like itartass1995" in text  # the demo's copy of the chapter
    assert "Rejected: 1" in text and "record “bad” at line" in text and "1999-99" in text
    assert "100%" in err.getvalue()  # the progress bar
    source = Source.objects.get(citation_key="lukashenka2001")
    assert (source.status, source.submitted_by, source.reviewed_by) == ("pending", editor, None)
    entry = AuditEntry.objects.for_object(source).get()
    assert entry.user == editor and "Imported from" in entry.reason
    assert not Source.objects.filter(citation_key="brzezinski_chapter_1997").exists()


def test_command_dry_run_writes_nothing(demo, tmp_path):
    path = tmp_path / "refs.bib"
    path.write_text(ZOTERO_BIB, encoding="utf-8")
    before = Source.objects.count()
    out = io.StringIO()
    call_command("import_sources", str(path), "--dry-run", stdout=out)
    assert "Would create 1 pending source(s)." in out.getvalue()
    assert Source.objects.count() == before


def test_command_refuses_bad_files(editor, tmp_path):
    path = tmp_path / "refs.txt"
    path.write_bytes(b"\xff\xfe not utf8")
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("import_sources", str(path), "--user", editor.username)
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_sources", str(tmp_path / "missing.bib"), "--dry-run")
    with pytest.raises(CommandError, match="--user"):
        call_command("import_sources", str(path))


def test_search_index_holds_imported_creators(editor):
    from search.models import SearchDocument

    rows = plan("@book{zz, title={Searchable}, author={Quixotova, Anna and {Bureau Nine}}, year={2001}}")
    [created] = sources.commit(rows, {}, editor, "test").created
    document = SearchDocument.objects.get(kind="source", object_id=created.pk)
    assert "Quixotova" in document.keywords + document.body + document.summary
    assert "Bureau Nine" in document.keywords + document.body + document.summary


def test_approved_in_the_file_still_arrives_pending(moderator):
    item = {"id": "sneaky", "type": "book", "title": "Sneaky", "status": "approved", "reliability": "reliable"}
    rows = plan(json.dumps([item]))
    [created] = sources.commit(rows, {}, moderator, "test").created
    created.refresh_from_db()
    assert (created.status, created.reliability) == ("pending", "")


def test_commit_is_all_or_nothing(editor, monkeypatch):
    rows = plan(ZOTERO_BIB)
    calls = []
    original = sources.gateway.create_pending_sources
    monkeypatch.setattr(sources, "BATCH", 1)  # the second batch fails after the first was written

    def fail_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return original(*args, **kwargs)

    monkeypatch.setattr(sources.gateway, "create_pending_sources", fail_second)
    with pytest.raises(RuntimeError):
        sources.commit(rows, {}, editor, "test")
    assert not Source.objects.exists()


# Round trips: the archive's own exports re-import to an equal record ------------------------------------------

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZŁłÖöżаяЖ"
SPECIAL = "&%$#_{}~^\\'’:—-?!.()\"@=,;/"
name_word = st.text(alphabet=LETTERS, min_size=1, max_size=9).filter(lambda w: w.lower() != "and")
capital_word = st.builds(lambda first, rest: first + rest, st.sampled_from("ABCDEŁÖЖ"), name_word)
words = st.lists(st.text(alphabet=LETTERS + "0123456789" + SPECIAL, min_size=1, max_size=10), min_size=1,
                 max_size=6).map(" ".join)  # fmt: skip
optional_words = st.one_of(st.just(""), words)
person = st.builds(
    lambda role, family, given: SourceCreator(role=role, family_name=" ".join(family), given_name=" ".join(given)),
    st.sampled_from(["author", "editor", "translator"]),
    st.lists(capital_word, min_size=1, max_size=2),
    st.lists(capital_word, min_size=1, max_size=2),
)
organisation = st.builds(
    lambda role, name: SourceCreator(role=role, literal_name=" ".join(name)),
    st.sampled_from(["author", "editor"]),
    st.lists(capital_word, min_size=1, max_size=4),
)
simple_dates = st.one_of(
    st.just(""),
    st.integers(1800, 2030).map(str),
    st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(1800, 2030), st.integers(1, 12)),
    st.builds(lambda y, m, d: f"{y}-{m:02d}-{d:02d}", st.integers(1800, 2030), st.integers(1, 12), st.integers(1, 28)),
)
edtf_dates = st.one_of(
    simple_dates,
    st.sampled_from(
        [
            "199X",
            "19XX",
            "1995-02~",
            "2009?",
            "2004-21",
            "1990~/1993~",
            "2004-01-01/2004-01-04",
            "2004-06-XX",
            "[2004,2005]",
            "2001-07/2002",
        ]
    ),  # fmt: skip
)


def source_strategy(date_strategy):
    return st.tuples(
        st.fixed_dictionaries(
            {
                "kind": st.sampled_from(Source.Kind.values),
                "title": words,
                "container_title": optional_words,
                "publisher": optional_words,
                "place": optional_words,
                "date_edtf": date_strategy,
                "volume": st.sampled_from(["", "6", "VI", "12"]),
                "issue": st.sampled_from(["", "2", "3-4"]),
                "pages": st.sampled_from(["", "17", "301–315", "e12"]),
                "edition": st.sampled_from(["", "2nd", "3"]),
                "url": st.sampled_from(["", "https://example.org/a/b-1?x=1&y=2", "http://www.example.com/page"]),
                "accessed": st.one_of(st.none(), st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31))),
                "language": st.sampled_from(["", "en", "ru", "be-Latn"]),
                "doi": st.one_of(st.just(""), st.from_regex(r"10\.\d{4,6}/[a-z0-9.\-]{1,12}", fullmatch=True)),
                "isbn": st.sampled_from(["", "9781563246371", "1563246370"]),
                "abstract": optional_words,
                "citation_key": st.from_regex(r"[a-z][a-z0-9_:.\-]{0,20}[a-z0-9_]", fullmatch=True),
            }
        ),
        st.lists(st.one_of(person, organisation), max_size=4),
    )


COMPARED = ["citation_key", *(f for f in sources.SourceRecord(line=0).source_fields())]


def comparable(source):
    values = {f: getattr(source, f) for f in COMPARED}
    creators = sorted(
        ((c.role, c.order, c.family_name, c.given_name, c.literal_name) for c in source.creators.all()),
    )
    by_role = {}
    for role, _order, *names in creators:
        by_role.setdefault(role, []).append(tuple(names))
    return values, by_role


def round_trip(fields, creators, write, fmt, user):
    original = Source.objects.create(status="approved", reliability="reliable", **fields)
    for order, creator in enumerate(creators, start=1):
        creator.source, creator.order = original, order
        creator.save()
    original.refresh_from_db()
    wanted = comparable(original)
    text = write(Source.objects.filter(pk=original.pk).prefetch_related("creators"))
    original.creators.all().delete()
    original.delete()
    rows = sources.plan(text, fmt)
    try:
        assert [r.problems for r in rows] == [[]], text
        [created] = sources.commit(rows, {}, user, "round trip").created
        created.refresh_from_db()
        assert comparable(created) == wanted, text
        assert created.status == "pending"
    finally:
        for source in Source.objects.all():
            source.creators.all().delete()
            source.delete()


ROUND_TRIP = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@ROUND_TRIP
@given(source_strategy(edtf_dates))
def test_bibtex_export_round_trips(editor, drawn):
    round_trip(*drawn, export.to_bibtex, "bibtex", editor)


@ROUND_TRIP
@given(source_strategy(simple_dates))
def test_ris_export_round_trips(editor, drawn):
    round_trip(*drawn, export.to_ris, "ris", editor)


@ROUND_TRIP
@given(source_strategy(st.one_of(simple_dates, st.sampled_from(["1995-02~", "1990/1993", "2004-21",
                                                                   "1990~/1993~"]))))  # fmt: skip
def test_csl_json_export_round_trips(editor, drawn):
    round_trip(*drawn, lambda s: json.dumps(export.to_csl_json(s), ensure_ascii=False, indent=2), "csl-json", editor)


def test_odd_csl_values_and_control_characters_become_text(db):
    item = {"id": "n1", "type": "book", "title": "Gas\x01 and milk", "author": [{"family": 5, "given": 7}]}
    text = json.dumps([item])
    (row,) = plan(text, "csl-json")
    assert row.source.title == "Gas and milk"
    assert [(c.family_name, c.given_name) for c in row.creators] == [("5", "7")]


@pytest.mark.parametrize("command", ["import_sources", "import_events", "import_article"])
def test_commands_need_a_known_importing_user(db, tmp_path, command):
    path = tmp_path / "any.txt"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(CommandError, match="Say who imports"):
        call_command(command, str(path))
    with pytest.raises(CommandError, match="No user “nobody”"):
        call_command(command, str(path), "--user", "nobody")
    get_user_model().objects.create_user("reader", password="pw-reader-123")
    with pytest.raises(CommandError, match="“reader” may not import"):
        call_command(command, str(path), "--user", "reader")
