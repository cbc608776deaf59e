"""A real SMTP server (aiosmtpd) on loopback for the tests, that can be taken down and brought back."""

from __future__ import annotations

import asyncio
import socket
import threading
from email import message_from_bytes, policy
from email.message import Message

from aiosmtpd.controller import Controller


def free_port() -> int:
    """An unused loopback port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Collector:
    def __init__(self, delay_seconds: float = 0.0):
        self.messages: list[Message] = []
        self.lock = threading.Lock()
        self.delay_seconds = delay_seconds

    async def handle_DATA(self, server, session, envelope):  # noqa: N802  (aiosmtpd's hook name)
        if self.delay_seconds:
            await asyncio.sleep(self.delay_seconds)
        with self.lock:
            self.messages.append(
                message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
            )
        return "250 OK"


class SMTPServer:
    """Start/stop an aiosmtpd server on a fixed loopback port; `messages` holds what it accepted."""

    def __init__(self, port: int | None = None, delay_seconds: float = 0.0):
        self.port = port or free_port()
        self.collector = _Collector(delay_seconds)
        self.controller: Controller | None = None

    @property
    def url(self) -> str:
        """The RECRUIT_SMTP_URL that reaches this server."""
        return f"smtp://127.0.0.1:{self.port}"

    @property
    def messages(self) -> list[Message]:
        """The messages accepted so far."""
        with self.collector.lock:
            return list(self.collector.messages)

    def start(self) -> SMTPServer:
        """Listen (again)."""
        self.controller = Controller(self.collector, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        """Stop listening: connections are refused until start()."""
        if self.controller is not None:
            self.controller.stop()
            self.controller = None
