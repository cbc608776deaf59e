"""Load-balancer probes: /healthz answers while the process lives; /readyz says ready only when the database
answers, the worker holds its lease and neither the outbox nor the embedding backlog has piled up."""

from datetime import timedelta

from recruit import clock
from recruit.models import Lease
from recruit.web.api import probes


def _lease(db, expires_in: timedelta):
    now = clock.now()
    db.session.merge(Lease(name="scheduler", holder="test-worker", acquired_at=now, expires_at=now + expires_in))
    db.session.commit()


def test_healthz_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}


def test_readyz_follows_the_worker_and_the_outbox(client, db, make):
    probes._backlog.clear()
    missing = client.get("/readyz")
    assert missing.status_code == 503 and missing.get_json()["checks"]["worker"] is False

    _lease(db, timedelta(seconds=20))
    ready = client.get("/readyz")
    assert ready.status_code == 200, ready.get_json()
    assert ready.get_json()["checks"] == {"database": True, "worker": True, "outbox": True, "embedding": True}

    make.outbox_email(next_attempt_at=clock.now() - timedelta(hours=2))
    db.session.commit()
    piled = client.get("/readyz").get_json()
    assert piled["checks"]["outbox"] is False and piled["outbox_oldest_due_seconds"] >= 7200

    _lease(db, timedelta(seconds=-5))  # the worker stopped renewing it
    assert client.get("/readyz").get_json()["checks"]["worker"] is False
