"""A whole 100-day campaign, moved by the clock: each user of each audience gets each phase message once."""

from collections import Counter
from datetime import timedelta

from sqlalchemy import select

from recruit import clock
from recruit.models import Notification, OutboxEmail, Role, User
from recruit.services.campaign.phase_messages import send_due_phase_messages


def test_every_phase_message_reaches_its_audience_exactly_once(db, make):
    start = clock.today() + timedelta(days=1)
    campaign = make.campaign(name="百日招聘", starts_on=start)
    for phase in campaign.phases:
        phase.message_graduates = f"{phase.name}: graduates"
        phase.message_employers = f"{phase.name}: employers" if phase.name != "wrap-up" else ""
    db.session.commit()
    graduates = [make.graduate().user for _ in range(7)]
    employers = [make.employer() for _ in range(3)]
    quiet = make.graduate().user
    quiet.email_opt_in = False
    operator = make.user(Role.OPERATOR)
    db.session.commit()

    for day in range(-1, 103):  # the day before, every day of the campaign, and after it
        clock.set_now(clock.now().replace(hour=2) + timedelta(days=1) if day > -1 else clock.now())
        send_due_phase_messages(db.session, clock.today(), commit_batch=db.session.commit, batch_size=4)
        send_due_phase_messages(
            db.session, clock.today(), commit_batch=db.session.commit, batch_size=4
        )  # a second run changes nothing

    received = Counter(
        (n.user_id, n.body)
        for n in db.session.scalars(select(Notification).where(Notification.kind == "campaign.phase"))
    )
    phases = ["launch", "matching", "sprint", "wrap-up"]
    for user in [*graduates, quiet]:
        assert [received[(user.id, f"{p}: graduates")] for p in phases] == [1, 1, 1, 1]
    for user in employers:
        assert [received[(user.id, f"{p}: employers")] for p in phases[:3]] == [1, 1, 1]
    assert not any(user_id == operator.id for user_id, _ in received)
    assert sum(received.values()) == 8 * 4 + 3 * 3
    emails = db.session.scalars(select(OutboxEmail).where(OutboxEmail.dedupe_key.like("notification:phase:%"))).all()
    assert quiet.id not in {e.user_id for e in emails} and len(emails) == 7 * 4 + 3 * 3
    assert all(e.body_html.startswith("<!doctype html>") and "/auth/settings" in e.body_text for e in emails)


FAN_OUT = """
import sys, time
from recruit import clock, create_app
from recruit.extensions import db
from recruit.services.campaign.phase_messages import send_due_phase_messages
from tests.support.apps import app_config
import pathlib
app = create_app(app_config(sys.argv[1], pathlib.Path(sys.argv[2])))
with app.app_context():
    def slow_commit():
        db.session.commit()
        print("batch", flush=True)
        time.sleep(0.05)
    send_due_phase_messages(db.session, clock.today(), commit_batch=slow_commit, batch_size=100)
print("done", flush=True)
"""


def test_a_worker_killed_mid_fan_out_loses_and_doubles_nothing(backend, tmp_path):
    import os
    import signal
    import subprocess
    import sys

    from sqlalchemy import func

    from recruit import PROJECT_ROOT
    from recruit.extensions import db as _db
    from recruit.seeding.loader import SeedSizes, seed_database
    from tests.support.apps import dispose, migrated_app

    app = migrated_app(backend, "fanout", tmp_path)
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    try:
        with app.app_context():
            report = seed_database(
                _db.session, SeedSizes(universities=5, graduates=3000, companies=20, vacancies=10, applications=0)
            )
            from recruit.models import Campaign

            campaign = _db.session.get(Campaign, report.campaign_id)
            phase = next(p for p in campaign.phases if p.starts_on <= clock.today() <= p.ends_on)
            phase.message_graduates = "冲刺阶段开始"
            _db.session.commit()
            graduates = _db.session.scalar(select(func.count()).select_from(User).where(User.role == Role.GRADUATE))

        def count() -> int:
            with app.app_context():
                return _db.session.scalar(
                    select(func.count()).select_from(Notification).where(Notification.kind == "campaign.phase")
                )

        worker = subprocess.Popen(
            [sys.executable, "-c", FAN_OUT, url, str(tmp_path)],
            cwd=PROJECT_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        for _ in range(5):  # let a few batches commit
            assert worker.stdout.readline().strip() == "batch"
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
        partial = count()
        assert 0 < partial < graduates

        again = subprocess.run(
            [sys.executable, "-c", FAN_OUT, url, str(tmp_path)],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert again.stdout.strip().endswith("done"), again.stderr[-2000:]
        with app.app_context():
            per_user = _db.session.execute(
                select(Notification.user_id, func.count())
                .where(Notification.kind == "campaign.phase")
                .group_by(Notification.user_id)
            ).all()
        assert len(per_user) == graduates and {n for _, n in per_user} == {1}
    finally:
        dispose(app)
