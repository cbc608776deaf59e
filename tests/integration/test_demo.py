"""`recruit demo` migrates, seeds, serves, and each printed demo account logs in (a real process)."""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from recruit import PROJECT_ROOT
from recruit.seeding.demo import DEMO_ACCOUNTS

# Where each demo account lands; an operator's first log-in sets up the second step operators must have.
HOME = {"graduate": "/graduate/", "employer": "/employer/", "career_office": "/career/", "operator": "/auth/two-factor"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, process, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "the demo exited"
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    raise AssertionError("the demo did not come up")


def log_in(base: str, email: str, password: str):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/auth/login").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"csrf_token": token, "email": email, "password": password}).encode()
    response = opener.open(base + "/auth/login", data=body)
    return response.geturl(), response.read().decode(), opener


def set_up_second_step(base: str, page: str, opener) -> str:
    """Scan the set-up page's key into an "app" (pyotp), confirm with its code; return the admin page."""
    import pyotp

    secret = re.search(r'data-testid="totp-secret">([A-Z2-7]+)<', page).group(1)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"csrf_token": token, "code": pyotp.TOTP(secret).now()}).encode()
    codes = opener.open(base + "/auth/two-factor", data=body).read().decode()
    assert codes.count("<li>") >= 10, "recovery codes shown"
    return opener.open(base + "/admin/").read().decode()


def demo_env(tmp_path: Path, e5_folder: Path) -> dict:
    """A fresh instance, with an encoder folder as `recruit train-encoder` leaves one (the untrained export: training
    is tested in tests/integration/test_trained_encoder.py), so the demo runs as it does once one was trained."""
    return {
        **os.environ,
        "RECRUIT_INSTANCE_PATH": str(tmp_path / "instance"),
        "RECRUIT_ENV": "development",
        "RECRUIT_TRAINED_MODEL_DIR": str(e5_folder),
    }


def test_demo_serves_and_every_demo_account_logs_in(tmp_path: Path, e5_folder: Path):
    port = free_port()
    env = demo_env(tmp_path, e5_folder)
    env.pop("RECRUIT_DATABASE_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "recruit.cli", "demo", "--port", str(port)],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base + "/api/health", process)
        for role, email in DEMO_ACCOUNTS.items():
            url, page, opener = log_in(base, email, "recruit-demo-2026")
            assert url.endswith(HOME[role.value]), (role, url)
            assert "Log out" in page or "退出" in page
            if role.value == "operator":
                admin = set_up_second_step(base, page, opener)
                assert "National overview" in admin or "全国总览" in admin
        assert (tmp_path / "instance" / "recruit.db").exists()
        assert (tmp_path / "instance" / "secret_key").exists()
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=30)
    for email in DEMO_ACCOUNTS.values():
        assert email in output
    assert "recruit-demo-2026" in output


def test_a_stopped_demo_hands_the_worker_lease_back(tmp_path: Path, e5_folder: Path):
    import sqlite3

    port = free_port()
    env = demo_env(tmp_path, e5_folder)
    env.pop("RECRUIT_DATABASE_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "recruit.cli", "demo", "--port", str(port)],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/api/health", process)
        database = tmp_path / "instance" / "recruit.db"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with sqlite3.connect(database) as connection:
                if connection.execute("SELECT count(*) FROM leases").fetchone()[0]:
                    break
            time.sleep(0.2)
    finally:
        process.terminate()
        process.wait(timeout=30)
    with sqlite3.connect(database) as connection:
        held_until = connection.execute("SELECT expires_at FROM leases WHERE name = 'scheduler'").fetchone()[0]
        now = connection.execute("SELECT datetime('now')").fetchone()[0]
    assert held_until[:19] <= now[:19]  # released: it expired the moment the demo stopped
