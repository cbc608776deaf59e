"""The task table and the worker loop: APScheduler runs only while this process holds the lease."""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from flask import Flask

from recruit.extensions import db
from recruit.metrics import TASK_RUNS
from recruit.worker import lease, tasks

log = logging.getLogger("recruit.worker")

LEASE_NAME = "scheduler"
STORE_TABLE = "scheduler_jobs"  # made by migration 0008 in APScheduler's own layout
TRIGGERS = {"interval": IntervalTrigger, "cron": CronTrigger}
LEASE_TTL = timedelta(seconds=30)
RENEW_EVERY_SECONDS = 10


@dataclass(frozen=True)
class TaskSpec:
    id: str
    func: object
    trigger: str
    trigger_args: dict = field(default_factory=dict)
    misfire_grace_time: int = 3600


# The one list of periodic tasks. Fixed ids + replace_existing + coalesce: a late restart runs each once.
TASKS: tuple[TaskSpec, ...] = (
    # A new or changed profile or vacancy has its vector within seconds (each run takes every change).
    TaskSpec("embed_changed", tasks.embed_changed, "interval", {"seconds": 3}, misfire_grace_time=30),
    TaskSpec("deliver_outbox", tasks.deliver_outbox, "interval", {"seconds": 10}, misfire_grace_time=60),
    TaskSpec("deliver_announcements", tasks.deliver_announcements, "interval", {"minutes": 1}),
    TaskSpec("send_nudges", tasks.send_nudges, "interval", {"seconds": 30}),
    # The operator's dashboard reads these figures; computing them reads every application once.
    TaskSpec("refresh_national_figures", tasks.refresh_national_figures, "interval", {"minutes": 5}),
    TaskSpec("refresh_university_figures", tasks.refresh_university_figures, "interval", {"minutes": 5}),
    # Recommendations move vacancies seen more than their fair share down a little: the shares are counted here.
    TaskSpec("tally_exposure", tasks.tally_exposure, "interval", {"minutes": 5}),
    TaskSpec("email_unread_messages", tasks.email_unread_messages, "interval", {"minutes": 5}),
    TaskSpec("send_fair_reminders", tasks.send_fair_reminders, "interval", {"minutes": 5}),
    TaskSpec("send_phase_messages", tasks.send_phase_messages, "interval", {"minutes": 5}),
    TaskSpec("send_immediate_digests", tasks.send_immediate_digests, "interval", {"minutes": 15}),
    TaskSpec("send_daily_digests", tasks.send_daily_digests, "cron", {"hour": 8, "minute": 30}),
    TaskSpec("send_weekly_digests", tasks.send_weekly_digests, "cron", {"day_of_week": "mon", "hour": 8, "minute": 30}),
    TaskSpec("remind_unread_applications", tasks.remind_unread_applications, "cron", {"hour": 9, "minute": 0}),
    TaskSpec("send_weekly_summaries", tasks.send_weekly_summaries, "cron", {"day_of_week": "mon", "hour": 8}),
    TaskSpec("expire_vacancies", tasks.expire_vacancies, "cron", {"hour": 0, "minute": 5}),
    TaskSpec("expire_offers", tasks.expire_offers, "cron", {"minute": 7}),  # hourly: an offer lapses the day after
    TaskSpec("train_ranker", tasks.train_ranker, "cron", {"hour": 2, "minute": 15}),
    TaskSpec("ask_follow_ups", tasks.ask_follow_ups, "cron", {"hour": 10, "minute": 0}),
    TaskSpec("finish_campaigns", tasks.finish_campaigns, "cron", {"hour": 0, "minute": 10}),
    TaskSpec("purge_sessions", tasks.purge_sessions, "interval", {"hours": 6}),
    TaskSpec("apply_retention", tasks.apply_retention, "cron", {"hour": 3, "minute": 0}),
    TaskSpec("optimize_database", tasks.optimize_database, "cron", {"hour": 4, "minute": 30}),
)


class _QuietOverlaps(logging.Filter):
    """Drop APScheduler's warning that a run was skipped because the previous one still runs: for a task on a
    short interval (embedding a long backlog, say) that is the design, not a problem worth a line every 3 s."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "maximum number of running instances reached" not in record.getMessage()


logging.getLogger("apscheduler.scheduler").addFilter(_QuietOverlaps())


def holder_id() -> str:
    """Name this process uniquely for the lease."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


# The worker of this process: tasks are stored in the database by name, and find their app and function here.
_active: dict[str, object] = {}


def run_task(task_id: str):
    """Run one task of the table in the worker's app context (what the stored APScheduler jobs call)."""
    worker = _active["worker"]
    spec = {s.id: s for s in worker.task_table}[task_id]
    with worker.app.app_context():
        try:
            return spec.func()
        finally:
            db.session.remove()


class Worker:
    """Holds the lease and, while holding it, runs the scheduler's tasks in app contexts.

    Tasks live in the database (APScheduler's SQLAlchemy job store), so a worker started late — or the other
    worker taking over — knows what was due while nobody ran, and runs each missed task once (coalesce)
    if it is still within its misfire grace time.
    """

    def __init__(self, app: Flask, task_table: tuple[TaskSpec, ...] = TASKS):
        self.app = app
        self.task_table = task_table
        self.holder = holder_id()
        self.stop_event = threading.Event()
        with app.app_context():
            store = SQLAlchemyJobStore(engine=db.engine, tablename=STORE_TABLE)
        self.scheduler = BackgroundScheduler(
            timezone=app.config["RECRUIT_TIMEZONE"],
            jobstores={"default": store},
            job_defaults={"coalesce": True, "max_instances": 1},
        )
        self.scheduler.add_listener(self._log_run, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
        self.is_leader = False

    def _log_run(self, event) -> None:
        if event.exception:
            TASK_RUNS.labels(event.job_id, "failed").inc()
            log.error("task %s failed: %r", event.job_id, event.exception, exc_info=event.exception)
        else:
            TASK_RUNS.labels(event.job_id, "ran").inc()
            log.info("task %s ran: %r", event.job_id, event.retval)

    def _add_tasks(self) -> None:
        """Put the table's tasks in the store, keeping each unchanged task's next run time (a missed run
        stays due); a task whose schedule changed is replaced."""
        for spec in self.task_table:
            wanted = TRIGGERS[spec.trigger](timezone=self.scheduler.timezone, **spec.trigger_args)
            stored = self.scheduler.get_job(spec.id)
            if (
                stored is not None
                and str(stored.trigger) == str(wanted)
                and stored.misfire_grace_time == spec.misfire_grace_time
            ):
                continue
            self.scheduler.add_job(
                "recruit.worker.scheduler:run_task",
                wanted,
                args=[spec.id],
                id=spec.id,
                name=spec.id,
                replace_existing=True,
                coalesce=True,
                misfire_grace_time=spec.misfire_grace_time,
            )

    def tick(self) -> bool:
        """Renew or take the lease, starting or pausing the scheduler to match; return leadership."""
        with self.app.app_context():
            try:
                has_lease = lease.try_acquire(db.session, LEASE_NAME, self.holder, LEASE_TTL)
            finally:
                db.session.remove()
        if has_lease and not self.is_leader:
            log.info("worker %s holds the lease: running tasks", self.holder)
            _active["worker"] = self
            if not self.scheduler.running:
                self.scheduler.start(paused=True)
                self._add_tasks()
            self.scheduler.resume()
        elif not has_lease and self.is_leader:
            log.warning("worker %s lost the lease: pausing", self.holder)
            self.scheduler.pause()
        elif not has_lease:
            log.debug("worker %s waits: another worker holds the lease", self.holder)
        self.is_leader = has_lease
        return has_lease

    def run(self, renew_every: float = RENEW_EVERY_SECONDS) -> None:
        """Loop until stopped: keep the lease fresh, or wait for it."""
        log.info("worker %s started", self.holder)
        try:
            while not self.stop_event.is_set():
                try:
                    self.tick()
                except Exception:  # a database hiccup must not kill the worker
                    log.exception("worker %s could not renew its lease", self.holder)
                self.stop_event.wait(renew_every)
        finally:
            self.shutdown()

    def shutdown(self) -> None:
        """Stop the scheduler and hand the lease over at once."""
        if self.scheduler.running:
            # APScheduler 3 looks for due jobs once more while shutting down, and marks them done even though
            # its executor refuses them: detach the stored jobs first, so a run due now stays due in the
            # database for the next worker.
            self.scheduler.pause()
            self.scheduler.remove_jobstore("default", shutdown=True)
            self.scheduler.shutdown(wait=True)
        if self.is_leader:
            with self.app.app_context():
                lease.release(db.session, LEASE_NAME, self.holder)
                db.session.remove()
            self.is_leader = False
        log.info("worker %s stopped", self.holder)

    def stop(self) -> None:
        """Ask the loop to finish."""
        self.stop_event.set()


def start_in_thread(app: Flask) -> tuple[Worker, threading.Thread]:
    """Run a worker in a daemon thread of this process (the demo only); stop it with stop() and join."""
    worker = Worker(app)
    thread = threading.Thread(target=worker.run, name="recruit-worker", daemon=True)
    thread.start()
    return worker, thread
