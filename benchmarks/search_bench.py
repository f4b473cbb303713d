"""Search at scale: build a store of N chunks from the real papers and time it.

    python benchmarks/search_bench.py --chunks 100000 [--paragraphs 2000] [--queries 20]

The corpus is made of the real papers' own paragraphs (corpus/ and ../shared/corpus-real, read by
ingest/), recombined: each synthetic chunk is one to three real paragraphs drawn at random (fixed
seed), so the keyword index sees real council vocabulary and term statistics, not random words.

Embedding a million chunks with the real model on 2 CPU cores would take days, so each distinct
real paragraph is embedded once with the real model, and a recombined chunk gets the normalised
sum of its paragraphs' vectors. Query embedding is real and is included in every latency figure.

The store is filled by bulk INSERTs into the SQLite store's own tables (documents, chunks with
their embedding BLOBs, chunks_fts), bypassing extraction; the FAISS index is then built by the
store itself (exact below search.vector_index.HNSW_THRESHOLD, HNSW above). Prints build times,
sizes on disk, peak memory (getrusage), query latency p50/p95/p99 for each mode, and the
recall@10 the chosen FAISS index keeps against an exact scan.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

QUERIES = [
    "how much is Portsmouth paying towards the RCC", "when does the pathfinder money run out",
    "who chaired the corporate parenting panel", "community council audit and annual return",
    "Winnipeg council disposition on the humane society", "forecast overspend at quarter three",
    "closing the family hubs in Margate", "new school places needed by 2028",
    "moving young adults from children's services to adult social care",
    "virtual school headteacher report", "review of council-owned companies governance",
    "cooking smells ventilation condition", "bank reconciliation error in the accounts",
    "listing the village pub as a community asset", "fly infestation complaints",
    "parish precept increase", "demolition of tower blocks", "education support levy mill rate",
    "objection to a one planet development", "insurance renewal cost",
]


def paragraphs(limit: int, seed: int) -> list[str]:
    """Distinct real paragraphs of 12 words or more from the sample and real corpora."""
    from ingest import read_document
    from ingest.model import IngestError

    roots = [REPO / "corpus", REPO.parent / "shared" / "corpus-real"]
    found: dict[str, None] = {}
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []:
            if path.suffix.lower() not in (".pdf", ".docx", ".html", ".htm", ".md", ".txt"):
                continue
            try:
                document = read_document(path)
            except (IngestError, OSError, ValueError):
                continue
            for block in document.blocks:
                text = " ".join(block.text.split())
                if len(text.split()) >= 12:
                    found.setdefault(text, None)
    texts = list(found)
    random.Random(seed).shuffle(texts)
    return texts[:limit]


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.array(values), q))


def recombined(texts: list[str], vectors: np.ndarray, n_chunks: int, seed: int,
               per_doc: int = 200) -> Iterator[tuple[int, int, int, str, np.ndarray]]:
    """(chunk id, document number, ordinal, text, vector) of n_chunks distinct recombinations of
    one to three real paragraphs; the same for the same seed, so both stores get the same chunks.

    No two chunks share their paragraphs: a real corpus does not hold the same passage hundreds of
    times, and exact duplicates are the worst case for HNSW, not the common one."""
    rng = np.random.default_rng(seed)
    seen: set[tuple[int, ...]] = set()
    for chunk_id in range(1, n_chunks + 1):
        while True:
            picks = tuple(sorted(rng.choice(len(texts), size=int(rng.integers(1, 4)),
                                            replace=False).tolist()))
            if picks not in seen:
                seen.add(picks)
                break
        vector = vectors[list(picks)].sum(axis=0)
        vector /= np.linalg.norm(vector) or 1.0
        yield (chunk_id, (chunk_id - 1) // per_doc, (chunk_id - 1) % per_doc,
               "\n\n".join(texts[i] for i in picks), vector.astype(np.float32))


def unseen_probes(vectors: np.ndarray, n: int, seed: int) -> np.ndarray:
    """Vectors of n recombinations of two or three paragraphs drawn with another seed: passages
    like the stored ones but (almost surely) not among them, for measuring recall."""
    rng = np.random.default_rng(seed + 1_000_003)
    out = np.stack([vectors[rng.choice(len(vectors), size=int(rng.integers(2, 4)),
                                       replace=False)].sum(axis=0) for _ in range(n)])
    return (out / np.linalg.norm(out, axis=1, keepdims=True)).astype(np.float32)


def bulk_fill(store, texts: list[str], vectors: np.ndarray, n_chunks: int, seed: int,
              per_doc: int = 200) -> None:
    """Insert n_chunks recombined chunks (one to three paragraphs) into the store's tables."""
    from search.embeddings import to_blob

    conn = store._conn()
    now = datetime.now(timezone.utc).isoformat()
    conn.execute("BEGIN IMMEDIATE")
    for doc_no in range(0, (n_chunks + per_doc - 1) // per_doc):
        doc_id = f"bench{doc_no:08d}"
        conn.execute(
            "INSERT INTO documents (id, source, format, pages, size_bytes, title, doc_type, "
            "authority, ingested_at, text) VALUES (?, ?, 'txt', 1, 0, ?, 'minutes', ?, ?, '')",
            (doc_id, f"bench/{doc_id}.txt", f"Synthetic paper {doc_no}", f"Council {doc_no % 50}",
             now))
    rows, fts = [], []
    for chunk_id, doc_no, ordinal, text, vector in recombined(texts, vectors, n_chunks, seed,
                                                              per_doc):
        rows.append((chunk_id, f"bench{doc_no:08d}", ordinal, text, len(text), f"h{chunk_id}",
                     to_blob(vector)))
        fts.append((chunk_id, text))
        if len(rows) == 10_000:
            _insert(conn, rows, fts)
            rows, fts = [], []
    _insert(conn, rows, fts)
    conn.execute("INSERT INTO store_meta (key, value) VALUES ('embedding_model', ?) "
                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (store.embedder.name,))
    conn.execute("UPDATE store_meta SET value = '1' WHERE key = 'generation'")
    conn.execute("COMMIT")
    conn.execute("INSERT INTO chunks_fts (chunks_fts) VALUES ('optimize')")


def _insert(conn, rows: list[tuple], fts: list[tuple]) -> None:
    conn.executemany(
        "INSERT INTO chunks (id, document_id, ordinal, text, page, page_end, paragraph, "
        "paragraph_end, start_char, end_char, text_hash, embedding) "
        "VALUES (?, ?, ?, ?, 1, 1, 1, 1, 0, ?, ?, ?)", rows)
    conn.executemany("INSERT INTO chunks_fts (rowid, title, heading, text) VALUES (?, '', '', ?)",
                     fts)


def size_mb(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 2**20


def faiss_recall(store, queries: np.ndarray, k: int = 10) -> float:
    """recall@k of the store's FAISS index against an exact scan of the same vectors."""
    import faiss

    index = store.vectors._index
    exact = faiss.IndexFlatIP(store.embedder.dimension)
    for _, batch in store._embedding_batches(0):
        exact.add(batch)
    want, _ = exact.search(queries, k)
    got, _ = index.search(queries, k)
    # tie-aware: recombined chunks repeat vectors, so any hit scoring at least the exact k-th
    # score is a true top-k neighbour
    hits = sum(int(np.sum(g >= w[-1] - 1e-5)) for w, g in zip(want, got))
    return hits / (len(queries) * k)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chunks", type=int, default=100_000)
    parser.add_argument("--paragraphs", type=int, default=2000,
                        help="distinct real paragraphs to embed and recombine")
    parser.add_argument("--repeats", type=int, default=5, help="runs of each query per mode")
    parser.add_argument("--data", type=Path, default=None, help="store folder (default: temp)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--reuse", action="store_true",
                        help="with --data: time the store already there when it holds --chunks "
                             "chunks, instead of building it again")
    parser.add_argument("--profile", action="store_true",
                        help="print the 15 costliest functions of the hybrid queries (cProfile)")
    args = parser.parse_args(argv)

    from minutebook.settings import configure_runtime

    configure_runtime()
    from search.model import Mode, SearchQuery
    from search.sqlite_store import SqliteStore, shared_embedder

    embedder = shared_embedder()
    began = time.perf_counter()
    texts = paragraphs(args.paragraphs, args.seed)
    print(f"paragraphs: {len(texts)} distinct real paragraphs read in "
          f"{time.perf_counter() - began:.1f}s", flush=True)
    embedder.embed(texts[:8])  # load the model
    began = time.perf_counter()
    vectors = embedder.embed(texts)
    took = time.perf_counter() - began
    print(f"embedding: {len(texts)} paragraphs in {took:.1f}s = {len(texts) / took:.1f} chunks/s "
          f"(batch {embedder.batch_size})", flush=True)

    with tempfile.TemporaryDirectory(prefix="minutebook-bench-") as scratch:
        data = args.data or Path(scratch)
        store = SqliteStore(data, embedder=embedder)
        if args.reuse and args.data and store.stats()["chunks"] == args.chunks:
            print(f"build: reusing the {args.chunks} chunks already in {data}", flush=True)
            store._ensure_vectors()
        else:
            began = time.perf_counter()
            bulk_fill(store, texts, vectors, args.chunks, args.seed)
            fill = time.perf_counter() - began
            began = time.perf_counter()
            store._ensure_vectors()
            store.vectors.save()
            faiss_build = time.perf_counter() - began
            print(f"build: {args.chunks} chunks; SQLite rows + FTS5 {fill:.1f}s, FAISS "
                  f"{store.vectors.kind} {faiss_build:.1f}s", flush=True)
        print(f"size on disk: SQLite {size_mb(store.path):.0f} MiB (incl. embeddings "
              f"{args.chunks * embedder.dimension * 4 / 2**20:.0f} MiB), FAISS "
              f"{size_mb(store.vectors.directory):.0f} MiB", flush=True)

        probe = np.vstack([embedder.embed(QUERIES), unseen_probes(vectors, 200, args.seed)])
        print(f"FAISS {store.vectors.kind} recall@10 vs exact: {faiss_recall(store, probe):.3f} "
              f"({len(probe)} probes)", flush=True)

        for text in QUERIES[:3]:
            store.search(SearchQuery(text))  # warm caches
        print("load average before timing: %.2f %.2f %.2f (2 cores, shared)" % os.getloadavg(),
              flush=True)
        for mode in Mode:
            times = []
            for _ in range(args.repeats):
                for text in QUERIES:
                    began = time.perf_counter()
                    store.search(SearchQuery(text, mode=mode))
                    times.append((time.perf_counter() - began) * 1000)
            print(f"latency {mode.value:<8}: p50 {percentile(times, 50):6.1f} ms  "
                  f"p95 {percentile(times, 95):6.1f} ms  p99 {percentile(times, 99):6.1f} ms  "
                  f"({len(times)} queries)", flush=True)
        print("load average after timing: %.2f %.2f %.2f" % os.getloadavg(), flush=True)
        if args.profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.enable()
            for text in QUERIES:
                store.search(SearchQuery(text, mode=Mode.HYBRID))
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(15)
        store.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    print(f"peak memory (max RSS): {peak:.2f} GiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
