"""Fine-tuning the sentence encoder on labelled graduate–job pairs, and cross-validation that holds out whole
programme families (CLI only: torch and sentence-transformers are imported inside the functions).

Training is contrastive: each (graduate text, relevant job text) pair is a positive and the other jobs of its batch
are the negatives (sentence-transformers' MultipleNegativesRankingLoss), with no two pairs of one graduate in a
batch (a graduate's other jobs are not negatives). The texts are those the matcher embeds (`Item.match_text`), cut
at the encoder's 128 word pieces.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from recruit.matching.evaluate import Item


@dataclass(frozen=True)
class TrainingSettings:
    """How to fine-tune: chosen by family-held-out cross-validation (`recruit eval --folds`)."""

    epochs: int = 1
    batch_size: int = 32
    max_tokens: int = 128
    learning_rate: float = 2e-5
    warmup_share: float = 0.1
    seed: int = 7


def family_of(graduate_id: str) -> str:
    """The programme family of a development-set graduate: the CIP 2-digit series ("04.0201" → "04"), or the
    Chinese discipline code's first four characters ("0802" of "080202")."""
    return graduate_id.split(".", 1)[0] if "." in graduate_id else graduate_id[:4]


def family_folds(graduate_ids: list[str], folds: int, seed: int = 7) -> list[set[str]]:
    """Graduate ids in `folds` groups, each family whole in one group, groups about equal in graduates."""
    by_family: dict[str, list[str]] = defaultdict(list)
    for graduate_id in graduate_ids:
        by_family[family_of(graduate_id)].append(graduate_id)
    families = sorted(by_family, key=lambda family: (-len(by_family[family]), family))
    random.Random(seed).shuffle(families)
    families.sort(key=lambda family: -len(by_family[family]))
    groups: list[set[str]] = [set() for _ in range(folds)]
    for family in families:  # the largest family first, into the smallest group so far
        min(groups, key=len).update(by_family[family])
    return groups


def training_pairs(
    graduates: list[Item], jobs: list[Item], relevant: dict[str, dict[str, float]]
) -> list[tuple[str, str, str]]:
    """(graduate id, graduate text, job text) for every relevant pair, texts as the matcher reads them."""
    job_by_id = {job.id: job for job in jobs}
    pairs = []
    for graduate in graduates:
        query = f"{graduate.match_text.headline}. {graduate.match_text.body}"
        for job_id, relevance in relevant.get(graduate.id, {}).items():
            if relevance > 0 and job_id in job_by_id:
                job = job_by_id[job_id]
                pairs.append((graduate.id, query, f"{job.match_text.headline}. {job.match_text.body}"))
    return pairs


def _batches(pairs: list[tuple[str, str, str]], size: int, rng: random.Random) -> list[list[tuple[str, str, str]]]:
    """Shuffled batches in which no graduate (and no job text) appears twice."""
    pending = pairs[:]
    rng.shuffle(pending)
    batches = []
    while pending:
        batch, graduates, texts, rest = [], set(), set(), []
        for pair in pending:
            if len(batch) < size and pair[0] not in graduates and pair[2] not in texts:
                batch.append(pair)
                graduates.add(pair[0])
                texts.add(pair[2])
            else:
                rest.append(pair)
        batches.append(batch)
        pending = rest
    return [batch for batch in batches if len(batch) > 1]


def fine_tune(
    base_model: str,
    pairs: list[tuple[str, str, str]],
    settings: TrainingSettings,
    out_dir: Path,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """Fine-tune the sentence-transformers model at `base_model` on the pairs; save it to `out_dir`."""
    import torch
    from sentence_transformers import SentenceTransformer, losses

    torch.manual_seed(settings.seed)
    rng = random.Random(settings.seed)
    model = SentenceTransformer(base_model, device="cpu")
    model.max_seq_length = settings.max_tokens
    loss = losses.MultipleNegativesRankingLoss(model)
    optimizer = torch.optim.AdamW(model.parameters(), lr=settings.learning_rate)
    epochs = [_batches(pairs, settings.batch_size, rng) for _ in range(settings.epochs)]
    total = sum(len(batches) for batches in epochs)
    warmup = max(1, int(total * settings.warmup_share))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min(1.0, (step + 1) / warmup) * max(0.0, (total - step) / max(1, total - warmup))
    )
    model.train()
    tokenize = getattr(model, "preprocess", None) or model.tokenize  # renamed in sentence-transformers 5.7
    step = 0
    for batches in epochs:
        for batch in batches:
            queries = tokenize([query for _, query, _ in batch])
            passages = tokenize([passage for _, _, passage in batch])
            value = loss([queries, passages], None)
            optimizer.zero_grad()
            value.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            step += 1
            if progress is not None:
                progress(step, total)
    model.eval()
    out_dir.mkdir(parents=True, exist_ok=True)
    model.save(str(out_dir))
    return out_dir
