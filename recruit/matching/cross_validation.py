"""Family-held-out cross-validation of the fine-tuned encoder: each fold's families are left out of training and
ranked against every job with the project's matching; the figure reported is the mean over folds (CLI only)."""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from recruit.matching import evaluate, training
from recruit.matching.encoder import Encoder
from recruit.matching.encoder_settings import EncoderSettings


@dataclass(frozen=True)
class FoldResult:
    """One fold: its held-out graduates, and their scores before and after fine-tuning without them."""

    graduates: int
    families: int
    before: evaluate.Scores
    after: evaluate.Scores


def _scores(encoder: Encoder, graduates, jobs, relevant, embed) -> evaluate.Scores:
    scored = evaluate.matching_scores(
        lambda texts, side: embed(encoder, texts, side), graduates, jobs, encoder.model_name
    )
    return evaluate.score_rankings({g: [j for j, _ in r] for g, r in scored.items()}, relevant)


def cross_validate(
    base: EncoderSettings,
    graduates: list[evaluate.Item],
    jobs: list[evaluate.Item],
    relevant: dict[str, dict[str, float]],
    settings: training.TrainingSettings,
    folds: int,
    embed: Callable,
    base_path: str,
    say: Callable[[str], None] = print,
) -> list[FoldResult]:
    """Train on all folds but one, measure the one left out (whole families), for each fold in turn."""
    groups = training.family_folds([g.id for g in graduates], folds, settings.seed)
    pairs = training.training_pairs(graduates, jobs, relevant)
    work = Path(tempfile.mkdtemp(prefix="recruit-cv-"))
    base_encoder = Encoder(base)
    results = []
    for number, held in enumerate(groups, start=1):
        held_graduates = [g for g in graduates if g.id in held]
        fold_pairs = [pair for pair in pairs if pair[0] not in held]
        path = training.fine_tune(base_path, fold_pairs, settings, work / f"fold{number}-{uuid.uuid4().hex[:8]}")
        tuned = Encoder(replace(base, model=str(path), cache_dir=str(work / "onnx")))
        result = FoldResult(
            graduates=len(held_graduates),
            families=len({training.family_of(g.id) for g in held_graduates}),
            before=_scores(base_encoder, held_graduates, jobs, relevant, embed),
            after=_scores(tuned, held_graduates, jobs, relevant, embed),
        )
        say(
            f"fold {number}: {result.families} families, {result.graduates} graduates held out, "
            f"{len(fold_pairs)} pairs trained on; before {result.before.line()}; after {result.after.line()}"
        )
        results.append(result)
    return results


def mean_line(results: list[FoldResult], attribute: str) -> str:
    """The folds' scores averaged, weighted by their graduates."""
    total = sum(r.graduates for r in results)

    def mean(name: str) -> float:
        return sum(getattr(getattr(r, attribute), name) * r.graduates for r in results) / total

    return evaluate.Scores(mean("recall"), mean("ndcg"), mean("mrr")).line()
