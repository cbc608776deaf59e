"""An exported encoder: a folder holding the int8 ONNX model, its tokenizer and a description (`encoder.json`),
run by ONNX Runtime and the tokenizers library alone — no torch, so any process may load it.

`recruit train-encoder` writes such a folder (`export.export_folder`); `RECRUIT_EMBEDDING_MODEL` set to
its path makes the worker (and the CLI) embed with it. The name in `encoder.json` carries a digest of the weights,
so a retrained model has a new name and every profile and vacancy is embedded again.
"""

from __future__ import annotations

import json
import os
import queue
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

MANIFEST = "encoder.json"
ONNX_FILE = "model.int8.onnx"
TOKENIZER_FILE = "tokenizer.json"
CARD_FILE = "MODEL_CARD.md"
BATCH_SIZE = 64


@dataclass(frozen=True)
class Manifest:
    """What `encoder.json` says of the model: its name (stored with every vector), size and input conventions."""

    name: str
    dim: int
    max_tokens: int
    query_prefix: str
    passage_prefix: str
    input_names: tuple[str, ...]
    pad_id: int

    def to_json(self) -> str:
        """The manifest as written to `encoder.json`."""
        return json.dumps({**asdict(self), "input_names": list(self.input_names)}, ensure_ascii=False, indent=2)


def is_model_folder(path: str) -> bool:
    """True when `path` is a folder written by `recruit train-encoder` (it has an encoder.json)."""
    return bool(path) and os.path.isfile(os.path.join(path, MANIFEST))


@lru_cache(maxsize=8)
def read_manifest(path: str) -> Manifest:
    """The folder's encoder.json."""
    with open(os.path.join(path, MANIFEST), encoding="utf-8") as handle:
        raw = json.load(handle)
    return Manifest(**{**raw, "input_names": tuple(raw["input_names"])})


class OnnxRunner:
    """Encode with an ONNX file of a transformer: one single-threaded session per core, batches shared out between
    them, mean pooling over the attention mask, L2-normalised."""

    def __init__(self, onnx_path: Path, tokenize, input_names: list[str], query_prefix: str, passage_prefix: str):
        import onnxruntime

        self.tokenize = tokenize  # texts → {input name: int array, "attention_mask": …}
        self.input_names = input_names
        self.query_prefix, self.passage_prefix = query_prefix, passage_prefix
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.workers = max(1, os.cpu_count() or 1)
        self._sessions: queue.Queue = queue.Queue()
        for _ in range(self.workers):
            self._sessions.put(
                onnxruntime.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
            )
        self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="encoder")
        self.dim = int(self._run(["dimension probe"]).shape[1])

    def _run(self, texts: list[str]) -> np.ndarray:
        tokens = self.tokenize(texts)
        session = self._sessions.get()
        try:  # ONNX Runtime releases the GIL while it runs: the sessions work in parallel
            hidden = session.run(None, {name: tokens[name].astype(np.int64) for name in self.input_names})[0]
        finally:
            self._sessions.put(session)
        mask = tokens["attention_mask"][..., None].astype(np.float32)
        pooled = (hidden * mask).sum(axis=1) / np.maximum(mask.sum(axis=1), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        """Vectors in the order of `texts` (batched by length, so little padding is computed)."""
        prefix = self.query_prefix if is_query else self.passage_prefix
        texts = [prefix + text for text in texts]
        order = np.argsort([len(text) for text in texts], kind="stable")
        batches = [order[i : i + BATCH_SIZE] for i in range(0, len(order), BATCH_SIZE)]
        results = self._pool.map(lambda rows: self._run([texts[i] for i in rows]), batches)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for rows, vectors in zip(batches, results, strict=True):
            out[rows] = vectors
        return out


def _folder_tokenizer(path: str, manifest: Manifest):
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(os.path.join(path, TOKENIZER_FILE))
    tokenizer.enable_truncation(max_length=manifest.max_tokens)
    tokenizer.enable_padding(pad_id=manifest.pad_id)

    def tokenize(texts: list[str]) -> dict[str, np.ndarray]:
        encodings = tokenizer.encode_batch([_clean(text) for text in texts])
        return {
            "input_ids": np.array([e.ids for e in encodings]),
            "attention_mask": np.array([e.attention_mask for e in encodings]),
            "token_type_ids": np.array([e.type_ids for e in encodings]),
        }

    return tokenize


def _clean(text: str) -> str:
    """Unpaired surrogates (which no tokenizer can encode) dropped."""
    return text.encode("utf-8", "ignore").decode("utf-8")


class OnnxFolderBackend:
    """The encoder backend of an exported folder (see the module docstring)."""

    def __init__(self, path: str):
        manifest = read_manifest(path)
        self.manifest = manifest
        self.runner = OnnxRunner(
            Path(path) / ONNX_FILE,
            _folder_tokenizer(path, manifest),
            list(manifest.input_names),
            manifest.query_prefix,
            manifest.passage_prefix,
        )
        self.dim = manifest.dim

    def encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        """Vectors of `texts`, as queries (graduates) or passages (vacancies)."""
        return self.runner.encode(texts, is_query)
