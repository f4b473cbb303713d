"""Passage embedding speed and agreement, for each way of running the model on this machine.

    python benchmarks/embed_bench.py [--limit 400] [--per-paper 30] [--queries 300] [--seed 7]

Real chunks: papers from corpus/ and ../shared/corpus-real (files in a seeded random order, read
until --limit chunks, at most --per-paper from each), read by ingest/ and cut by
search/chunking.py, each embedded as `embedding_text(chunk, title)` like ingest does (the title here is the format's own title hint:
the extracted title needs spaCy and changes the text only slightly).

Every configuration embeds the same texts in the same process, one after another, and the first
is run again at the end, so load drift on the shared box shows. Printed: chunks/s for torch
(sentence-transformers) at 1 and 2 threads and batch sizes 16..128, one call over all texts (it
sorts by length inside the call) against batches in arrival order and against one call per
document (what the store's `add` does); ONNX Runtime float32 and int8 (with and without the
feed-forward output projections kept in float32; spinning threads on and off). Then, per backend
against torch: mean and lowest cosine of the two vectors of each text, recall@10 of exact
nearest-neighbour search over the chunk set for the judged queries in search/eval/queries.json
plus the chunks' first sentences, and the median single-query latency on one thread.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from minutebook.settings import configure_runtime  # noqa: E402

configure_runtime()

from search import embeddings  # noqa: E402
from search.embeddings import Backend, OnnxEncoder, export_onnx  # noqa: E402

SUFFIXES = (".pdf", ".docx", ".html", ".htm", ".md", ".txt")
SENTENCE = re.compile(r"(.+?[.!?])(?:\s|$)", re.S)


def documents(limit: int, per_paper: int, seed: int) -> list[list[str]]:
    """Each read paper's embedding texts (a seeded sample of at most `per_paper`, in order, so one
    long paper does not make the whole set), papers in a seeded order until `limit` chunks."""
    from ingest import read_document
    from ingest.model import IngestError
    from search.chunking import chunk_document, embedding_text

    paths = [p for root in (REPO / "corpus", REPO.parent / "shared" / "corpus-real") if root.exists()
             for p in sorted(root.rglob("*")) if p.is_file() and p.suffix.lower() in SUFFIXES]
    rng = random.Random(seed)
    rng.shuffle(paths)
    out: list[list[str]] = []
    total = 0
    for path in paths:
        try:
            document = read_document(path)
        except (IngestError, OSError, ValueError):
            continue
        texts = [embedding_text(c, document.title_hint) for c in chunk_document(document)]
        if len(texts) > per_paper:
            texts = [texts[i] for i in sorted(rng.sample(range(len(texts)), per_paper))]
        texts = texts[:limit - total]
        if texts:
            out.append(texts)
            total += len(texts)
        if total >= limit:
            break
    return out


def queries(texts: Sequence[str], n: int, seed: int) -> list[str]:
    """The judged officers' questions, then first sentences (4-40 words) of chunks."""
    judged = json.loads((REPO / "search" / "eval" / "queries.json").read_text())["queries"]
    found = [q["text"] for q in judged]
    firsts = []
    for text in texts:
        body = text.split("\n")[-1] if "\n" in text else text
        m = SENTENCE.match(" ".join(body.split()))
        if m and 4 <= len(m.group(1).split()) <= 40:
            firsts.append(m.group(1))
    random.Random(seed).shuffle(firsts)
    return found + firsts[:max(0, n - len(found))]


@dataclass(frozen=True)
class Config:
    label: str
    backend: str  # which agreement group its vectors belong to
    run: Callable[[list[list[str]]], np.ndarray]


def one_call(encoder, batch: int, threads: int):
    return lambda docs: encoder.encode([t for d in docs for t in d], batch, threads)


def per_document(encoder, batch: int, threads: int):
    return lambda docs: np.concatenate([encoder.encode(d, batch, threads) for d in docs])


def arrival_order(encoder, batch: int, threads: int):
    """Batches cut in the texts' own order (each call sorts only within its batch)."""
    def run(docs):
        texts = [t for d in docs for t in d]
        return np.concatenate([encoder.encode(texts[i:i + batch], batch, threads)
                               for i in range(0, len(texts), batch)])
    return run


def recall_at_10(query_a, corpus_a, query_b, corpus_b) -> float:
    top_a = np.argsort(-(query_a @ corpus_a.T), axis=1)[:, :10]
    top_b = np.argsort(-(query_b @ corpus_b.T), axis=1)[:, :10]
    return float(np.mean([len(set(a) & set(b)) / 10 for a, b in zip(top_a, top_b)]))


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=200, help="chunks to embed per configuration")
    parser.add_argument("--per-paper", type=int, default=25, help="chunks at most from one paper")
    parser.add_argument("--rounds", type=int, default=3, help="times each configuration runs")
    parser.add_argument("--queries", type=int, default=300, help="queries for recall@10")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    started = time.perf_counter()
    docs = documents(args.limit, args.per_paper, args.seed)
    texts = [t for d in docs for t in d]
    print(f"texts: {len(texts)} chunks from {len(docs)} papers, {np.mean([len(t) for t in texts]):.0f} "
          f"chars mean, read and chunked in {time.perf_counter() - started:.1f}s")
    print(f"cores: {os.cpu_count()}; load average at start: {load()}")

    cache = Path(tempfile.mkdtemp(prefix="embed-bench-"))
    exported = {}
    for label, backend, keep in (("onnx-fp32", Backend.ONNX, None),
                                 ("onnx-int8", Backend.ONNX_INT8, embeddings._KEEP_FLOAT),
                                 ("onnx-int8-all", Backend.ONNX_INT8, None)):
        t0 = time.perf_counter()
        path = export_onnx(cache / label, backend, keep_float=keep)
        exported[label] = OnnxEncoder(path, backend)
        print(f"export {label}: {time.perf_counter() - t0:.1f}s, {path.stat().st_size / 2**20:.0f} MiB")
    spinning = OnnxEncoder(export_onnx(cache / "onnx-fp32", Backend.ONNX),
                           Backend.ONNX, spin=True)
    torch_encoder = embeddings._TorchEncoder()
    fp32, int8 = exported["onnx-fp32"], exported["onnx-int8"]

    configs = [Config("torch t2 b64 per-document (before)", "torch", per_document(torch_encoder, 64, 2))]
    configs += [Config(f"torch t{t} b{b}", "torch", one_call(torch_encoder, b, t))
                for t in (1, 2) for b in (16, 32, 64, 128)]
    configs += [
        Config("torch t2 b32 arrival order", "torch", arrival_order(torch_encoder, 32, 2)),
        Config("torch t1 b32 per-document", "torch", per_document(torch_encoder, 32, 1)),
        Config("torch t2 b32 per-document", "torch", per_document(torch_encoder, 32, 2)),
        Config("onnx-fp32 t1 b32", "onnx-fp32", one_call(fp32, 32, 1)),
        Config("onnx-fp32 t2 b32", "onnx-fp32", one_call(fp32, 32, 2)),
        Config("onnx-fp32 t2 b16", "onnx-fp32", one_call(fp32, 16, 2)),
        Config("onnx-fp32 t2 b64", "onnx-fp32", one_call(fp32, 64, 2)),
        Config("onnx-fp32 t2 b32 spinning", "onnx-fp32", one_call(spinning, 32, 2)),
        Config("onnx-fp32 t2 b32 per-document", "onnx-fp32", per_document(fp32, 32, 2)),
        Config("onnx-int8 t1 b32", "onnx-int8", one_call(int8, 32, 1)),
        Config("onnx-int8 t2 b32", "onnx-int8", one_call(int8, 32, 2)),
        Config("onnx-int8-all t2 b32", "onnx-int8-all", one_call(exported["onnx-int8-all"], 32, 2)),
    ]

    for encoder in (torch_encoder, *exported.values(), spinning):  # load and warm outside the timing
        encoder.encode(texts[:4], 4, 1)
        encoder.encode(texts[:4], 4, 2)

    vectors: dict[str, np.ndarray] = {}
    wall: dict[str, list[float]] = {c.label: [] for c in configs}
    cpu: dict[str, list[float]] = {c.label: [] for c in configs}
    loads = []
    rng = random.Random(args.seed)
    for _ in range(args.rounds):
        order = configs[:]
        rng.shuffle(order)  # each round in a new order, so a burst of load hits no one config always
        loads.append(os.getloadavg()[0])
        for config in order:
            t0, c0 = time.perf_counter(), time.process_time()
            out = config.run(docs)
            wall[config.label].append(time.perf_counter() - t0)
            cpu[config.label].append(time.process_time() - c0)
            vectors.setdefault(config.backend, out)
        print(f"round {len(loads)} done, load {load()}", flush=True)
    baseline = len(texts) / np.median(wall[configs[0].label])
    print(f"\n{args.rounds} rounds of {len(texts)} chunks each; 1-min load average at round starts: "
          + ", ".join(f"{x:.2f}" for x in loads))
    print("| configuration | chunks/s (median) | chunks/s (best) | vs before | CPU s / 100 chunks |")
    print("|---|---|---|---|---|")
    for config in configs:
        rate = len(texts) / np.median(wall[config.label])
        best = len(texts) / min(wall[config.label])
        print(f"| {config.label} | {rate:.1f} | {best:.1f} | {rate / baseline:.2f}x | "
              f"{100 * np.median(cpu[config.label]) / len(texts):.2f} |")

    by_backend = {"torch": torch_encoder, **exported}
    unique = sorted({t: i for i, t in enumerate(texts)}.values())  # duplicates tie, any order is right
    qs = queries([texts[i] for i in unique], args.queries, args.seed)
    times: dict[str, list[float]] = {name: [] for name in by_backend}
    rows: dict[str, list[np.ndarray]] = {name: [] for name in by_backend}
    for q in qs:  # backends interleaved per query, so load hits them alike
        for name, encoder in by_backend.items():
            t0 = time.perf_counter()
            rows[name].append(encoder.encode([q], 1, 1)[0])
            times[name].append(time.perf_counter() - t0)
    reference = vectors["torch"]
    print(f"\nagreement with torch over {len(texts)} chunks; recall@10 of exact search over the "
          f"{len(unique)} distinct chunks for {len(qs)} queries ({min(len(qs), 64)} judged, the rest "
          f"first sentences of chunks)")
    print("| backend | mean cosine | lowest cosine | recall@10 | query ms (1 thread, median) | p95 |")
    print("|---|---|---|---|---|---|")
    for name in by_backend:
        cosine = np.sum(vectors[name] * reference, axis=1)
        recall = recall_at_10(np.array(rows["torch"]), reference[unique], np.array(rows[name]),
                              vectors[name][unique])
        ms = 1000 * np.array(times[name])
        print(f"| {name} | {cosine.mean():.5f} | {cosine.min():.5f} | {recall:.3f} | "
              f"{np.median(ms):.1f} | {np.percentile(ms, 95):.1f} |")
    shutil.rmtree(cache, ignore_errors=True)
    print(f"\nload average at end: {load()}; total {time.perf_counter() - started:.0f}s")


if __name__ == "__main__":
    main()
