"""The learned ranker's life: lists to learn from, training on a time split, the swap, and the model in use.

The worker trains once a day (`train`): the lists of recommendations graduates were shown in the last
HISTORY_DAYS, each item graded by how far the graduate went with it within OUTCOME_DAYS (opened 1, saved 2,
applied or invited 3, interviewed 4, hired 5; dismissed or nothing 0). Lists of the most recent VALIDATION_DAYS
are held out; the rest train. Nothing is trained until there are MIN_TRAIN_LISTS lists with an action and
MIN_VALIDATION_LISTS in the held-out week. The new model is swapped in only when its nDCG@10 on the held-out week
beats the ranker in use (the active learned model, or the hand-set weights) by SWAP_MARGIN; every training is kept
as a `RankerModel` row with its figures, and a swap is written to the audit log.

The web processes read the active model through a cache of CACHE_SECONDS (`active`), so a swap reaches every
process within that time; a model is a few hundred kilobytes of text.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update

from recruit import clock
from recruit.matching import learned
from recruit.models.feedback import Action, Impression, Interaction, RankerModel, Surface
from recruit.services.oversight import audit
from recruit.ttl_cache import TTLCache

log = logging.getLogger(__name__)

HISTORY_DAYS = 60
VALIDATION_DAYS = 7
OUTCOME_DAYS = 14
MIN_TRAIN_LISTS = 300
MIN_VALIDATION_LISTS = 50
SWAP_MARGIN = 0.005
MAX_IMPRESSIONS = 2_000_000  # the most recent impressions read for one training (memory: about 1 GB at most)
CACHE_SECONDS = 60
GAINS = {
    Action.OPENED: 1,
    Action.SAVED: 2,
    Action.APPLIED: 3,
    Action.INVITED: 3,
    Action.INTERVIEWED: 4,
    Action.HIRED: 5,
}

_active_cache = TTLCache(size=4, seconds=CACHE_SECONDS)


def shown_lists(session, since: datetime, until: datetime) -> list[tuple[datetime, learned.ShownList]]:
    """The recommendation lists graduates were shown in [since, until), each with its items' gains, oldest first."""
    rows = session.execute(
        select(Impression.graduate_id, Impression.vacancy_id, Impression.shown_at, Impression.signals)
        .where(
            Impression.surface == Surface.RECOMMENDATIONS,
            Impression.shown_at >= since,
            Impression.shown_at < until,
            Impression.signals.is_not(None),
        )
        .order_by(Impression.id.desc())
        .limit(MAX_IMPRESSIONS)
    ).all()
    if not rows:
        return []
    graduates = {graduate_id for graduate_id, *_ in rows}
    done: dict[tuple[int, int], list[tuple[datetime, Action]]] = defaultdict(list)
    for graduate_id, vacancy_id, action, at in session.execute(
        select(Interaction.graduate_id, Interaction.vacancy_id, Interaction.action, Interaction.at).where(
            Interaction.at >= since, Interaction.at < until + timedelta(days=OUTCOME_DAYS)
        )
    ):
        if graduate_id in graduates:
            done[(graduate_id, vacancy_id)].append((at, action))
    lists: dict[tuple[int, datetime], learned.ShownList] = {}
    for graduate_id, vacancy_id, shown_at, signals in reversed(rows):
        shown = lists.setdefault((graduate_id, shown_at), learned.ShownList([], []))
        horizon = shown_at + timedelta(days=OUTCOME_DAYS)
        gains = [
            GAINS.get(action, 0) for at, action in done.get((graduate_id, vacancy_id), []) if shown_at <= at < horizon
        ]
        dismissed = any(
            action is Action.DISMISSED and shown_at <= at < horizon
            for at, action in done.get((graduate_id, vacancy_id), [])
        )
        shown.features.append(signals)
        shown.gains.append(0 if dismissed else max(gains, default=0))
    return sorted(((shown_at, shown) for (_, shown_at), shown in lists.items()), key=lambda pair: pair[0])


def _ranker_of(row: RankerModel) -> learned.LearnedRanker:
    return learned.LearnedRanker(row.model_text, row.scale["x"], row.scale["y"])


def active(session) -> learned.LearnedRanker | None:
    """The learned ranker in use, or None (the hand-set weights): read at most once a minute per process."""

    def load():
        row = session.scalar(select(RankerModel).where(RankerModel.is_active.is_(True)).order_by(RankerModel.id.desc()))
        return None if row is None else (row.id, _ranker_of(row))

    found = _active_cache.get_or_compute("active", load)
    return None if found is None else found[1]


def forget_active() -> None:
    """Read the active ranker again at the next request (tests, and after a swap in this process)."""
    _active_cache.clear()


@dataclass
class Trained:
    """A model trained and checked, not yet stored: its figures against the ranker in use."""

    ranker: learned.LearnedRanker
    trained_at: datetime
    train_lists: int
    validation_lists: int
    ndcg_current: float
    ndcg_new: float
    current: str  # "hand-set" or "learned #N"
    current_id: int | None

    @property
    def beats_current(self) -> bool:
        """True when it is better than the ranker in use by the margin a swap needs."""
        return self.ndcg_new >= self.ndcg_current + SWAP_MARGIN


def train_candidate(session, now: datetime | None = None) -> Trained | None:
    """Train a model on the recent lists and measure it and the ranker in use on the most recent week (reads only);
    None while there is not enough to learn from."""
    now = now or clock.now()
    split = now - timedelta(days=VALIDATION_DAYS)
    dated = shown_lists(session, now - timedelta(days=HISTORY_DAYS), now)
    training = [shown for at, shown in dated if at < split and shown.has_positive]
    validation = [shown for at, shown in dated if at >= split and shown.has_positive]
    if len(training) < MIN_TRAIN_LISTS or len(validation) < MIN_VALIDATION_LISTS:
        log.info(
            "ranker not trained: %d lists to train on, %d to check (needs %d and %d)",
            len(training),
            len(validation),
            MIN_TRAIN_LISTS,
            MIN_VALIDATION_LISTS,
        )
        return None
    candidate = learned.train(training)
    current_row = session.scalar(select(RankerModel).where(RankerModel.is_active.is_(True)))
    if current_row is None:
        current_scores = [learned.hand_set_scores(shown.features) for shown in validation]
    else:
        current = _ranker_of(current_row)
        current_scores = [current.raw(shown.features) for shown in validation]
    return Trained(
        ranker=candidate,
        trained_at=now,
        train_lists=len(training),
        validation_lists=len(validation),
        ndcg_current=learned.ndcg(validation, current_scores),
        ndcg_new=learned.ndcg(validation, [candidate.raw(shown.features) for shown in validation]),
        current="hand-set" if current_row is None else f"learned #{current_row.id}",
        current_id=None if current_row is None else current_row.id,
    )


def store(session, trained: Trained) -> RankerModel:
    """Keep a training with its figures; swap it in (and audit the swap) when it beats the ranker in use."""
    row = RankerModel(
        trained_at=trained.trained_at,
        model_text=trained.ranker.model_text,
        scale={"x": trained.ranker.scale_x, "y": trained.ranker.scale_y},
        train_lists=trained.train_lists,
        validation_lists=trained.validation_lists,
        ndcg_current=trained.ndcg_current,
        ndcg_new=trained.ndcg_new,
        current=trained.current,
        is_active=trained.beats_current,
    )
    if row.is_active:
        session.execute(update(RankerModel).where(RankerModel.is_active.is_(True)).values(is_active=False))
    session.add(row)
    session.flush()
    figures = {
        "model": row.id,
        "replaces": trained.current,
        "ndcg_current": round(trained.ndcg_current, 4),
        "ndcg_new": round(trained.ndcg_new, 4),
        "train_lists": row.train_lists,
        "validation_lists": row.validation_lists,
    }
    log.info("ranker trained: %s, %s", "swapped in" if row.is_active else "kept the one in use", figures)
    if row.is_active:
        audit.record(session, None, "ranker.swap", row, figures)
        forget_active()
    return row


def train(session, now: datetime | None = None) -> RankerModel | None:
    """Train, measure and store in one go (the command line and tests; the worker reads and writes apart)."""
    trained = train_candidate(session, now)
    return None if trained is None else store(session, trained)


def history(session, limit: int = 30) -> list[RankerModel]:
    """The latest trainings, newest first."""
    return list(session.scalars(select(RankerModel).order_by(RankerModel.id.desc()).limit(limit)))
