"""Chunks whose text was embedded before are never embedded again."""
from search.embeddings import Embedder


class CountingEmbedder(Embedder):
    """The real embedder, counting the texts it is asked to embed."""

    def __init__(self) -> None:
        super().__init__()
        self.embedded = 0

    def embed(self, texts):
        self.embedded += len(texts)
        return super().embed(texts)


def _open(spec, embedder):
    if spec.url:
        from search.pg_store import PgStore

        return PgStore(spec.url, embedder=embedder)
    from search.sqlite_store import SqliteStore

    return SqliteStore(spec.data_dir, embedder=embedder)


def test_unchanged_chunks_are_not_re_embedded(new_store, store_kind, corpus_files):
    import extract
    from ingest import read_bytes

    path = next(p for p in corpus_files if p.name.startswith("000_"))
    raw = path.read_bytes()
    embedder = CountingEmbedder()
    with _open(new_store(store_kind, "reuse"), embedder) as store:
        first = read_bytes(raw, "papers/item.txt")
        outcome = store.add(first, extract.extract(first))
        assert outcome.chunks > 0 and embedder.embedded == outcome.chunks

        again = store.add(first, extract.extract(first))  # the same bytes
        resaved = read_bytes(raw + b"\n\n", "papers/item-resaved.txt")  # new bytes, same text
        copy = store.add(resaved, extract.extract(resaved))

    assert not again.new and copy.new and copy.chunks == outcome.chunks
    assert embedder.embedded == outcome.chunks
