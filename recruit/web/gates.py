"""What a signed-in person must do before anything else: accept the current privacy notice (services.people.consents
says when a new version asks again), and, for an operator, set up two-step log-in (services.people.two_factor).
Every request but the few below goes to the page that does it."""

from __future__ import annotations

from flask import Flask, redirect, request, url_for
from flask_login import current_user

from recruit.services.people import consents, two_factor

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


def init_gates(app: Flask) -> None:
    """Send signed-in people to the current privacy notice until they accept it, and operators to two-step log-in
    until they have it."""

    @app.before_request
    def _first_things_first():
        if request.endpoint in OPEN_ENDPOINTS or request.endpoint is None or not current_user.is_authenticated:
            return None
        target = (request.full_path if request.method == "GET" else request.path).rstrip("?")
        if consents.needs_notice_consent(current_user):
            return redirect(url_for("auth.consent", next=target), 303)
        if two_factor.is_required(current_user) and not two_factor.is_enabled(current_user):
            if request.endpoint != "auth.two_factor_settings":
                return redirect(url_for("auth.two_factor_settings"), 303)
        return None
