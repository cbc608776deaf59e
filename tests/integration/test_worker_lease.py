"""Exactly one scheduler: a database lease keeps a second worker idle until the first stops or dies."""

from datetime import timedelta

import pytest
from apscheduler.schedulers.base import STATE_PAUSED, STATE_RUNNING, STATE_STOPPED

from recruit import clock
from recruit.extensions import db
from recruit.worker import lease
from recruit.worker.scheduler import LEASE_NAME, LEASE_TTL, TaskSpec, Worker
from tests.support.apps import dispose, migrated_app


def test_only_one_holder_at_a_time(db):
    assert lease.try_acquire(db.session, "demo-lease", "a", timedelta(seconds=30))
    assert not lease.try_acquire(db.session, "demo-lease", "b", timedelta(seconds=30))
    assert lease.try_acquire(db.session, "demo-lease", "a", timedelta(seconds=30))  # renewal
    assert lease.current_holder(db.session, "demo-lease") == "a"
    clock.advance(timedelta(seconds=31))
    assert lease.current_holder(db.session, "demo-lease") is None
    assert lease.try_acquire(db.session, "demo-lease", "b", timedelta(seconds=30))
    lease.release(db.session, "demo-lease", "b")
    assert lease.try_acquire(db.session, "demo-lease", "a", timedelta(seconds=30))


@pytest.fixture
def worker_app(backend, tmp_path):
    # Workers run in their own threads with their own connections: a real, committed database.
    app = migrated_app(backend, "worker", tmp_path)
    yield app
    dispose(app)


def noop():
    return "ok"


TASKS = (TaskSpec("probe", noop, "interval", {"hours": 1}),)


def test_two_workers_started_together_only_one_runs_jobs_and_the_other_takes_over(worker_app):
    first, second = Worker(worker_app, TASKS), Worker(worker_app, TASKS)
    try:
        assert first.tick() is True
        assert second.tick() is False
        assert first.scheduler.state == STATE_RUNNING and first.scheduler.get_job("probe") is not None
        assert second.scheduler.state == STATE_STOPPED

        first.shutdown()  # a clean stop hands the lease over at once
        assert second.tick() is True
        assert second.scheduler.state == STATE_RUNNING
    finally:
        first.shutdown()
        second.shutdown()


def test_a_dead_workers_lease_expires_and_a_returning_one_stays_idle(worker_app):
    first, second = Worker(worker_app, TASKS), Worker(worker_app, TASKS)
    try:
        assert first.tick() is True
        # first stops renewing (killed): its lease runs out
        clock.advance(LEASE_TTL + timedelta(seconds=1))
        assert second.tick() is True
        assert first.tick() is False
        assert first.scheduler.state == STATE_PAUSED
        with worker_app.app_context():
            assert lease.current_holder(db.session, LEASE_NAME) == second.holder
            db.session.remove()
    finally:
        first.shutdown()
        second.shutdown()


RUNS: list[str] = []


def count_run():
    RUNS.append("ran")
    return len(RUNS)


def test_a_run_due_when_the_worker_stops_runs_once_on_the_next_worker(worker_app):
    import threading
    from datetime import UTC, datetime

    from apscheduler.events import EVENT_JOB_EXECUTED

    daily = (TaskSpec("daily_probe", count_run, "interval", {"days": 1}, misfire_grace_time=6 * 3600),)
    first = Worker(worker_app, daily)
    try:
        # Store the job as a leader does, but paused from the start: a scheduling pass already in flight after a
        # resume could pick up the run made due below before any pause took effect (a race of the test's own).
        first.scheduler.start(paused=True)
        first._add_tasks()
        job = first.scheduler.get_job("daily_probe")
        assert job.next_run_time > datetime.now(UTC)  # scheduled a day ahead, kept in the database
        # The run falls due just as the worker stops (pretend: it was due two hours ago): stopping must not
        # swallow it.
        first.scheduler.modify_job("daily_probe", next_run_time=datetime.now(UTC) - timedelta(hours=2))
    finally:
        first.shutdown()
    RUNS.clear()
    second = Worker(worker_app, daily)
    ran = threading.Event()
    second.scheduler.add_listener(lambda event: ran.set(), EVENT_JOB_EXECUTED)
    try:
        assert second.tick() is True
        assert ran.wait(10), "the missed run did not happen"
        assert RUNS == ["ran"]  # once, not once per missed period
        assert second.scheduler.get_job("daily_probe").next_run_time > datetime.now(UTC)
    finally:
        second.shutdown()
