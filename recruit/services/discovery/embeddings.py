"""Keeping the stored vectors and lexical terms fresh: run by the worker and by `recruit embed`, never the web.

A profile or vacancy needs embedding when it has no row for the current model, or when its text changed
after its row was computed (`text_changed_at` > `computed_at`). Text that hashes the same as the stored
row is not embedded again, only marked current; a new model name re-embeds everything.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError

from recruit import clock
from recruit.database import reading
from recruit.matching import lexical
from recruit.matching.text import MatchText, pool, profile_match_text, vacancy_match_text, views
from recruit.models import Embedding, EmbeddingOwner, GraduateProfile, Vacancy, VacancyStatus

BATCH_SIZE = 64


@dataclass
class EmbedReport:
    """How many documents a run embedded, and how many only needed marking current."""

    embedded: int = 0
    unchanged: int = 0


def embed_documents(encoder, texts: list[MatchText], side: EmbeddingOwner) -> np.ndarray:
    """One pooled, normalised vector per text (all views of the batch encoded together)."""
    all_views: list[str] = []
    spans = []
    for text in texts:
        parts = views(text, side) or [""]
        spans.append((len(all_views), len(all_views) + len(parts)))
        all_views.extend(parts)
    encode = encoder.queries if side is EmbeddingOwner.GRADUATE else encoder.passages
    vectors = encode(all_views)
    out = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
    for i, (start, end) in enumerate(spans):
        out[i] = pool(vectors[start:end], side)
    return out


def _stale(owner_type: EmbeddingOwner, owner_id_column, changed_column, model_name: str):
    embedding = select(Embedding.id).where(
        Embedding.owner_type == owner_type,
        Embedding.owner_id == owner_id_column,
        Embedding.model_name == model_name,
        or_(changed_column.is_(None), Embedding.computed_at >= changed_column),
    )
    return ~embedding.exists()


RECENT = timedelta(minutes=30)


@dataclass(frozen=True)
class _Side:
    owner_type: EmbeddingOwner
    model: type
    has_text: object  # the condition for having anything to embed
    text_of: Callable

    def pending(self, session, model_name: str, limit: int, after_id: int = 0, recent: bool = False) -> list:
        """Owners whose vector is missing or older than their text: recent changes newest first (through the
        index on text_changed_at), or the backlog in id order from `after_id` (through the primary key), so
        that a million-row backlog costs one pass, not one scan per batch."""
        model = self.model
        stale = _stale(self.owner_type, model.id, model.text_changed_at, model_name)
        statement = select(model).where(self.has_text, stale)
        if recent:
            now = clock.now()  # a change stamped in the future (a skewed clock) waits for the backlog pass
            statement = statement.where(model.text_changed_at >= now - RECENT, model.text_changed_at <= now).order_by(
                model.text_changed_at.desc(), model.id
            )
        else:
            statement = statement.where(model.id > after_id).order_by(model.id)
        return list(session.scalars(statement.limit(limit)))


SIDES = {
    EmbeddingOwner.GRADUATE: _Side(
        EmbeddingOwner.GRADUATE, GraduateProfile, GraduateProfile.major != "", profile_match_text
    ),
    EmbeddingOwner.VACANCY: _Side(
        EmbeddingOwner.VACANCY, Vacancy, Vacancy.status == VacancyStatus.PUBLISHED, vacancy_match_text
    ),
}


@dataclass(frozen=True)
class _Computed:
    owner_id: int
    digest: str
    vector: np.ndarray
    terms: str


def _rows(session, owner_type: EmbeddingOwner, model_name: str, ids: list[int]) -> dict[int, Embedding]:
    return {
        row.owner_id: row
        for row in session.scalars(
            select(Embedding).where(
                Embedding.owner_type == owner_type, Embedding.model_name == model_name, Embedding.owner_id.in_(ids)
            )
        )
    }


def compute(encoder, owner_type: EmbeddingOwner, texts: list[tuple[int, MatchText]]) -> list[_Computed]:
    """Vectors and lexical terms of these (owner id, text) pairs; touches no database."""
    if not texts:
        return []
    # The model runs outside the GIL: cut the words for the lexical index meanwhile.
    with ThreadPoolExecutor(max_workers=1) as executor:
        pending = executor.submit(embed_documents, encoder, [text for _, text in texts], owner_type)
        terms = [" ".join(lexical.lexical_terms(f"{text.headline} {text.body}")) for _, text in texts]
        vectors = pending.result()
    return [
        _Computed(owner_id, text.digest, vector.astype(np.float32), words)
        for (owner_id, text), vector, words in zip(texts, vectors, terms, strict=True)
    ]


def record(
    session,
    owner_type: EmbeddingOwner,
    model_name: str,
    texts: list[tuple[int, str]],
    computed: list[_Computed],
    read_at,
) -> EmbedReport:
    """Write the computed rows, and mark current the rows whose text is unchanged (flushed, not committed).

    `texts` are (owner id, digest) of every owner read at `read_at`; a row already holding the digest is only
    marked current, whoever computed it.
    """
    report = EmbedReport()
    existing = _rows(session, owner_type, model_name, [owner_id for owner_id, _ in texts])
    fresh = {item.owner_id: item for item in computed}
    now = clock.now()
    for owner_id, digest in texts:
        row = existing.get(owner_id)
        if row is not None and row.text_hash == digest:
            row.computed_at = read_at
            report.unchanged += 1
            continue
        item = fresh.get(owner_id)
        if item is None:  # changed again by another embedder since we read: theirs is newer
            continue
        if row is None:
            row = Embedding(owner_type=owner_type, owner_id=owner_id, model_name=model_name)
            session.add(row)
        row.text_hash = item.digest
        row.dim = int(item.vector.shape[0])
        row.vector = item.vector.tobytes()
        row.terms = item.terms
        row.computed_at = read_at
        row.updated_at = now
        report.embedded += 1
    session.flush()
    return report


def store(session, encoder, owner_type: EmbeddingOwner, owners: list, texts: list[MatchText], read_at) -> EmbedReport:
    """Embed what changed among these owners' texts and write their rows in the session's transaction.

    For callers that hold no lock while computing anyway (tests, evaluation); the worker goes through
    `embed_pending`, which reads, computes and writes in separate steps.
    """
    pairs = list(zip([owner.id for owner in owners], texts, strict=True))
    existing = _rows(session, owner_type, encoder.model_name, [owner_id for owner_id, _ in pairs])
    changed = [
        (owner_id, text)
        for owner_id, text in pairs
        if owner_id not in existing or existing[owner_id].text_hash != text.digest
    ]
    computed = compute(encoder, owner_type, changed)
    return record(session, owner_type, encoder.model_name, [(i, t.digest) for i, t in pairs], computed, read_at)


def _read_batch(session, side: _Side, model_name: str, batch_size: int, after_id: int):
    """One batch to embed, read as plain data: (owner id, text) pairs, the changed ones, and the backlog cursor
    (None when this side is done)."""
    owners = side.pending(session, model_name, batch_size, recent=True)
    cursor = after_id
    if not owners:
        owners = side.pending(session, model_name, batch_size, after_id=after_id)
        if not owners:
            return [], [], None
        cursor = owners[-1].id
    pairs = [(owner.id, side.text_of(owner)) for owner in owners]
    existing = _rows(session, side.owner_type, model_name, [owner_id for owner_id, _ in pairs])
    changed = [
        (owner_id, text)
        for owner_id, text in pairs
        if owner_id not in existing or existing[owner_id].text_hash != text.digest
    ]
    return pairs, changed, cursor


def embed_pending(
    session,
    encoder,
    *,
    commit_batch: Callable[[], None],
    batch_size: int = BATCH_SIZE,
    max_batches: int | None = None,
    progress: Callable[[int], None] | None = None,
    owner_types: tuple[EmbeddingOwner, ...] = tuple(EmbeddingOwner),
) -> EmbedReport:
    """Embed every changed profile and vacancy, one committed batch at a time; returns the totals.

    Recent changes go first and are looked for again before every backlog batch, so a graduate who saves a
    profile during a long re-embedding still waits seconds, not hours; the sides take turns.

    Each batch is three steps, so that no transaction is open while the model runs: read the texts (a reader's
    transaction, ended at once), compute, then write the rows in a short transaction of their own, committed
    here (the batch is the unit of work). A crash loses at most the batch being computed: its owners are
    still pending and are read again.
    """
    total = EmbedReport()
    batches = 0
    cursors = {owner_type: 0 for owner_type in owner_types}
    while cursors and (max_batches is None or batches < max_batches):
        for owner_type in list(cursors):
            side = SIDES[owner_type]
            read_at = clock.now()
            with reading():
                pairs, changed, cursor = _read_batch(session, side, encoder.model_name, batch_size, cursors[owner_type])
                session.rollback()  # end the read: nothing is held while the model runs
            if cursor is None:
                del cursors[owner_type]  # this side is done
                continue
            cursors[owner_type] = cursor
            computed = compute(encoder, owner_type, changed)
            try:
                report = record(
                    session, owner_type, encoder.model_name, [(i, t.digest) for i, t in pairs], computed, read_at
                )
                commit_batch()
            except IntegrityError:  # another embedder wrote the same rows first: theirs stand
                session.rollback()
                report = EmbedReport()
            total.embedded += report.embedded
            total.unchanged += report.unchanged
            batches += 1
            if progress is not None:
                progress(len(pairs))
    return total


def count_pending(session, model_name: str) -> int:
    """How many profiles and vacancies wait for embedding."""
    return sum(
        int(
            session.scalar(
                select(func.count())
                .select_from(side.model)
                .where(side.has_text, _stale(side.owner_type, side.model.id, side.model.text_changed_at, model_name))
            )
            or 0
        )
        for side in SIDES.values()
    )
