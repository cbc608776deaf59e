"""gunicorn settings for recruit's web processes:
`gunicorn -c python:recruit.deploy.gunicorn_conf 'recruit:create_app()'`.

Every setting can be changed by an environment variable (GUNICORN_BIND, GUNICORN_WORKERS, …). Metrics of every
worker process are counted in one folder (prometheus_client's multiprocess mode), emptied when gunicorn starts.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
from pathlib import Path

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() * 2)))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
max_requests = 10_000  # a worker is replaced now and then, so that no slow leak builds up
max_requests_jitter = 1_000
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = None  # recruit logs one line per request itself, with its request id
errorlog = "-"
proc_name = "recruit-web"

os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", "/run/recruit/metrics")


def on_starting(server):
    """Start every run with an empty metrics folder (old processes' files would be counted again)."""
    folder = Path(os.environ["PROMETHEUS_MULTIPROC_DIR"])
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)


def child_exit(server, worker):
    """Let the metrics of a worker process that ended stop counting as live."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
