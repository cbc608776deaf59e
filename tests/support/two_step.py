"""The second step of a log-in as a person does it: the code their authenticator app shows now."""

from __future__ import annotations

import pyotp

from recruit import clock
from recruit.services.people.two_factor import STEP_SECONDS


def current_code(secret: str, last_step: int | None = None) -> str:
    """The code an app holding `secret` shows now; if it was used already, the next step's (a code works once, and
    a step either side of now is accepted)."""
    step = int(clock.now().timestamp()) // STEP_SECONDS
    if last_step is not None and step <= last_step:
        step = last_step + 1
    return pyotp.TOTP(secret).at(step * STEP_SECONDS)


def log_in(client, user, password: str) -> int:
    """Log in through the form, and through the second step when the account has one; the last answer's status."""
    response = client.post("/auth/login", data={"email": user.email, "password": password})
    if response.status_code == 302 and response.headers["Location"].startswith("/auth/two-step"):
        response = client.post("/auth/two-step", data={"code": current_code(user.totp_secret, user.totp_last_step)})
    return response.status_code
