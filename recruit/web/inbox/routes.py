"""Every user's in-app notifications."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, url_for
from flask_login import current_user

from recruit.extensions import db
from recruit.services.messaging import notifications
from recruit.web.access import login_required_any_role
from recruit.web.helpers import page_argument, safe_next_url

bp = Blueprint("inbox", __name__, url_prefix="/notifications")


@bp.route("/")
@login_required_any_role
def list_notifications():
    """The inbox, newest first."""
    page = notifications.inbox(db.session, current_user, page_argument())
    return render_template("inbox/list.html", page=page)


@bp.route("/<int:notification_id>/open", methods=["POST"])
@login_required_any_role
def open_notification(notification_id: int):
    """Mark a notification read and go to what it is about."""
    notification = notifications.mark_read(db.session, current_user, notification_id) or abort(404)
    db.session.commit()
    return redirect(safe_next_url(notification.link) or url_for("inbox.list_notifications"))


@bp.route("/read-all", methods=["POST"])
@login_required_any_role
def mark_all_read():
    """Mark every notification read."""
    notifications.mark_all_read(db.session, current_user)
    db.session.commit()
    return redirect(url_for("inbox.list_notifications"))
