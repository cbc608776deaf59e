"""Values every template sees: the running campaign and the user's unread notifications."""

from __future__ import annotations

import logging

from flask import Flask, g
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError

from recruit import clock
from recruit.extensions import db
from recruit.i18n import from_message
from recruit.labels import field_label, label, phase_label, roster_field_label
from recruit.reference.industries import industry_name
from recruit.reference.regions import province_name
from recruit.services.campaign import campaigns
from recruit.services.errors import ValidationError
from recruit.services.messaging import notifications
from recruit.services.web_addresses import clean_web_address
from recruit.ttl_cache import TTLCache
from recruit.web.choices import degree_name

log = logging.getLogger(__name__)


def linkable_web_address(value: str | None) -> str:
    """`value` if it is an http(s) address that may be a link's target, else "" (stored data may predate the
    rule, and a `javascript:` link runs script)."""
    try:
        return clean_web_address(value, "") or ""
    except ValidationError:
        return ""


def notification_text(notification, part: str) -> str:
    """A notification's title or body in the reader's language when it was stored as a message."""
    spec = (notification.message or {}).get(part)
    return from_message(spec) if spec else getattr(notification, part)


def init_template_context(app: Flask) -> None:
    """Register the context processor and template filters."""

    # Every page shows the campaign bar; it changes once a day, so each process keeps it a few seconds.
    statuses = TTLCache(size=4, seconds=app.config["RECRUIT_CACHE_SECONDS"])

    @app.context_processor
    def inject():
        if g.get("serving_server_error"):  # the 500 page reads nothing: the database may be what failed
            return {}
        today = clock.today()
        try:
            return {
                "campaign_status": statuses.get_or_compute(today, lambda: campaigns.status_on(db.session, today)),
                "unread_count": (
                    notifications.unread_count(db.session, current_user) if current_user.is_authenticated else 0
                ),
            }
        except SQLAlchemyError:
            # An error page must still render when the database is what failed.
            log.exception("template context unavailable")
            db.session.rollback()
            return {"campaign_status": None, "unread_count": 0}

    zone = clock.zone()
    app.jinja_env.filters["local_date"] = lambda moment: moment.astimezone(zone).date().isoformat() if moment else ""
    app.jinja_env.filters["label"] = label
    app.jinja_env.filters["notification_title"] = lambda n: notification_text(n, "title")
    app.jinja_env.filters["notification_body"] = lambda n: notification_text(n, "body")
    app.jinja_env.filters["web_address"] = linkable_web_address
    app.jinja_env.filters["field_label"] = field_label
    app.jinja_env.filters["roster_field"] = roster_field_label
    app.jinja_env.globals["degree_name"] = degree_name
    app.jinja_env.filters["phase_label"] = phase_label
    app.jinja_env.filters["province_name"] = province_name
    app.jinja_env.filters["industry_name"] = industry_name
