"""What each web process keeps in memory for matching: one side's vectors and terms, refreshed as they change.

A side (vacancies or graduates) is loaded from the database on first use and then follows the
`updated_at` of the stored rows: every refresh reads only the rows written since the last one (with an
overlap, so a batch committed late is not skipped), at most once every REFRESH_SECONDS. A row without a vector is
the tombstone of an erased account (services.people.erasure): its owner is dropped from the indexes.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta

import numpy as np
from sqlalchemy import select

from recruit.matching.index import VectorIndex
from recruit.matching.lexical import LexicalIndex
from recruit.models import Embedding, EmbeddingOwner

REFRESH_SECONDS = 1.0
# A row's updated_at is stamped just before its batch commits; a reader may see a later-stamped row of another
# batch first. Rows written this long before the newest one seen are read again, and skipped when unchanged.
OVERLAP = timedelta(seconds=10)
READ_BATCH = 20_000


class SideStore:
    """The vectors and lexical index of one side for one model, in this process."""

    def __init__(self, owner_type: EmbeddingOwner, model_name: str):
        self.owner_type = owner_type
        self.model_name = model_name
        self.vectors: VectorIndex | None = None
        self.lexicon = LexicalIndex()
        self._watermark: datetime | None = None
        self._recent: dict[int, datetime] = {}  # owner id → updated_at, for rows inside the overlap
        self._checked_at = 0.0
        self._lock = threading.Lock()

    def refresh(self, session, force: bool = False) -> None:
        """Take in the rows written since the last refresh (at most once a second unless forced)."""
        if not force and time.monotonic() - self._checked_at < REFRESH_SECONDS:
            return
        with self._lock:
            statement = select(
                Embedding.owner_id, Embedding.vector, Embedding.terms, Embedding.dim, Embedding.updated_at
            ).where(Embedding.owner_type == self.owner_type, Embedding.model_name == self.model_name)
            if self._watermark is not None:
                statement = statement.where(Embedding.updated_at > self._watermark - OVERLAP)
            ids, vectors, terms, erased = [], [], [], []
            newest = self._watermark
            for row in session.execute(statement.execution_options(yield_per=READ_BATCH)):
                if self._recent.get(row.owner_id) == row.updated_at:
                    continue  # read again only because of the overlap
                self._recent[row.owner_id] = row.updated_at
                stamp = row.updated_at
                newest = stamp if newest is None or stamp > newest else newest
                if row.dim == 0:  # a tombstone: the owner's account was erased
                    erased.append(row.owner_id)
                    continue
                ids.append(row.owner_id)
                vectors.append(np.frombuffer(row.vector, dtype=np.float32, count=row.dim))
                terms.append(row.terms.split())
            if erased and self.vectors is not None:
                self.vectors.remove(erased)
                self.lexicon.remove(erased)
            if ids:
                matrix = np.vstack(vectors)
                if self.vectors is None:
                    self.vectors = VectorIndex(dim=matrix.shape[1])
                    self.vectors.build(np.asarray(ids), matrix)
                else:
                    self.vectors.upsert(ids, matrix)
                self.lexicon.upsert(ids, terms)
            self._watermark = newest
            if newest is not None:
                horizon = newest - OVERLAP
                self._recent = {k: v for k, v in self._recent.items() if v > horizon}
            self._checked_at = time.monotonic()


_stores: dict[tuple[str, str, str], SideStore] = {}
_stores_lock = threading.Lock()


def side_store(session, owner_type: EmbeddingOwner, model_name: str) -> SideStore:
    """This process's store of one side for the session's database and model, refreshed."""
    key = (str(session.get_bind().engine.url), owner_type.value, model_name)
    with _stores_lock:
        store = _stores.get(key)
        if store is None:
            store = _stores[key] = SideStore(owner_type, model_name)
    store.refresh(session)
    return store


def forget_all() -> None:
    """Drop every in-memory store (tests; a changed model)."""
    with _stores_lock:
        _stores.clear()
