"""Writing a trained sentence-transformers model as an encoder folder (`model_folder`): the transformer exported
to ONNX with int8 weights per channel, its tokenizer as one tokenizer.json, encoder.json and a model card
(CLI only: torch is imported by the export)."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from recruit.matching import model_folder, onnx_backend

DIGEST_CHARS = 10


def file_digest(path: Path) -> str:
    """SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def export_folder(
    model, out_dir: Path, stem: str, prefixes: tuple[str, str], max_tokens: int, card: str
) -> model_folder.Manifest:
    """Write `model` to `out_dir` (replaced whole, never half-written); its name is `stem` and a weights digest."""
    tokenizer = model.tokenizer
    input_names = [n for n in ("input_ids", "attention_mask", "token_type_ids") if n in tokenizer.model_input_names]
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".export-", dir=out_dir.parent))
    try:
        cache = work / "cache"
        built = onnx_backend._build(model, cache, "model", input_names)
        os.replace(built, work / model_folder.ONNX_FILE)
        shutil.rmtree(cache)
        tokenizer.backend_tokenizer.save(str(work / model_folder.TOKENIZER_FILE))
        manifest = model_folder.Manifest(
            name=f"{stem}-{file_digest(work / model_folder.ONNX_FILE)[:DIGEST_CHARS]}",
            dim=int((getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension)()),
            max_tokens=max_tokens,
            query_prefix=prefixes[0],
            passage_prefix=prefixes[1],
            input_names=tuple(input_names),
            pad_id=int(tokenizer.pad_token_id or 0),
        )
        (work / model_folder.MANIFEST).write_text(manifest.to_json() + "\n", encoding="utf-8")
        (work / model_folder.CARD_FILE).write_text(card.replace("{name}", manifest.name), encoding="utf-8")
        if out_dir.exists():
            shutil.rmtree(out_dir)
        os.replace(work, out_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    model_folder.read_manifest.cache_clear()
    return manifest
