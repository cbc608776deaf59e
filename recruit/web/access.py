"""Who may see which view: log-in through server-side sessions and a role decorator on every view."""

from __future__ import annotations

from datetime import timedelta
from functools import wraps

from flask import Flask, abort, current_app, flash, request, session
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user, logout_user

from recruit import clock
from recruit.extensions import db, login_manager
from recruit.models import Role, User
from recruit.services.people import sessions as session_service

SESSION_TOKEN_KEY = "sid"
# A session ends after this long without a request, unless the person chose to stay logged in on the device
# (never operators): see log_in and _end_idle_sessions.
SEEN_KEY, IDLE_KEY = "seen", "idle_minutes"


def init_login(app: Flask) -> None:
    """Configure Flask-Login to resolve users through their server-side session row."""
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "warning"
    login_manager.session_protection = "basic"

    app.before_request(_end_idle_sessions)

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


def _end_idle_sessions() -> None:
    """Forget the log-in of a browser that has been idle too long; note this request's time otherwise."""
    if SESSION_TOKEN_KEY not in session:
        return
    now = int(clock.now().timestamp())
    idle = session.get(IDLE_KEY)
    if idle and now - int(session.get(SEEN_KEY, 0)) > idle * 60:
        _clear_session_keeping_language()
        flash(_l("You were logged out after %(minutes)d minutes without activity.", minutes=idle), "warning")
        return
    session[SEEN_KEY] = now


def log_in(user: User, remember: bool = False) -> None:
    """Start a server-side session for `user` and put its token in the signed cookie.

    Without `remember` the cookie lasts as long as the browser, and an idle time-out ends the session; with it
    (never for operators) the cookie and the session last RECRUIT_REMEMBER_DAYS."""
    config = current_app.config
    remember = remember and user.role is not Role.OPERATOR
    _clear_session_keeping_language()
    lifetime = timedelta(days=config["RECRUIT_REMEMBER_DAYS"]) if remember else current_app.permanent_session_lifetime
    token = session_service.start_session(
        db.session,
        user,
        lifetime,
        ip_address=request.remote_addr,
        user_agent=request.headers.get("User-Agent"),
    )
    session.permanent = remember
    session[SESSION_TOKEN_KEY] = token
    session[SEEN_KEY] = int(clock.now().timestamp())
    if not remember:
        key = "RECRUIT_OPERATOR_IDLE_MINUTES" if user.role is Role.OPERATOR else "RECRUIT_IDLE_MINUTES"
        session[IDLE_KEY] = config[key]
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
