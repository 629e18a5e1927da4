"""The relevance benchmark's own parts (bench/relevance.py): the CISI reader, the measures, the loading path.

The benchmark itself reads shared/relevance/ at run time; these tests use a
three-document collection written here, so they run anywhere.
"""

import math

import pytest

from bench import relevance

ALL = """.I 1
.T
Indexing of  scientific
journals
.A
Someone, A.
.W
   Automatic indexing of journals. Indexing uses
the words of titles.
.X
1	5	1
.I 2
.T
Library cooperation
.W
Libraries share catalogues.
.I 3
.T
Citation analysis
.W
Counting citations between journals.
"""
QRY = """.I 1
.W
How are journals indexed?
.I 2
.W
What about catalogues?
.I 9
.W
An unjudged query.
"""
REL = "     1      1\t0\t0.000000\n     1      3\t0\t0.000000\n     2      2\t0\t0.000000\n"


@pytest.fixture
def collection(tmp_path):
    (tmp_path / "CISI.ALL").write_text(ALL, encoding="latin-1")
    (tmp_path / "CISI.QRY").write_text(QRY)
    (tmp_path / "CISI.REL").write_text(REL)
    return tmp_path


def test_reads_documents_and_only_judged_queries(collection):
    documents, queries, judged = relevance.load_collection(collection)
    assert [(d.id, d.title) for d in documents] == [
        (1, "Indexing of scientific journals"),
        (2, "Library cooperation"),
        (3, "Citation analysis"),
    ]
    assert documents[0].text == "Automatic indexing of journals. Indexing uses the words of titles."
    assert queries == {1: "How are journals indexed?", 2: "What about catalogues?"}
    assert judged == {1: {1, 3}, 2: {2}}


def test_measures():
    relevant = {1, 3}
    assert relevance.precision([1, 2, 3], relevant, k=10) == pytest.approx(0.2)
    assert relevance.ndcg([1, 3], relevant) == pytest.approx(1.0)
    assert relevance.ndcg([2, 1], relevant) == pytest.approx((1 / math.log2(3)) / (1 + 1 / math.log2(3)))
    assert relevance.average_precision([1, 2, 3], relevant) == pytest.approx((1 + 2 / 3) / 2)
    assert relevance.recall([3], relevant) == 0.5
    scores = relevance.evaluate({1: [1, 3], 2: []}, {1: relevant, 2: {2}})
    assert scores["no_result"] == 0.5 and scores["ndcg@10"] == pytest.approx(0.5)


def test_rarest_words_skip_stop_words_and_unknown_words():
    frequency = {"journals": 5, "indexed": 1, "catalogues": 2, "rare": 1}
    query = "How are journals indexed, and catalogues, and unknownword?"
    assert relevance.rarest_words(query, frequency, {"how", "are", "and"}, n=2) == "indexed catalogues"


def test_bm25_reference_ranks_the_matching_documents(collection):
    documents, queries, _ = relevance.load_collection(collection)
    runs = relevance.bm25_reference(documents, queries)
    assert runs[1][0] == 1 and set(runs[1]) == {1, 3}
    assert runs[2] == [2]


@pytest.mark.django_db
def test_loads_through_the_archive_and_searches_like_a_reader(collection):
    documents, _, _ = relevance.load_collection(collection)
    mapping = relevance.load_into_archive(documents)
    assert sorted(mapping.values()) == [1, 2, 3]
    found = [mapping[i] for i in relevance.search_ids("catalogues")]
    assert found == [2]
