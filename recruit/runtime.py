"""The few settings services need outside a request (the public address, the sender, the signing key), set once
by create_app (or a command) from the configuration, so that no service reads Flask's current_app."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Runtime:
    base_url: str = "http://127.0.0.1:5000"
    mail_from: str = "recruit <no-reply@recruit.localhost>"
    secret_key: str = ""


_settings = Runtime()


def configure(config) -> None:
    """Take the settings from an app's configuration mapping."""
    global _settings
    _settings = Runtime(
        base_url=config["RECRUIT_BASE_URL"].rstrip("/"),
        mail_from=config["RECRUIT_MAIL_FROM"],
        secret_key=config["SECRET_KEY"],
    )


def settings() -> Runtime:
    """The settings in force."""
    return _settings
