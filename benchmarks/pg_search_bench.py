"""Search at scale on both stores: the same N recombined real chunks in SQLite+FAISS and in
PostgreSQL+pgvector, query latency per mode and semantic recall@10 against exact search, side by side.

    python benchmarks/pg_search_bench.py --chunks 100000 [--paragraphs 2000] [--repeats 5]
        [--store postgresql://…]   # default: a throwaway server started with pgserver

The chunks and their vectors are made as in benchmarks/search_bench.py (real paragraphs, each
embedded once with the real model, recombined one to three at a time). The PostgreSQL store is
filled with COPY into its own tables (chunk_terms' tsvectors computed by PostgreSQL), then
its HNSW index is rebuilt over the full table, as an operator would after a bulk load.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from search_bench import (QUERIES, bulk_fill, faiss_recall, paragraphs, percentile,  # noqa: E402
                          recombined, unseen_probes)


def pg_fill(store, texts: list[str], vectors: np.ndarray, n_chunks: int, seed: int,
            per_doc: int = 200) -> None:
    """The same recombined chunks as search_bench.bulk_fill (same seed, same draws), by COPY."""
    from search.pg_store import TS_CONFIG

    now = datetime.now(timezone.utc).isoformat()
    conn = store._conn()
    with conn.transaction():
        conn.execute("DROP INDEX IF EXISTS chunks_embedding")
        conn.execute("CREATE TEMP TABLE bench_chunks (document_id text, ordinal int, text text, "
                     "end_char int, text_hash text, embedding vector(384)) ON COMMIT DROP")
        with conn.cursor().copy("COPY documents (id, source, format, pages, size_bytes, title, "
                                "doc_type, authority, ingested_at, text) FROM STDIN") as copy:
            for doc_no in range(0, n_chunks, per_doc):
                n = doc_no // per_doc
                copy.write_row((f"bench{n:08d}", f"bench/bench{n:08d}.txt", "txt", 1, 0,
                                f"Synthetic paper {n}", "minutes", f"Council {n % 50}", now, ""))
        with conn.cursor().copy("COPY bench_chunks FROM STDIN") as copy:
            for chunk_id, doc_no, ordinal, text, vector in recombined(texts, vectors, n_chunks,
                                                                      seed, per_doc):
                copy.write_row((f"bench{doc_no:08d}", ordinal, text, len(text), f"h{chunk_id}",
                                "[" + ",".join(map(repr, vector.tolist())) + "]"))
        conn.execute(
            "INSERT INTO chunks (document_id, ordinal, text, page, page_end, paragraph, paragraph_end, "
            "start_char, end_char, text_hash, embedding) "
            "SELECT document_id, ordinal, text, 1, 1, 1, 1, 0, end_char, text_hash, embedding "
            "FROM bench_chunks ORDER BY 1, 2")
        conn.execute("DROP INDEX IF EXISTS chunk_terms_search_text")
        conn.execute("INSERT INTO chunk_terms (chunk_id, search_text) SELECT id, "
                     f"setweight(to_tsvector('{TS_CONFIG}', text), 'D') FROM chunks")  # body only, as
        # search_bench gives FTS5 (no title or heading)
        conn.execute("CREATE INDEX chunk_terms_search_text ON chunk_terms USING gin (search_text)")
        conn.execute("INSERT INTO store_meta (key, value) VALUES ('embedding_model', %s) "
                     "ON CONFLICT (key) DO NOTHING", (store.embedder.name,))


def pg_build_hnsw(store) -> None:
    conn = store._conn()
    conn.execute("SET maintenance_work_mem = '1GB'")
    conn.execute("CREATE INDEX chunks_embedding ON chunks USING hnsw (embedding vector_cosine_ops) "
                 "WITH (m = 16, ef_construction = 64)")
    conn.execute("ANALYZE")


def pg_recall(store, probes: np.ndarray, k: int = 10) -> float:
    """recall@k of the HNSW answers (as PgStore.semantic_hits gives them) against exact search."""
    hits = 0
    conn = store._conn()
    for probe in probes:
        got = [cos for _, cos in store.semantic_hits(probe, None, k)]
        exact = conn.execute("SELECT 1 - (embedding <=> %s) AS cos FROM chunks "
                             "ORDER BY cos DESC LIMIT %s", (probe, k)).fetchall()
        kth = exact[-1]["cos"]
        hits += sum(c >= kth - 1e-5 for c in got[:k])  # tie-aware, as search_bench's FAISS recall
    return hits / (len(probes) * k)


def latencies(store, repeats: int) -> dict[str, list[float]]:
    from search.model import Mode, SearchQuery

    for text in QUERIES[:3]:
        store.search(SearchQuery(text))  # warm caches
    out = {}
    for mode in Mode:
        times = []
        for _ in range(repeats):
            for text in QUERIES:
                began = time.perf_counter()
                store.search(SearchQuery(text, mode=mode))
                times.append((time.perf_counter() - began) * 1000)
        out[mode.value] = times
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chunks", type=int, default=100_000)
    parser.add_argument("--paragraphs", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--store", default=None, help="postgresql:// URL (default: pgserver)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    from minutebook.settings import configure_runtime

    configure_runtime()
    from search.embeddings import shared_embedder
    from search.pg_local import create_database, start_server, stop_server
    from search.pg_store import PgStore
    from search.sqlite_store import SqliteStore

    embedder = shared_embedder()
    texts = paragraphs(args.paragraphs, args.seed)
    began = time.perf_counter()
    vectors = embedder.embed(texts)
    print(f"embedded {len(texts)} real paragraphs in {time.perf_counter() - began:.1f}s", flush=True)
    probes = np.vstack([embedder.embed(QUERIES), unseen_probes(vectors, 200, args.seed)])
    figures: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="minutebook-bench-") as scratch:
        lite = SqliteStore(Path(scratch) / "sqlite", embedder=embedder)
        began = time.perf_counter()
        bulk_fill(lite, texts, vectors, args.chunks, args.seed)
        lite._ensure_vectors()
        print(f"SQLite+FAISS: {args.chunks} chunks built in {time.perf_counter() - began:.1f}s",
              flush=True)
        figures["SQLite+FAISS"] = {"recall": faiss_recall(lite, probes),
                                   "times": latencies(lite, args.repeats)}
        lite.close()

        server = None
        url = args.store
        if url is None:
            server = start_server(Path(scratch) / "pg", delete=True)
            url = create_database(server, "bench")
        pg = PgStore(url, embedder=embedder)
        try:
            began = time.perf_counter()
            pg_fill(pg, texts, vectors, args.chunks, args.seed)
            filled = time.perf_counter() - began
            began = time.perf_counter()
            pg_build_hnsw(pg)
            print(f"PostgreSQL+pgvector: {args.chunks} chunks copied in {filled:.1f}s, HNSW built "
                  f"in {time.perf_counter() - began:.1f}s", flush=True)
            figures["PostgreSQL+pgvector"] = {"recall": pg_recall(pg, probes),
                                              "times": latencies(pg, args.repeats)}
            default = pg.ef_search
            for ef in (100, 200, 400, 800):  # what hnsw.ef_search buys (the README's setting)
                pg.ef_search = ef
                print(f"pgvector hnsw.ef_search {ef}: recall@10 {pg_recall(pg, probes):.3f}",
                      flush=True)
            pg.ef_search = default
        finally:
            pg.close()
            if server is not None:
                stop_server(server)

    print(f"\n{args.chunks} chunks, {len(QUERIES)} queries x {args.repeats}, {len(probes)} recall probes")
    print(f"{'store':<22}{'recall@10':>10}" + "".join(f"{m + ' p50':>16}{m + ' p95':>16}"
                                                      for m in ("keyword", "semantic", "hybrid")))
    for name, f in figures.items():
        cells = "".join(f"{percentile(f['times'][m], 50):13.1f} ms{percentile(f['times'][m], 95):13.1f} ms"
                        for m in ("keyword", "semantic", "hybrid"))
        print(f"{name:<22}{f['recall']:>10.3f}{cells}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
