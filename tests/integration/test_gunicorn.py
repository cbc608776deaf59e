"""The production gunicorn configuration serves the app with two worker processes, and /metrics adds up the
requests whichever process answered them (prometheus_client's multiprocess mode)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.support.apps import dispose, fresh_database_url, migrated_app


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_gunicorn_workers_share_their_metrics(backend, tmp_path):
    url = fresh_database_url(backend, "gunicorn", tmp_path)
    dispose(migrated_app(backend, "gunicorn-setup", tmp_path, SQLALCHEMY_DATABASE_URI=url))
    port = _free_port()
    env = {
        **os.environ,
        "RECRUIT_ENV": "testing",
        "RECRUIT_DATABASE_URL": url,
        "RECRUIT_SECRET_KEY": "gunicorn-test-secret",
        "RECRUIT_UPLOAD_DIR": str(tmp_path / "uploads"),
        "RECRUIT_INSTANCE_PATH": str(tmp_path / "instance"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "-c", "python:recruit.deploy.gunicorn_conf", "recruit:create_app()"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        for _ in range(20):
            urllib.request.urlopen(base + "/vacancies", timeout=10).read()
        text = urllib.request.urlopen(base + "/metrics", timeout=10).read().decode()
        counts = re.findall(
            r'^recruit_http_requests_total\{endpoint="public.search",method="GET",status="200"\} (\S+)$', text, re.M
        )
        assert counts and float(counts[0]) == 20, text[:2000]
        assert list((tmp_path / "metrics").glob("counter_*.db"))  # counted in the shared folder, not in one process
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
