"""Matching: embedding throughput and fidelity, recommendation latency (exact and HNSW), index build, recall.

    python -m bench.matching --texts ../shared/data/matching-dev/jobs.csv --sizes 10000,100000,1000000

Throughput is measured on vacancy-length (60-word) texts cut from the given jobs.csv, batch 64, for the
unmodified model and for the int8 model the worker runs (with the cosine between their vectors). The
vacancy vectors for the latency figures are real embeddings of the same file's texts (about 2,000
windows) and noisy copies of them (cosine about 0.9 to their source), not uniform random vectors.
"""

from __future__ import annotations

import argparse
import csv
import random
import time

import numpy as np

from bench.common import emit
from recruit.matching.encoder import get_encoder
from recruit.matching.encoder_settings import EncoderSettings
from recruit.matching.index import VectorIndex, exact_top

BENCH = "matching"


def _texts(path: str, count: int, words: int = 60) -> list[str]:
    with open(path, encoding="utf-8", newline="") as handle:
        corpus = " ".join(row["text"] for row in csv.DictReader(handle)).split()
    rng = random.Random(7)
    return [" ".join(corpus[i : i + words]) for i in (rng.randrange(len(corpus) - words) for _ in range(count))]


def throughput(texts: list[str]) -> np.ndarray:
    """Texts per second of the full-precision and int8 model, and their agreement; returns int8 vectors."""
    vectors = {}
    for quantize in (False, True):
        encoder = get_encoder(EncoderSettings(quantize=quantize))
        encoder.passages(texts[:64])  # warm up
        rates = []
        for _ in range(3):
            started = time.perf_counter()
            vectors[quantize] = encoder.passages(texts)
            rates.append(len(texts) / (time.perf_counter() - started))
        emit(
            BENCH,
            "embed_texts_per_s",
            float(np.median(rates)),
            "texts/s",
            model=encoder.model_name,
            batch=64,
            words=60,
            max_tokens=128,
            runs=[round(r, 1) for r in rates],
        )
    agreement = (vectors[False] * vectors[True]).sum(axis=1)
    emit(BENCH, "int8_cosine_to_fp32_min", float(agreement.min()), "cosine")
    emit(BENCH, "int8_cosine_to_fp32_mean", float(agreement.mean()), "cosine")
    return vectors[True]


def _noisy_copies(base: np.ndarray, n: int, rng: np.random.Generator, noise: float = 0.45) -> np.ndarray:
    out = np.empty((n, base.shape[1]), dtype=np.float32)
    for start in range(0, n, 100_000):
        stop = min(n, start + 100_000)
        chunk = base[rng.integers(0, len(base), stop - start)]
        chunk = chunk + rng.normal(0, noise / np.sqrt(base.shape[1]), chunk.shape).astype(np.float32)
        out[start:stop] = chunk / np.linalg.norm(chunk, axis=1, keepdims=True)
    return out


def _percentiles(samples: list[float]) -> tuple[float, float]:
    return float(np.percentile(samples, 50)), float(np.percentile(samples, 95))


def latency(base: np.ndarray, sizes: list[int], queries: int) -> None:
    """Top-10 latency for one graduate at each size, exact and approximate, with build time, memory, recall."""
    rng = np.random.default_rng(11)
    for size in sizes:
        vectors = _noisy_copies(base, size, rng)
        probes = _noisy_copies(base, queries, rng)
        ids = np.arange(1, size + 1)
        exact_times, exact_answers = [], []
        for probe in probes:
            started = time.perf_counter()
            rows, _ = exact_top(vectors, probe, 10)
            exact_times.append((time.perf_counter() - started) * 1000)
            exact_answers.append(set(ids[rows].tolist()))
        p50, p95 = _percentiles(exact_times)
        emit(BENCH, "recommend_exact_p50_ms", p50, "ms", n=size)
        emit(BENCH, "recommend_exact_p95_ms", p95, "ms", n=size)

        index = VectorIndex(dim=vectors.shape[1], approximate_from=1)
        started = time.perf_counter()
        index.build(ids, vectors)
        emit(BENCH, "index_build_s", time.perf_counter() - started, "s", n=size, kind="usearch HNSW i8")
        graph_bytes = index._graph.memory_usage if index._graph is not None else 0
        emit(BENCH, "index_memory_mb", graph_bytes / 2**20, "MB", n=size, kind="usearch HNSW i8")
        emit(BENCH, "vectors_memory_mb", vectors.nbytes / 2**20, "MB", n=size, kind="float32 matrix")
        approx_times, recall = [], []
        for probe, truth in zip(probes, exact_answers, strict=True):
            started = time.perf_counter()
            found, _ = index.search(probe, 10)
            approx_times.append((time.perf_counter() - started) * 1000)
            recall.append(len(truth & set(found.tolist())) / 10)
        p50, p95 = _percentiles(approx_times)
        emit(BENCH, "recommend_approx_p50_ms", p50, "ms", n=size)
        emit(BENCH, "recommend_approx_p95_ms", p95, "ms", n=size)
        emit(BENCH, "approx_recall_at_10", float(np.mean(recall)), "ratio", n=size)
        del index, vectors


def main() -> None:
    """Run the matching benchmarks and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--texts", default="../shared/data/matching-dev/jobs.csv")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--throughput-texts", type=int, default=640)
    parser.add_argument("--base-texts", type=int, default=2000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    throughput(_texts(args.texts, args.throughput_texts))
    base = get_encoder(EncoderSettings()).passages(_texts(args.texts, args.base_texts, words=90))
    latency(base, [int(s) for s in args.sizes.split(",") if s], args.queries)


if __name__ == "__main__":
    main()
