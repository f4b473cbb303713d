import pytest

from extract.facts import DocType, DocumentMeta, Extraction, Fact, MoneyFact
from ingest import read_bytes
from search import StoreUnavailable, open_store
from search.model import Filters


def _paper(text: str, name: str):
    return read_bytes(text.encode(), name)


def test_add_is_all_or_nothing(make_store, hostile_document):
    store = make_store()
    good, good_extraction = hostile_document
    assert store.add(good, good_extraction).new
    before = store.stats()

    bad = _paper("## Grants\n\nThe board agreed grants of £5,000 to the village hall.", "bad.txt")
    unserialisable = MoneyFact(text="£5,000", amount=5000.0, purpose=object())
    with pytest.raises(TypeError):
        store.add(bad, Extraction(meta=DocumentMeta(), facts=(MoneyFact(text="£5,000"),
                                                               unserialisable)))

    assert not store.has_document(bad.id)
    assert store.chunks(bad.id) == [] and store.blocks(bad.id) == []
    assert store.facts(document_id=bad.id) == []
    assert store.stats() == before
    assert store.get_document(good.id).authority == "Testshire County Council"
    assert len(store.facts(document_id=good.id)) == 2
    # the failed paper can be stored once its facts are sound
    assert store.add(bad, Extraction(meta=DocumentMeta())).new
    store.close()


def test_adding_the_same_bytes_again_changes_nothing(make_store, hostile_document):
    store = make_store()
    doc, extraction = hostile_document
    first = store.add(doc, extraction)
    stats = store.stats()
    again = store.add(doc, Extraction(meta=DocumentMeta(doc_type=DocType.REPORT)))
    assert first.new and first.chunks > 0 and first.facts_by_kind == {"money": 1, "decision": 1}
    assert again.new is False and again.document_id == doc.id
    assert store.stats() == stats
    assert store.get_document(doc.id).doc_type == "minutes"
    store.close()


def test_documents_facts_and_stats_read_back(make_store, hostile_document):
    store = make_store()
    doc, extraction = hostile_document
    other = _paper("Parish council minutes.\n\nThe clerk reported on the allotments.", "p.txt")
    store.add(doc, extraction)
    store.add(other, Extraction(meta=DocumentMeta(doc_type=DocType.MINUTES,
                                                  meeting_date="2023-02-01")))

    stored = store.get_document(doc.id, with_text=True)
    assert stored.text == doc.text and stored.source == doc.source
    assert (stored.title, stored.committee, stored.meeting_date) == (
        "Highways Committee minutes", "Highways Committee", "2024-05-01")
    assert store.get_document("0" * 64) is None

    assert [d.id for d in store.list_documents()] == [doc.id, other.id]  # newest first
    first_page = store.list_documents(limit=1)
    assert [d.id for d in store.list_documents(limit=1, after=first_page[0].id)] == [other.id]
    assert [d.id for d in store.list_documents(Filters(authority="testshire county council"))] == [doc.id]

    assert [(i, f) for i, f in store.facts(kind="decision")] == [(doc.id, extraction.facts[1])]
    assert store.facts(document_id=doc.id) == [(doc.id, f) for f in extraction.facts]
    assert store.facts(limit=1, offset=1) == [(doc.id, extraction.facts[1])]
    assert store.facts(filters=Filters(since="2024-01-01"), kind="money") == [(doc.id, extraction.facts[0])]
    assert all(isinstance(f, Fact) for _, f in store.facts())

    blocks = store.blocks(doc.id)
    assert [b["text"] for b in blocks] == [b.text for b in doc.blocks]
    assert blocks[0]["start"] == 0 and blocks[-1]["end"] == len(doc.text)

    assert store.stats() == {
        "documents": 2, "chunks": len(store.chunks(doc.id)) + len(store.chunks(other.id)),
        "facts": 2, "facts_by_kind": {"decision": 1, "money": 1},
        "documents_by_authority": {"unknown": 1, "Testshire County Council": 1},
        "documents_by_doc_type": {"minutes": 2},
    }
    store.close()


def test_a_postgresql_server_that_does_not_answer_is_one_line(tmp_path):
    with pytest.raises(StoreUnavailable) as caught:
        open_store(tmp_path, "postgresql://officer:s3cret@127.0.0.1:1/minutebook")
    message = str(caught.value)
    assert message.startswith("cannot connect to PostgreSQL (host 127.0.0.1, database minutebook): ")
    assert "\n" not in message and "s3cret" not in message
    assert issubclass(StoreUnavailable, NotImplementedError)


def test_a_second_store_on_the_same_folder_sees_new_papers_in_its_searches(make_store, hostile_document):
    from search.model import Mode, SearchQuery

    writer = make_store()
    reader = make_store(like=writer)
    doc, extraction = hostile_document
    writer.add(doc, extraction)
    assert reader.search(SearchQuery("pothole repairs", mode=Mode.SEMANTIC)).results
    other = _paper("## Allotments\n\nThe parish council let twelve allotment plots to residents.",
                   "allotments.txt")
    writer.add(other, Extraction(meta=DocumentMeta()))
    top = reader.search(SearchQuery("allotment plots", mode=Mode.SEMANTIC)).results[0]
    assert top.document_id == other.id
    writer.close()
    reader.close()
