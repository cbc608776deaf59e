"""Measuring matching quality on a labelled set: recall@10, nDCG@10 and MRR, against plain cosine.

The set's text columns stand in for profile and vacancy text: a graduate's title is their major and
its text their profile; a job's title is the vacancy title and its text the description. The project's
matching embeds them as it embeds real profiles (views, pooled), adds the lexical signal and ranks every
job for every graduate with the same ranking code the web process uses.
"""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from recruit.matching import calibration, exposure, lexical
from recruit.matching.index import VectorIndex
from recruit.matching.lexical import LexicalIndex
from recruit.matching.ranking import lexical_weight, rank
from recruit.matching.text import MatchText
from recruit.models.matching import EmbeddingOwner

K = 10


@dataclass(frozen=True)
class Item:
    """One row of graduates.csv or jobs.csv."""

    id: str
    title: str
    text: str

    @property
    def match_text(self) -> MatchText:
        """The row as the matcher sees a profile or vacancy."""
        return MatchText(headline=" ".join(self.title.split()), body=" ".join(self.text.split()))


@dataclass(frozen=True)
class Scores:
    """The three figures, averaged over graduates with at least one relevant job."""

    recall: float
    ndcg: float
    mrr: float

    def line(self) -> str:
        """As printed: recall@10=… ndcg@10=… mrr=…"""
        return f"recall@{K}={self.recall:.3f} ndcg@{K}={self.ndcg:.3f} mrr={self.mrr:.3f}"


def read_items(path: str) -> list[Item]:
    """Rows of a graduates.csv or jobs.csv (columns id,title,text)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return [Item(row["id"], row["title"], row["text"]) for row in csv.DictReader(handle)]


def read_relevance(path: str) -> dict[str, dict[str, float]]:
    """relevant.csv (graduate_id,job_id,relevance) as {graduate id: {job id: relevance}}."""
    relevant: dict[str, dict[str, float]] = defaultdict(dict)
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            relevant[row["graduate_id"]][row["job_id"]] = float(row["relevance"])
    return relevant


def score_rankings(rankings: dict[str, list[str]], relevant: dict[str, dict[str, float]]) -> Scores:
    """Recall@10, nDCG@10 (gain 2^rel − 1) and MRR of ranked job ids per graduate."""
    recall = ndcg = mrr = 0.0
    counted = 0
    for graduate_id, ranked in rankings.items():
        wanted = relevant.get(graduate_id)
        if not wanted:
            continue
        counted += 1
        top = ranked[:K]
        recall += sum(1 for vacancy_id in top if wanted.get(vacancy_id, 0) > 0) / len(wanted)
        dcg = sum((2 ** wanted.get(vacancy_id, 0) - 1) / math.log2(i + 2) for i, vacancy_id in enumerate(top))
        ideal = sorted(wanted.values(), reverse=True)[:K]
        ndcg += dcg / sum((2**rel - 1) / math.log2(i + 2) for i, rel in enumerate(ideal))
        mrr += next((1 / (i + 1) for i, vacancy_id in enumerate(ranked) if wanted.get(vacancy_id, 0) > 0), 0.0)
    counted = max(counted, 1)
    return Scores(recall / counted, ndcg / counted, mrr / counted)


def baseline_rankings(encoder, graduates: list[Item], vacancies: list[Item]) -> dict[str, list[str]]:
    """Plain cosine of the model's vectors of the text as given."""
    queries = encoder.queries([g.text for g in graduates])
    passages = encoder.passages([j.text for j in vacancies])
    order = np.argsort(-(queries @ passages.T), axis=1)
    return {g.id: [vacancies[i].id for i in row] for g, row in zip(graduates, order, strict=True)}


def matching_scores(
    embed: Callable[[list[MatchText], str], np.ndarray] | None,
    graduates: list[Item],
    vacancies: list[Item],
    model_name: str = "",
) -> dict[str, list[tuple[str, float]]]:
    """The project's own ranking of every job for every graduate with each job's content score, best first
    (embed=None: lexical signal only); jobs outside the candidate pool follow with no score (nan)."""
    vacancy_index = VectorIndex(dim=1)
    if embed is not None:
        vacancy_vectors = embed([j.match_text for j in vacancies], EmbeddingOwner.VACANCY)
        graduate_vectors = embed([g.match_text for g in graduates], EmbeddingOwner.GRADUATE)
        vacancy_index = VectorIndex(dim=vacancy_vectors.shape[1])
        vacancy_index.build(np.arange(len(vacancies)), vacancy_vectors)
    lexicon = LexicalIndex()
    lexicon.upsert(
        range(len(vacancies)),
        [lexical.lexical_terms(f"{j.match_text.headline} {j.match_text.body}") for j in vacancies],
    )
    scored = {}
    for i, graduate in enumerate(graduates):
        text = graduate.match_text
        vector = graduate_vectors[i] if embed is not None else None
        query = f"{text.headline} {text.body}"
        ranked = [
            (vacancies[m.owner_id].id, m.content)
            for m in rank(
                vector,
                lexical.lexical_terms(query),
                vacancy_index,
                lexicon,
                k=len(vacancies),
                weight=lexical_weight(query, model_name),
            )
        ]
        seen = {job_id for job_id, _ in ranked}
        scored[graduate.id] = ranked + [(j.id, math.nan) for j in vacancies if j.id not in seen]
    return scored


def matching_rankings(
    embed: Callable[[list[MatchText], str], np.ndarray] | None,
    graduates: list[Item],
    vacancies: list[Item],
    model_name: str = "",
) -> dict[str, list[str]]:
    """The project's own ranking of every job for every graduate (embed=None: lexical signal only)."""
    scored = matching_scores(embed, graduates, vacancies, model_name)
    return {graduate_id: [job_id for job_id, _ in ranked] for graduate_id, ranked in scored.items()}


CALIBRATED_DEPTH = 50  # the pairs a curve is fitted on: each graduate's best 50 (what a list could show)


def calibration_report(
    scored: dict[str, list[tuple[str, float]]],
    relevant: dict[str, dict[str, float]],
    shares: dict[str, float],
    model_name: str,
) -> str:
    """The curve this set fits (score → chance of a right match) and, under the shipped curves, each label's share
    of right pairs among the graduates' best 50 (`shares`: each graduate's share of Chinese text)."""
    scores, right, labels = [], [], defaultdict(lambda: [0, 0])
    for graduate_id, ranked in scored.items():
        wanted = relevant.get(graduate_id)
        if not wanted:
            continue
        for job_id, score in ranked[:CALIBRATED_DEPTH]:
            if math.isnan(score):
                continue
            is_right = wanted.get(job_id, 0) > 0
            scores.append(score)
            right.append(is_right)
            label = calibration.strength(calibration.likelihood(score, shares[graduate_id], model_name))
            labels[label][0] += is_right
            labels[label][1] += 1
    curve = calibration.fit_curve(scores, right)
    bands = ", ".join(
        f"{label.value} {labels[label][0] / labels[label][1]:.0%} right of {labels[label][1]}"
        for label in calibration.Strength
        if labels[label][1]
    )
    return f"calibration: slope={curve.slope:.3f} intercept={curve.intercept:.3f}; shipped labels: {bands}"


@dataclass(frozen=True)
class Exposure:
    """How evenly the top 10s spread over the items that could be shown."""

    never_shown: float  # share of items in nobody's top 10
    gini: float  # of top-10 appearances across items (0: all equal, 1: one item takes all)

    def line(self) -> str:
        """As printed."""
        return f"never shown {self.never_shown:.1%}, gini {self.gini:.3f}"


def gini(counts: list[int]) -> float:
    """The Gini coefficient of non-negative counts (0 when all are equal)."""
    values = np.sort(np.asarray(counts, dtype=float))
    if not len(values) or values.sum() == 0:
        return 0.0
    ranks = np.arange(1, len(values) + 1)
    return float((2 * (ranks * values).sum()) / (len(values) * values.sum()) - (len(values) + 1) / len(values))


def exposure_of(top_lists: list[list], items: list) -> Exposure:
    """The spread of appearances in the given top lists over `items`."""
    appearances = dict.fromkeys(items, 0)
    for top in top_lists:
        for item in top:
            if item in appearances:
                appearances[item] += 1
    counts = list(appearances.values())
    return Exposure(sum(1 for n in counts if n == 0) / max(1, len(counts)), gini(counts))


def exposure_rankings(
    scored: dict[str, list[tuple[str, float]]],
    job_ids: list[str],
    shares: dict[str, float],
    model_name: str = "",
    seed: int = 7,
    depth: int = 60,
) -> dict[str, list[str]]:
    """Each graduate's ranking when graduates come one by one (in a seeded random order) and what earlier ones were
    shown in their top 10s fills the discovery places as the app does (`exposure.with_picks`)."""
    shown: dict[str, int] = dict.fromkeys(job_ids, 0)
    total = 0
    order = list(scored)
    np.random.default_rng(seed).shuffle(order)
    rankings = {}
    for graduate_id in order:
        ranked = scored[graduate_id]
        head = [(job_id, score) for job_id, score in ranked[:depth] if not math.isnan(score)]
        fair_share = total / len(job_ids) if total else 0.0
        if fair_share:
            share = shares.get(graduate_id, 0.0)
            head, _ = exposure.with_picks(
                head,
                lambda pair: pair[1],
                lambda pair, fair_share=fair_share: shown[pair[0]] / fair_share if shown[pair[0]] else None,
                K,
                lambda score, share=share: calibration.likelihood(score, share, model_name),
            )
        moved = [job_id for job_id, _ in head]
        kept = set(moved)
        rankings[graduate_id] = moved + [job_id for job_id, _ in ranked if job_id not in kept]
        for job_id in rankings[graduate_id][:K]:
            shown[job_id] += 1
        total += K
    return rankings
