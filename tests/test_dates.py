import datetime as dt

import pytest

from archive import dates


@pytest.mark.parametrize(
    "text, earliest, latest, precision, words",
    [
        ("1999-12-08", "1999-12-08", "1999-12-08", "day", "8 December 1999"),
        ("2009-07", "2009-07-01", "2009-07-31", "month", "July 2009"),
        ("2009", "2009-01-01", "2009-12-31", "year", "2009"),
        ("199X", "1990-01-01", "1999-12-31", "decade", "the 1990s"),
        ("19XX", "1900-01-01", "1999-12-31", "century", "1900–1999"),
        ("1990~/1993~", "1990-01-01", "1993-12-31", "range", "early 1990s"),
        ("1994~/1996~", "1994-01-01", "1996-12-31", "range", "mid-1990s"),
        ("1997~/1999~", "1997-01-01", "1999-12-31", "range", "late 1990s"),
        ("2004-01-01/2004-01-04", "2004-01-01", "2004-01-04", "range", "1–4 January 2004"),
        ("1995-02~", "1995-02-01", "1995-02-28", "month", "about February 1995"),
        ("2009?", "2009-01-01", "2009-12-31", "year", "2009?"),
    ],
)
def test_parse_and_describe(text, earliest, latest, precision, words):
    parsed = dates.parse(text)
    assert parsed.earliest == dt.date.fromisoformat(earliest)
    assert parsed.latest == dt.date.fromisoformat(latest)
    assert parsed.precision == precision
    assert dates.describe(text) == words


@pytest.mark.parametrize("bad", ["", "2009-13", "yesterday", "2010/2009", "1" * 100, "2009-02-30"])
def test_invalid_edtf_has_a_readable_message(bad):
    with pytest.raises(dates.InvalidEDTF) as info:
        dates.parse(bad)
    assert str(info.value)


def test_iso_bounds_keep_true_precision():
    assert dates.iso_bounds("2009-07") == ("2009-07", None)
    assert dates.iso_bounds("1999-12-08") == ("1999-12-08", None)
    assert dates.iso_bounds("199X") == ("1990", "1999")
    assert dates.iso_bounds("2004-01-01/2004-01-04") == ("2004-01-01", "2004-01-04")


@pytest.mark.parametrize(
    "text, earliest, latest, precision, words",
    [
        # Unknown trailing digits say only what is known.
        ("2004-XX", "2004-01-01", "2004-12-31", "year", "2004"),
        ("2004-XX-XX", "2004-01-01", "2004-12-31", "year", "2004"),
        ("2004-06-XX", "2004-06-01", "2004-06-30", "month", "June 2004"),
        ("2004-06-XX~", "2004-06-01", "2004-06-30", "month", "about June 2004"),
        # Seasons (Northern Hemisphere; winter runs from December into the next year).
        ("2004-21", "2004-03-01", "2004-05-31", "range", "spring 2004"),
        ("2004-22", "2004-06-01", "2004-08-31", "range", "summer 2004"),
        ("2004-23", "2004-09-01", "2004-11-30", "range", "autumn 2004"),
        ("2004-24", "2004-12-01", "2005-02-28", "range", "winter 2004–2005"),
        ("2004-21/2004-23", "2004-03-01", "2004-11-30", "range", "spring 2004 – autumn 2004"),
        # Sets: one of them, or all of them.
        ("[2004,2005]", "2004-01-01", "2005-12-31", "range", "2004 or 2005"),
        ("{2004,2005}", "2004-01-01", "2005-12-31", "range", "2004 and 2005"),
        ("[2004, 2006, 2009-07]", "2004-01-01", "2009-07-31", "range", "2004, 2006 or July 2009"),
        ("{2004-06-01..2004-06-03}", "2004-06-01", "2004-06-03", "range", "1–3 June 2004"),
        ("20XX", "2000-01-01", "2099-12-31", "century", "2000–2099"),
    ],
)
def test_unspecified_digits_seasons_and_sets(text, earliest, latest, precision, words):
    parsed = dates.parse(text)
    assert (parsed.earliest, parsed.latest) == (dt.date.fromisoformat(earliest), dt.date.fromisoformat(latest))
    assert parsed.precision == precision
    assert dates.describe(text) == words


@pytest.mark.parametrize(
    "bad, message",
    [
        ("2004/", "open or unknown end"),
        ("/2004", "open or unknown end"),
        ("2004/..", "open or unknown end"),
        ("../2004", "open or unknown end"),
        ("[..2004]", "open-ended"),
        ("{2004..}", "open-ended"),
        ("2004-XX-15", "only the last digits may be unknown"),
        ("156X-12-25", "only the last digits may be unknown"),
        ("2004?-06", "at the end of the date only"),
        ("?2004", "at the end of the date only"),
        ("2004-33", "quarter"),
        ("1XXX", "not a valid EDTF date"),
        ("[2004,]", "not a valid EDTF date"),
    ],
)
def test_forms_we_cannot_say_honestly_are_refused_with_a_reason(bad, message):
    with pytest.raises(dates.InvalidEDTF) as info:
        dates.parse(bad)
    assert message in str(info.value)
    assert dates.describe(bad) == bad  # a stored string that no longer parses is shown as typed


def test_iso_bounds_of_seasons_sets_and_unspecified_days():
    assert dates.iso_bounds("2004-21") == ("2004-03", "2004-05")
    assert dates.iso_bounds("2004-24") == ("2004-12", "2005-02")
    assert dates.iso_bounds("[2004,2005-06]") == ("2004", "2005-06")
    assert dates.iso_bounds("2004-06-XX") == ("2004-06", None)
    assert dates.iso_bounds("2004-XX") == ("2004", None)
    assert dates.iso_bounds("2009-07/2010") == ("2009-07", "2010")


def test_a_stored_date_that_no_longer_parses_falls_back_to_its_stored_bounds():
    class Stored:
        date_edtf = "2004/"
        date_earliest = dt.date(2004, 1, 1)
        date_latest = dt.date(2014, 1, 1)

    parsed = dates.of(Stored())
    assert dates.iso_bounds(parsed) == ("2004-01-01", "2014-01-01")
    assert parsed.words == "2004/"


@pytest.mark.parametrize(
    "text",
    ["0001", "1999", "2024-02", "2024-12", "2024-02-29", "1900-01-31", "2025-06-30", "1991-12-08", "9999-12-31"],
)
def test_plain_dates_skip_the_grammar_only_when_it_would_accept_them(text):
    """Plain days, months and years are answered without the (slow) edtf grammar: it must agree they are valid."""
    from edtf import parse_edtf

    assert dates.parse(text).edtf == text
    parse_edtf(text)  # raises if the grammar disagreed


@pytest.mark.parametrize("bad", ["0000", "2023-02-29", "2009-00", "2009-12-00", "2009-04-31", "2009-20"])
def test_plain_looking_dates_that_do_not_exist_are_still_refused(bad):
    with pytest.raises(dates.InvalidEDTF):
        dates.parse(bad)
