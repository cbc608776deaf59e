"""Keeping the stored vectors and lexical terms fresh: run by the worker and by `recruit embed`, never the web.

A profile or vacancy needs embedding when it has no row for the current model, or when its text changed
after its row was computed (`text_changed_at` > `computed_at`). Text that hashes the same as the stored
row is not embedded again, only marked current; a new model name re-embeds everything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError

from recruit import clock
from recruit.matching import lexical
from recruit.matching.text import MatchText, job_match_text, pool, profile_match_text, views
from recruit.models import Embedding, EmbeddingOwner, GraduateProfile, Job, JobStatus

BATCH_SIZE = 64


@dataclass
class EmbedReport:
    """How many documents a run embedded, and how many only needed marking current."""

    embedded: int = 0
    unchanged: int = 0


def embed_documents(encoder, texts: list[MatchText], side: str) -> np.ndarray:
    """One pooled, normalised vector per text (all views of the batch encoded together)."""
    all_views: list[str] = []
    spans = []
    for text in texts:
        parts = views(text, side) or [""]
        spans.append((len(all_views), len(all_views) + len(parts)))
        all_views.extend(parts)
    encode = encoder.queries if side == "graduate" else encoder.passages
    vectors = encode(all_views)
    out = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
    for i, (start, end) in enumerate(spans):
        out[i] = pool(vectors[start:end], side)
    return out


def _stale(owner_type: EmbeddingOwner, owner_id_column, changed_column, model_name: str):
    embedding = select(Embedding.id).where(
        Embedding.owner_type == owner_type, Embedding.owner_id == owner_id_column,
        Embedding.model_name == model_name,
        or_(changed_column.is_(None), Embedding.computed_at >= changed_column))
    return ~embedding.exists()


def pending_graduates(session, model_name: str, limit: int) -> list[GraduateProfile]:
    """Profiles with text whose vector is missing or older than their text."""
    stale = _stale(EmbeddingOwner.GRADUATE, GraduateProfile.id, GraduateProfile.text_changed_at,
                   model_name)
    # The latest changes first: someone who just saved their profile is waiting for the page to fill.
    return list(session.scalars(select(GraduateProfile).where(GraduateProfile.major != "", stale)
                                .order_by(GraduateProfile.text_changed_at.desc().nulls_last(), GraduateProfile.id)
                                .limit(limit)))


def pending_jobs(session, model_name: str, limit: int) -> list[Job]:
    """Published vacancies whose vector is missing or older than their text."""
    stale = _stale(EmbeddingOwner.JOB, Job.id, Job.text_changed_at, model_name)
    return list(session.scalars(select(Job).where(Job.status == JobStatus.PUBLISHED, stale)
                                .order_by(Job.text_changed_at.desc().nulls_last(), Job.id).limit(limit)))


def store(session, encoder, owner_type: EmbeddingOwner, owners: list, texts: list[MatchText],
          read_at) -> EmbedReport:
    """Embed what changed among these owners' texts and write their rows (not committed)."""
    report = EmbedReport()
    ids = [owner.id for owner in owners]
    existing = {row.owner_id: row for row in session.scalars(select(Embedding).where(
        Embedding.owner_type == owner_type, Embedding.model_name == encoder.model_name,
        Embedding.owner_id.in_(ids)))}
    changed = [(owner_id, text) for owner_id, text in zip(ids, texts, strict=True)
               if owner_id not in existing or existing[owner_id].text_hash != text.digest]
    for owner_id, text in zip(ids, texts, strict=True):
        row = existing.get(owner_id)
        if row is not None and row.text_hash == text.digest:
            row.computed_at = read_at
            report.unchanged += 1
    if changed:
        side = "graduate" if owner_type == EmbeddingOwner.GRADUATE else "job"
        vectors = embed_documents(encoder, [text for _, text in changed], side)
        for (owner_id, text), vector in zip(changed, vectors, strict=True):
            row = existing.get(owner_id)
            if row is None:
                row = Embedding(owner_type=owner_type, owner_id=owner_id, model_name=encoder.model_name)
                session.add(row)
            row.text_hash = text.digest
            row.dim = int(vector.shape[0])
            row.vector = vector.astype(np.float32).tobytes()
            row.terms = " ".join(lexical.tokens(f"{text.headline} {text.body}"))
            row.computed_at = read_at
            row.updated_at = clock.now()
            report.embedded += 1
    return report


def embed_pending(session, encoder, batch_size: int = BATCH_SIZE, max_batches: int | None = None,
                  progress: Callable[[int], None] | None = None) -> EmbedReport:
    """Embed every changed profile and vacancy, one committed batch at a time; returns the totals.

    Vacancies and profiles take turns, so a long backlog of one side never holds up the other.
    """
    total = EmbedReport()
    batches = 0
    sides = [(EmbeddingOwner.GRADUATE, pending_graduates, profile_match_text),
             (EmbeddingOwner.JOB, pending_jobs, job_match_text)]
    while sides and (max_batches is None or batches < max_batches):
        owner_type, pending, text_of = sides.pop(0)
        read_at = clock.now()
        owners = pending(session, encoder.model_name, batch_size)
        if not owners:
            continue  # this side is done; it leaves the rotation
        try:
            report = store(session, encoder, owner_type, owners, [text_of(owner) for owner in owners], read_at)
            session.commit()
        except IntegrityError:  # another embedder wrote the same rows first: theirs stand
            session.rollback()
            report = EmbedReport()
        sides.append((owner_type, pending, text_of))
        total.embedded += report.embedded
        total.unchanged += report.unchanged
        batches += 1
        if progress is not None:
            progress(len(owners))
    return total


def count_pending(session, model_name: str) -> int:
    """How many profiles and vacancies wait for embedding."""
    graduates = session.scalar(select(func.count()).select_from(GraduateProfile).where(
        GraduateProfile.major != "",
        _stale(EmbeddingOwner.GRADUATE, GraduateProfile.id, GraduateProfile.text_changed_at,
               model_name)))
    jobs = session.scalar(select(func.count()).select_from(Job).where(
        Job.status == JobStatus.PUBLISHED, _stale(EmbeddingOwner.JOB, Job.id, Job.text_changed_at, model_name)))
    return int(graduates or 0) + int(jobs or 0)


def forget_model_rows(session, model_name: str) -> int:
    """Delete every stored vector of a model (after `recruit embed --all` with another one)."""
    rows = session.execute(Embedding.__table__.delete().where(Embedding.model_name == model_name))
    return rows.rowcount or 0

