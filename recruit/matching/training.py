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
    # The word-piece table stays as pre-trained: a few thousand pairs would move only the pieces they contain,
    # away from those of unseen programmes (and it is most of a multilingual model's weights).
    freeze_word_embeddings: bool = True
    # The trained weights blended back toward the base's by this share (`blend_with_base`): what held-out families
    # gained most from.
    base_share: float = 0.5


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
    """Shuffled batches with no false negatives: no graduate or job text twice, and no job text that is relevant
    to another graduate of the batch (many programmes share occupations: such a job is not a negative for them)."""
    relevant_texts: dict[str, set[str]] = defaultdict(set)
    for graduate_id, _, text in pairs:
        relevant_texts[graduate_id].add(text)
    pending = pairs[:]
    rng.shuffle(pending)
    batches = []
    while pending:
        batch, graduates, texts, wanted, rest = [], set(), set(), set(), []
        for pair in pending:
            graduate_id, _, text = pair
            clash = graduate_id in graduates or text in wanted or relevant_texts[graduate_id] & texts
            if len(batch) < size and not clash:
                batch.append(pair)
                graduates.add(graduate_id)
                texts.add(text)
                wanted |= relevant_texts[graduate_id]
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
    prefixes: tuple[str, str] = ("", ""),
) -> Path:
    """Fine-tune the sentence-transformers model at `base_model` on the pairs (each side after its prefix, as the
    encoder will embed them); save it to `out_dir`."""
    import torch
    from sentence_transformers import SentenceTransformer, losses

    torch.manual_seed(settings.seed)
    rng = random.Random(settings.seed)
    model = SentenceTransformer(base_model, device="cpu")
    model.max_seq_length = settings.max_tokens
    loss = losses.MultipleNegativesRankingLoss(model)
    if settings.freeze_word_embeddings:
        model[0].auto_model.get_input_embeddings().weight.requires_grad_(False)
    trained = [parameter for parameter in model.parameters() if parameter.requires_grad]
    optimizer = torch.optim.AdamW(trained, lr=settings.learning_rate)
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
            queries = tokenize([prefixes[0] + query for _, query, _ in batch])
            passages = tokenize([prefixes[1] + passage for _, _, passage in batch])
            value = loss([queries, passages], None)
            optimizer.zero_grad()
            value.backward()
            torch.nn.utils.clip_grad_norm_(trained, 1.0)
            optimizer.step()
            schedule.step()
            step += 1
            if progress is not None:
                progress(step, total)
    model.eval()
    out_dir.mkdir(parents=True, exist_ok=True)
    model.save(str(out_dir))
    return out_dir


def blend_with_base(base_model: str, tuned_model: str | Path, base_share: float, out_dir: Path) -> Path:
    """The fine-tuned weights moved back toward the base's (`base_share` of the base, the rest tuned; weight-space
    ensembling, "WiSE-FT"): it keeps more of what the base knew of programmes the pairs do not cover."""
    if base_share <= 0:
        return Path(tuned_model)
    from sentence_transformers import SentenceTransformer

    base = SentenceTransformer(base_model, device="cpu").state_dict()
    model = SentenceTransformer(str(tuned_model), device="cpu")
    tuned = model.state_dict()
    model.load_state_dict(
        {
            name: base_share * base[name] + (1 - base_share) * value if value.is_floating_point() else value
            for name, value in tuned.items()
        }  # fmt: skip
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    model.save(str(out_dir))
    return out_dir
