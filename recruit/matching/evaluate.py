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

from recruit.matching import lexical
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


def matching_rankings(
    embed: Callable[[list[MatchText], str], np.ndarray] | None,
    graduates: list[Item],
    vacancies: list[Item],
    model_name: str = "",
) -> dict[str, list[str]]:
    """The project's own ranking of every job for every graduate (embed=None: lexical signal only)."""
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
    rankings = {}
    for i, graduate in enumerate(graduates):
        text = graduate.match_text
        vector = graduate_vectors[i] if embed is not None else None
        query = f"{text.headline} {text.body}"
        ranked = [
            vacancies[m.owner_id].id
            for m in rank(
                vector,
                lexical.lexical_terms(query),
                vacancy_index,
                lexicon,
                k=len(vacancies),
                weight=lexical_weight(query, model_name),
            )
        ]
        seen = set(ranked)
        rankings[graduate.id] = ranked + [j.id for j in vacancies if j.id not in seen]
    return rankings
