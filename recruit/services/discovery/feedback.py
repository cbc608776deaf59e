"""What matching showed people and what they did with it, and how much each vacancy has been seen.

Every list of matches shown to a signed-in graduate (recommendations, a fair's best matches, search results) or to
an employer (recommended candidates) is recorded as impressions, one per item with its place and the signals it was
scored on; what people then do with a graduate–vacancy pair (opened, saved, applied, dismissed, invited,
interviewed, hired) is recorded by the services where it happens. A learned ranker trains on both.

Exposure: the worker tallies graduates' impressions in the first ten places per vacancy and day
(`tally_exposure`), and keeps the fair share — the recent impressions divided by the vacancies open to be shown.
Recommendations give three of a graduate's first ten places to good matches few have seen (`matching/exposure.py`),
so that a few vacancies close to everyone do not take every graduate's first places while others are never seen.

Crash and resume: the tally reads impressions in id order from where it stopped (`ExposureTally`), a batch per
transaction, and only impressions over a minute old, so that a request still committing a lower id is not skipped;
a crash between batches loses nothing and counts nothing twice, because the position moves in the same transaction
as the counts.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from sqlalchemy import func, insert, select
from sqlalchemy.dialects import postgresql, sqlite

from recruit import clock
from recruit.models import Vacancy
from recruit.models.feedback import Action, ExposureDay, ExposureTally, Impression, Interaction, Surface
from recruit.services.discovery.search import open_vacancies

EXPOSURE_DAYS = 7  # impressions of this many recent days count towards a vacancy's exposure
EXPOSED_PLACES = 10  # only an impression in the first ten places of a list counts as being seen
TALLY_BATCH = 50_000
SETTLING = timedelta(minutes=1)  # impressions younger than this are tallied next time
GRADUATE_SURFACES = (Surface.RECOMMENDATIONS, Surface.SEARCH)


def record_shown(session, surface: Surface, graduate_id: int | None, items, vacancy_id: int | None = None) -> int:
    """Record a list as shown: `items` are (other side's id, score or None, signals dict or None) in the order shown;
    on a graduate's surface the ids are vacancies, on the employer's (`vacancy_id` given) graduates."""
    now = clock.now()
    rows = []
    for position, (other_id, score, signals) in enumerate(items, start=1):
        graduate, vacancy = (graduate_id, other_id) if vacancy_id is None else (other_id, vacancy_id)
        if graduate is None or vacancy is None:
            continue
        rows.append(
            {
                "surface": surface,
                "graduate_id": graduate,
                "vacancy_id": vacancy,
                "position": position,
                "score": None if score is None else float(score),
                "signals": signals,
                "shown_at": now,
            }
        )
    if rows:
        session.execute(insert(Impression), rows)
    return len(rows)


def record(session, graduate_id: int, vacancy_id: int, action: Action) -> None:
    """Record what someone did with a graduate–vacancy pair, now."""
    session.add(Interaction(graduate_id=graduate_id, vacancy_id=vacancy_id, action=action, at=clock.now()))
    session.flush()


def _tally(session) -> ExposureTally:
    tally = session.scalar(select(ExposureTally).where(ExposureTally.id == 1))
    if tally is None:
        tally = ExposureTally(id=1, last_impression_id=0, fair_share=0.0)
        session.add(tally)
        session.flush()
    return tally


def _add_counts(session, counts: Counter) -> None:
    rows = [{"vacancy_id": vacancy_id, "day": day, "shown": shown} for (vacancy_id, day), shown in counts.items()]
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(ExposureDay)
    statement = statement.on_conflict_do_update(
        index_elements=["vacancy_id", "day"], set_={"shown": ExposureDay.shown + statement.excluded.shown}
    )
    session.execute(statement, rows)


def tally_exposure(session, commit=None, batch: int = TALLY_BATCH) -> int:
    """Count graduates' impressions in the first ten places since the last tally into each vacancy's days, then the
    fair share; `commit` (the worker's) ends each batch's transaction. Returns how many impressions were counted."""
    counted = 0
    settled = clock.now() - SETTLING
    while True:
        tally = _tally(session)
        rows = session.execute(
            select(Impression.id, Impression.vacancy_id, Impression.shown_at, Impression.position, Impression.surface)
            .where(Impression.id > tally.last_impression_id, Impression.shown_at < settled)
            .order_by(Impression.id)
            .limit(batch)
        ).all()
        if not rows:
            break
        seen = [
            (vacancy_id, shown_at.date())
            for _, vacancy_id, shown_at, position, surface in rows
            if surface in GRADUATE_SURFACES and position <= EXPOSED_PLACES
        ]
        if seen:
            _add_counts(session, Counter(seen))
        tally.last_impression_id = rows[-1][0]
        counted += len(seen)
        session.flush()
        if commit is not None:
            commit()
        if len(rows) < batch:
            break
    _update_fair_share(session, clock.today())
    return counted


def _update_fair_share(session, today: date) -> None:
    since = today - timedelta(days=EXPOSURE_DAYS - 1)
    shown = session.scalar(select(func.coalesce(func.sum(ExposureDay.shown), 0)).where(ExposureDay.day >= since))
    open_count = session.scalar(open_vacancies(today).with_only_columns(func.count(Vacancy.id)).order_by(None))
    tally = _tally(session)
    tally.fair_share = float(shown) / open_count if open_count else 0.0
    tally.computed_at = clock.now()
    session.flush()


def exposure_of(session, vacancy_ids: list[int], today: date | None = None) -> dict[int, float] | None:
    """Each vacancy's recent impressions as a multiple of the fair share (1.0: seen as much as an average open
    vacancy; a vacancy nobody was shown lately is missing); None while nothing has been tallied."""
    tally = session.scalar(select(ExposureTally).where(ExposureTally.id == 1))
    if tally is None or tally.fair_share <= 0:
        return None
    if not vacancy_ids:
        return {}
    since = (today or clock.today()) - timedelta(days=EXPOSURE_DAYS - 1)
    rows = session.execute(
        select(ExposureDay.vacancy_id, func.sum(ExposureDay.shown))
        .where(ExposureDay.vacancy_id.in_(vacancy_ids), ExposureDay.day >= since)
        .group_by(ExposureDay.vacancy_id)
    ).all()
    return {vacancy_id: float(shown) / tally.fair_share for vacancy_id, shown in rows}
