"""Headers every response carries, so that a browser refuses what the app never does: scripts from elsewhere or
inline, being framed, guessing content types, leaking addresses with their tokens; and keeps no copy of a
signed-in page."""

from __future__ import annotations

from flask import Flask, g, request, session

from recruit.web.access import SESSION_TOKEN_KEY

# No inline script anywhere: every script is a file under static/ (charts and the select-all box read data-*
# attributes). Inline styles stay allowed: the chart library draws with them.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
SHARED_FILES = frozenset({"static", "public.favicon"})
STATIC_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # Invitation and unsubscribe links carry tokens: another site never learns the address a visitor came from.
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
HSTS = "max-age=31536000; includeSubDomains"


def init_security_headers(app: Flask) -> None:
    """Add the headers to every response of `app`."""
    production = app.config["RECRUIT_ENV"] == "production"

    @app.after_request
    def _security_headers(response):
        for name, value in STATIC_HEADERS.items():
            response.headers.setdefault(name, value)
        if production:
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        # Signed in as the request loaded the user, or as its cookie says (never a new database read here: error
        # pages render without one, and some pages never load the user). Files the same for everyone are cached.
        user = g.get("_login_user")
        signed_in = (user is not None and user.is_authenticated) or SESSION_TOKEN_KEY in session
        if request.endpoint not in SHARED_FILES and signed_in:
            response.headers["Cache-Control"] = "no-store"
            response.headers.add_header("Vary", "Cookie")
        return response
