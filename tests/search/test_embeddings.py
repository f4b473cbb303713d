"""The shipped embedding backend makes torch's vectors (to cosine 0.99) on real corpus text, is
exported from the local model with no network and nothing fetched, and falls back to torch."""
from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from search.embeddings import (DEFAULT_BACKEND, MODEL_NAME, Backend, Embedder, export_onnx,
                               vectors_name)

REPO = Path(__file__).resolve().parents[2]

# In a fresh interpreter: every socket connection refused and recorded, an empty Hugging Face
# home, HF_HUB_OFFLINE=1; export the default backend into a new cache, embed real chunks with it
# and with torch, and report.
_OFFLINE_RUN = r"""
import json, socket, sys
from pathlib import Path
attempts = []
def refuse(self, address, *a, **k):
    attempts.append(repr(address))
    raise OSError("network disabled in this test")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = lambda address, *a, **k: refuse(None, address)

from ingest import read_document
from search.chunking import chunk_document, embedding_text
from search.embeddings import Backend, DEFAULT_BACKEND, Embedder

texts = []
for path in sys.argv[2:]:
    document = read_document(path)
    texts += [embedding_text(c, document.title_hint) for c in chunk_document(document)]
chosen = Embedder(cache_dir=Path(sys.argv[1]))
reference = Embedder(backend=Backend.TORCH)
ours, theirs = chosen.embed(texts), reference.embed(texts)
query = "how much is Portsmouth paying towards the RCC"
print(json.dumps({
    "backend": chosen.backend.value, "name": chosen.name, "texts": len(texts),
    "cosines": (ours * theirs).sum(axis=1).tolist(),
    "query_cosine": float(chosen.embed_query(query) @ reference.embed_query(query)),
    "attempts": attempts}))
"""


@pytest.fixture(scope="module")
def offline_run(tmp_path_factory, corpus_files) -> dict:
    tmp = tmp_path_factory.mktemp("offline")
    hf_home = tmp / "hf-home"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "TRANSFORMERS_"))}
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", HF_HOME=str(hf_home),
               TOKENIZERS_PARALLELISM="false", PYTHONPATH=str(REPO))
    papers = [str(p) for p in corpus_files[:2]]
    done = subprocess.run([sys.executable, "-c", _OFFLINE_RUN, str(tmp / "cache"), *papers],
                          capture_output=True, text=True, env=env, cwd=REPO, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["hf_home_files"] = sorted(str(p) for p in hf_home.rglob("*")) if hf_home.exists() else []
    result["cache"] = tmp / "cache"
    result["cache_files"] = sorted(p.name for p in result["cache"].iterdir())
    return result


def test_default_backend_agrees_with_torch_on_real_text(offline_run):
    cosines = np.array(offline_run["cosines"])
    assert offline_run["texts"] >= 10
    assert cosines.mean() >= 0.99 and cosines.min() >= 0.98
    assert offline_run["query_cosine"] >= 0.99


def test_export_uses_no_network_and_fetches_nothing(offline_run):
    assert offline_run["backend"] == DEFAULT_BACKEND.value  # exported, not fallen back to torch
    assert offline_run["name"] == vectors_name(DEFAULT_BACKEND)
    assert offline_run["attempts"] == []
    assert offline_run["hf_home_files"] == []
    if DEFAULT_BACKEND is not Backend.TORCH:  # one model file, no leftovers of the export
        assert len(offline_run["cache_files"]) == 1
        assert offline_run["cache_files"][0].endswith(".onnx")


def test_an_exported_model_is_reused_not_exported_again(offline_run):
    if DEFAULT_BACKEND is Backend.TORCH:
        pytest.skip("torch needs no export")
    exported = offline_run["cache"] / offline_run["cache_files"][0]
    stamp = exported.stat().st_mtime_ns
    assert export_onnx(offline_run["cache"], DEFAULT_BACKEND) == exported
    assert exported.stat().st_mtime_ns == stamp


def test_failed_export_falls_back_to_torch_with_one_warning(tmp_path, caplog):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    embedder = Embedder(backend=Backend.ONNX_INT8, cache_dir=blocked)
    with caplog.at_level(logging.WARNING, logger="search.embeddings"):
        vectors = embedder.embed(["The committee approved the pothole repair programme."])
        embedder.embed_query("pothole repairs")
    assert embedder.backend is Backend.TORCH and embedder.name == MODEL_NAME
    assert vectors.shape == (1, embedder.dimension)
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and "\n" not in warnings[0].getMessage()
