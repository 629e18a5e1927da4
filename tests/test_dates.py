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
        ("19XX", "1900-01-01", "1999-12-31", "century", "the 20th century"),
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
