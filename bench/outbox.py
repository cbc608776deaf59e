"""E-mail delivery rate: python -m bench.outbox [--emails 5000] [--db sqlite|URL].

Queues e-mails in the outbox, runs a real SMTP server (aiosmtpd) on loopback in a second process, and
delivers them with the worker's code (one connection reused per batch of 200).
"""

from __future__ import annotations

import argparse
import multiprocessing
import socket
import time

from bench.common import backend_name, bench_app, emit, fresh_database


def _serve(port: int, ready, stop) -> None:
    from aiosmtpd.controller import Controller

    class Sink:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802
            return "250 OK"

    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()


def main() -> None:
    """Queue, deliver, print e-mails per second."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default="sqlite")
    parser.add_argument("--emails", type=int, default=5000)
    args = parser.parse_args()

    from sqlalchemy import insert

    from recruit import clock
    from recruit.extensions import db
    from recruit.models import OutboxEmail
    from recruit.services.messaging.delivery import deliver_due
    from recruit.smtp import parse_smtp_url

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    ready, stop = multiprocessing.Event(), multiprocessing.Event()
    server = multiprocessing.Process(target=_serve, args=(port, ready, stop), daemon=True)
    server.start()
    ready.wait(30)
    url = fresh_database(args.db, "outbox")
    app = bench_app(url)
    try:
        with app.app_context():
            now = clock.now()
            rows = [
                {
                    "to_address": f"graduate{i}@example.com",
                    "subject": "冲刺阶段开始：还有 25 天",
                    "body_text": "您好！百日招聘进入冲刺阶段……" * 10,
                    "dedupe_key": f"bench:{i}",
                    "message_id": f"<bench-{i}@recruit.test>",
                    "status": "pending",
                    "attempts": 0,
                    "next_attempt_at": now,
                    "created_at": now,
                }
                for i in range(args.emails)
            ]
            db.session.execute(insert(OutboxEmail), rows)
            db.session.commit()
            started = time.perf_counter()
            report = deliver_due(
                db.session,
                parse_smtp_url(f"smtp://127.0.0.1:{port}"),
                "recruit <no-reply@x>",
                commit_batch=db.session.commit,
                max_batches=10**6,
            )
            elapsed = time.perf_counter() - started
        emit("outbox", "emails_per_s", report.sent / elapsed, "emails/s", n=report.sent, db=backend_name(url))
    finally:
        stop.set()
        server.join(10)


if __name__ == "__main__":
    main()
