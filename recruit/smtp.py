"""Sending e-mail over SMTP: one connection reused for a whole batch (a new one per message manages ~20/s).

In development the "relay" can be a folder instead (`file:///path/to/mailbox`): each message is written there as
an .eml file, and the demo's mailbox page lists them.
"""

from __future__ import annotations

import secrets
import smtplib
import time
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

DEFAULT_TIMEOUT = 15


@dataclass(frozen=True)
class SMTPSettings:
    host: str
    port: int
    username: str | None = None
    password: str | None = None
    use_ssl: bool = False
    starttls: bool = False
    timeout: float = DEFAULT_TIMEOUT


@dataclass(frozen=True)
class MailboxSettings:
    """Deliver into a folder of .eml files (development)."""

    directory: str


def parse_smtp_url(url: str) -> SMTPSettings | MailboxSettings:
    """Read smtp://user:pass@host:port (or smtps://, or ?starttls=1), or file:///folder, into settings."""
    parts = urlsplit(url)
    if parts.scheme == "file":
        return MailboxSettings(directory=unquote(parts.path))
    if parts.scheme not in ("smtp", "smtps"):
        raise ValueError(f"RECRUIT_SMTP_URL must start with smtp://, smtps:// or file://, not {parts.scheme!r}")
    query = parse_qs(parts.query)
    use_ssl = parts.scheme == "smtps"
    return SMTPSettings(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or (465 if use_ssl else 25),
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        use_ssl=use_ssl,
        starttls=query.get("starttls", ["0"])[0].lower() in ("1", "true", "yes"),
        timeout=float(query.get("timeout", [DEFAULT_TIMEOUT])[0]),
    )


def build_message(
    *,
    sender: str,
    to_address: str,
    subject: str,
    body_text: str,
    body_html: str | None,
    message_id: str,
    headers: dict[str, str] | None = None,
) -> EmailMessage:
    """A MIME message with its stable Message-ID, plain text and (when given) an HTML alternative."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to_address
    message["Subject"] = subject
    message["Message-ID"] = message_id
    message["Date"] = formatdate(localtime=False, usegmt=True)
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body_text)
    if body_html:
        message.add_alternative(body_html, subtype="html")
    return message


class SMTPConnection:
    """One open SMTP session: `with SMTPConnection(settings) as smtp: smtp.send(message)`."""

    def __init__(self, settings: SMTPSettings):
        self.settings = settings
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> SMTPConnection:
        s = self.settings
        smtp_class = smtplib.SMTP_SSL if s.use_ssl else smtplib.SMTP
        self._smtp = smtp_class(s.host, s.port, timeout=s.timeout)
        if s.starttls:
            self._smtp.starttls()
        if s.username:
            self._smtp.login(s.username, s.password or "")
        return self

    def send(self, message: EmailMessage) -> None:
        """Send one message on the open connection."""
        assert self._smtp is not None, "use SMTPConnection as a context manager"
        self._smtp.send_message(message)

    def __exit__(self, *exc) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                self._smtp.close()
            self._smtp = None


class MailboxConnection:
    """Writes each message into a folder as `<time>-<n>.eml`, atomically (a reader never sees half a file)."""

    def __init__(self, settings: MailboxSettings):
        self.directory = Path(settings.directory)

    def __enter__(self) -> MailboxConnection:
        self.directory.mkdir(parents=True, exist_ok=True)
        return self

    def send(self, message: EmailMessage) -> None:
        """Write one message."""
        name = f"{time.time_ns()}-{secrets.token_hex(4)}.eml"
        partial = self.directory / f".{name}.part"
        partial.write_bytes(bytes(message))
        partial.rename(self.directory / name)

    def __exit__(self, *exc) -> None:
        return None


def open_transport(settings: SMTPSettings | MailboxSettings) -> SMTPConnection | MailboxConnection:
    """The connection that delivers with these settings (use it as a context manager)."""
    if isinstance(settings, MailboxSettings):
        return MailboxConnection(settings)
    return SMTPConnection(settings)
