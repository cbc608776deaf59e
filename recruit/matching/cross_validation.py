"""Family-held-out cross-validation of the fine-tuned encoder (CLI only).

Each labelled set's graduates are cut into folds that keep every programme family (CIP series; Chinese discipline
class) whole. Fold k of every set is held out together, the base is fine-tuned on the rest of all sets, exported
as the worker would run it (int8 ONNX) and each held-out fold is ranked against all of its set's jobs with the
project's matching. The figure reported per set is the mean over folds, weighted by graduates, beside the base
model's on the same graduates.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from recruit.matching import evaluate, training
from recruit.matching.encoder import Encoder
from recruit.matching.encoder_settings import EncoderSettings


@dataclass(frozen=True)
class FoldResult:
    """One fold of one set: its held-out graduates, and their scores before and after fine-tuning without them."""

    labelled_set: str
    graduates: int
    families: int
    before: evaluate.Scores
    after: dict[float, evaluate.Scores]  # by the share of the base's weights kept (`training.blend_with_base`)


def _scores(encoder: Encoder, graduates, jobs, relevant, embed) -> evaluate.Scores:
    scored = evaluate.matching_scores(
        lambda texts, side: embed(encoder, texts, side), graduates, jobs, encoder.model_name
    )
    return evaluate.score_rankings({g: [j for j, _ in r] for g, r in scored.items()}, relevant)


def _exported(model_path: str, prefixes: tuple[str, str], settings: training.TrainingSettings, out: Path) -> Encoder:
    from sentence_transformers import SentenceTransformer

    from recruit.matching.export import export_folder

    model = SentenceTransformer(model_path, device="cpu")
    model.max_seq_length = settings.max_tokens
    export_folder(model, out, f"recruit-cv-{out.name}", prefixes, settings.max_tokens, "cross-validation fold\n")
    return Encoder(EncoderSettings(model=str(out)))


def cross_validate(
    base: str,
    sets: list,
    settings: training.TrainingSettings,
    folds: int,
    embed: Callable,
    say: Callable[[str], None] = print,
    base_shares: tuple[float, ...] = (0.0,),
) -> list[FoldResult]:
    """Train on all folds but one of every set, measure the one left out, for each fold in turn; each fine-tuned
    model is measured as trained and blended with the base at each of `base_shares`."""
    from recruit.matching.encoder_training import base_model

    work = Path(tempfile.mkdtemp(prefix="recruit-cv-"))
    try:
        base_path, prefixes = base_model(base, work)
        base_encoder = _exported(base_path, prefixes, replace_epochs(settings, 0), work / "base")
        groups = {s.name: training.family_folds([g.id for g in s.graduates], folds, settings.seed) for s in sets}
        results = []
        for number in range(folds):
            held = {s.name: groups[s.name][number] for s in sets}
            pairs = [p for s in sets for p in s.pairs() if p[0].split(":", 1)[1] not in held[s.name]]
            tuned_path = training.fine_tune(base_path, pairs, settings, work / f"fold{number + 1}", None, prefixes)
            tuned = {}
            for share in base_shares:
                path = training.blend_with_base(base_path, tuned_path, share, work / f"fold{number + 1}-{share}")
                tuned[share] = _exported(str(path), prefixes, settings, work / f"fold{number + 1}-{share}-onnx")
            for labelled in sets:
                graduates = [g for g in labelled.graduates if g.id in held[labelled.name]]
                result = FoldResult(
                    labelled_set=labelled.name,
                    graduates=len(graduates),
                    families=len({training.family_of(g.id) for g in graduates}),
                    before=_scores(base_encoder, graduates, labelled.jobs, labelled.relevant, embed),
                    after={
                        share: _scores(encoder, graduates, labelled.jobs, labelled.relevant, embed)
                        for share, encoder in tuned.items()
                    },
                )
                afters = "; ".join(f"base share {share}: {scores.line()}" for share, scores in result.after.items())
                say(
                    f"fold {number + 1}, {labelled.name}: {result.families} families, {result.graduates} graduates "
                    f"held out, {len(pairs)} pairs trained on; before {result.before.line()}; after {afters}"
                )
                results.append(result)
        return results
    finally:
        shutil.rmtree(work, ignore_errors=True)


def replace_epochs(settings: training.TrainingSettings, epochs: int) -> training.TrainingSettings:
    """The same settings with another number of epochs."""
    from dataclasses import replace

    return replace(settings, epochs=epochs)


def mean_line(results: list[FoldResult], labelled_set: str, share: float | None = None) -> str:
    """One set's fold scores averaged, weighted by their graduates: before fine-tuning (share None), or after it
    with that share of the base's weights kept."""
    chosen = [r for r in results if r.labelled_set == labelled_set]
    total = sum(r.graduates for r in chosen)

    def mean(name: str) -> float:
        return sum(getattr(r.before if share is None else r.after[share], name) * r.graduates for r in chosen) / total

    return evaluate.Scores(mean("recall"), mean("ndcg"), mean("mrr")).line()
