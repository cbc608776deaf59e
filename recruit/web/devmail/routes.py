"""The development mailbox: what the outbox delivered into its folder (RECRUIT_SMTP_URL=file://…), for reading
in the demo. Registered only when RECRUIT_ENV=development."""

from __future__ import annotations

import re
from email import message_from_bytes, policy
from pathlib import Path

from flask import Blueprint, abort, current_app, render_template

from recruit.smtp import MailboxSettings, parse_smtp_url
from recruit.web.access import public

bp = Blueprint("devmail", __name__, url_prefix="/dev/mailbox")
SHOWN = 200
FILE_NAME = re.compile(r"^[0-9]+-[0-9a-f]+\.eml$")


def _folder() -> Path:
    settings = parse_smtp_url(current_app.config["RECRUIT_SMTP_URL"])
    if not isinstance(settings, MailboxSettings):
        abort(404)
    return Path(settings.directory)


def _read(path: Path):
    return message_from_bytes(path.read_bytes(), policy=policy.default)


@bp.route("/")
@public
def list_mail():
    """The newest delivered messages: to whom, what, when."""
    folder = _folder()
    files = sorted(folder.glob("*.eml"), reverse=True)[:SHOWN] if folder.exists() else []
    messages = [(path.name, _read(path)) for path in files]
    return render_template("devmail/list.html", messages=messages, folder=folder)


@bp.route("/<name>")
@public
def view_mail(name: str):
    """One delivered message, as its plain-text part."""
    if not FILE_NAME.match(name):
        abort(404)
    path = _folder() / name
    if not path.is_file():
        abort(404)
    message = _read(path)
    body = message.get_body(preferencelist=("plain",))
    return render_template("devmail/message.html", message=message, text=body.get_content() if body else "")
