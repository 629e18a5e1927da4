"""Every source kind has one row saying what it is called in every format, and the exports read that row."""

import pytest

from archive import source_kinds
from archive.citations import export
from archive.models import Source


def test_every_kind_has_a_row_in_the_one_table():
    assert set(source_kinds.KINDS) == set(Source.Kind.values)


@pytest.mark.parametrize("kind", Source.Kind.values)
def test_a_kinds_row_names_it_in_every_format(kind):
    row = source_kinds.KINDS[kind]
    assert all((row.bibtex, row.ris, row.csl, row.schema_org, row.dublin_core))
    assert (export.BIBTEX_TYPES[kind], export.RIS_TYPES[kind], export.CSL_TYPES[kind]) == (row.bibtex, row.ris, row.csl)


@pytest.mark.django_db
def test_exports_and_metadata_follow_the_table(monkeypatch, rf):
    from archive import metadata

    source = Source.objects.create(citation_key="k1", kind="report", title="Annual report", status="approved")
    changed = source_kinds.KindFormats("misc", "GEN", "document", "Thing", "Something", standalone=False)
    monkeypatch.setitem(source_kinds.KINDS, "report", changed)
    assert export.to_bibtex([source]).startswith("@misc{k1,")
    assert export.to_ris([source]).startswith("TY  - GEN")
    assert export.csl_item(source)["type"] == "document"
    page = metadata.source_meta(source, rf.get("/"), "http://testserver/sources/k1/")
    assert ("DC.type", "Something") in page.names
    assert page.jsonld["@type"] == "Thing"
