"""Rate limits shared across processes: two web processes counting in the local Redis (as production does with
RECRUIT_RATELIMIT_STORAGE_URL) refuse the attempts one process alone would still let through."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections import Counter
from threading import Lock

import pytest

from tests.factories import Factories
from tests.support.apps import app_config, dispose, fresh_database_url, migrated_app
from tests.support.http import Browser

REDIS_URL = os.environ.get("RECRUIT_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
SERVE = """
import json, os, sys
from werkzeug.serving import make_server
from recruit import create_app
app = create_app(json.loads(os.environ["RECRUIT_TEST_APP_CONFIG"]))
server = make_server("127.0.0.1", 0, app, threaded=True)
print(server.server_port, flush=True)
server.serve_forever()
"""


@pytest.fixture
def two_processes(backend, tmp_path):
    url = fresh_database_url(backend, "ratelimits", tmp_path)
    prefix = f"recruit-test-{uuid.uuid4().hex[:8]}"
    overrides = {"RATELIMIT_STORAGE_URI": REDIS_URL, "RATELIMIT_KEY_PREFIX": prefix, "RATELIMIT_ENABLED": True}
    setup = migrated_app(backend, "ratelimits-setup", tmp_path, SQLALCHEMY_DATABASE_URI=url, **overrides)
    with setup.app_context():
        from recruit.extensions import db

        user = Factories(db.session).graduate().user
        email = user.email
        db.session.commit()
        db.session.remove()
    dispose(setup)
    config = {
        key: str(value) if hasattr(value, "__fspath__") else value
        for key, value in app_config(url, tmp_path, **overrides).items()
    }
    environment = {**os.environ, "RECRUIT_TEST_APP_CONFIG": json.dumps(config)}
    processes = [
        subprocess.Popen([sys.executable, "-c", SERVE], stdout=subprocess.PIPE, env=environment, text=True)
        for _ in range(2)
    ]
    try:
        ports = [int(process.stdout.readline()) for process in processes]
        yield email, [f"http://127.0.0.1:{port}" for port in ports]
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)


def test_two_web_processes_share_the_log_in_limit_through_redis(two_processes):
    email, servers = two_processes
    statuses, lock = Counter(), Lock()
    answers = []
    for attempt in range(12):  # the per-account limit is 10 a minute; each process alone sees only 6
        browser = Browser(servers[attempt % 2], statuses, lock)
        answers.append(browser.request("/auth/login", {"email": email, "password": "wrong password"}))
    assert answers[:10] == [422] * 10
    assert answers[10:] == [429, 429]
