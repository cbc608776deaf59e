"""A signed-in person who has not accepted the current privacy notice is asked to, before anything else: every
request but the few below goes to the notice (services.people.consents says when a new version asks again)."""

from __future__ import annotations

from flask import Flask, redirect, request, url_for
from flask_login import current_user

from recruit.services.people import consents

# What stays open while the notice waits: reading it, leaving, one's language, one's own data, the probes.
OPEN_ENDPOINTS = frozenset(
    {
        "auth.consent",
        "auth.logout",
        "auth.download_my_data",
        "auth.verify_email",
        "public.privacy",
        "public.set_language",
        "public.favicon",
        "static",
        "api.health",
        "probes.healthz",
        "probes.readyz",
        "probes.metrics",
    }
)


def init_consent_gate(app: Flask) -> None:
    """Send signed-in people to the current privacy notice until they accept it."""

    @app.before_request
    def _ask_for_the_current_notice():
        if request.endpoint in OPEN_ENDPOINTS or request.endpoint is None:
            return None
        if current_user.is_authenticated and consents.needs_notice_consent(current_user):
            target = request.full_path if request.method == "GET" else request.path
            return redirect(url_for("auth.consent", next=target.rstrip("?")), 303)
        return None
