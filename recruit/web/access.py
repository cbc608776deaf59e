"""Who may see which view: log-in through server-side sessions and a role decorator on every view."""

from __future__ import annotations

from functools import wraps

from flask import Flask, abort, current_app, request, session
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user, logout_user

from recruit.extensions import db, login_manager
from recruit.models import Role, User
from recruit.services.people import sessions as session_service

SESSION_TOKEN_KEY = "sid"


def init_login(app: Flask) -> None:
    """Configure Flask-Login to resolve users through their server-side session row."""
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "warning"
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(user_id: str) -> User | None:
        try:
            uid = int(user_id)
        except (TypeError, ValueError):
            return None
        user = session_service.user_for_token(db.session, uid, session.get(SESSION_TOKEN_KEY))
        return user if user is not None and user.is_active else None


def _clear_session_keeping_language() -> None:
    language = session.get("lang")
    session.clear()
    if language:
        session["lang"] = language


def log_in(user: User) -> None:
    """Start a server-side session for `user` and put its token in the signed cookie."""
    _clear_session_keeping_language()
    token = session_service.start_session(
        db.session,
        user,
        current_app.permanent_session_lifetime,
        ip_address=request.remote_addr,
        user_agent=request.headers.get("User-Agent"),
    )
    session.permanent = True
    session[SESSION_TOKEN_KEY] = token
    login_user(user)


def log_out() -> None:
    """Revoke the current server-side session, so a copied cookie stops working, and clear the cookie."""
    session_service.revoke_session(db.session, session.get(SESSION_TOKEN_KEY))
    logout_user()
    _clear_session_keeping_language()


def current_session_token() -> str | None:
    """Return the token of the current request's session."""
    return session.get(SESSION_TOKEN_KEY)


def public(view):
    """Mark a view as open to everyone, logged in or not."""
    view.access_roles = "public"
    return view


def roles_required(*roles: Role):
    """Allow a view only to logged-in users holding one of `roles` (others get 403, anonymous log in)."""
    allowed = frozenset(roles)

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role not in allowed:
                abort(403)
            return view(*args, **kwargs)

        wrapped.access_roles = allowed
        return wrapped

    return decorator


def login_required_any_role(view):
    """Allow a view to any logged-in user, whatever their role."""
    return roles_required(*Role)(view)
