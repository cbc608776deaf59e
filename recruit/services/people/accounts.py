"""Accounts: registration, authentication, password changes, accounts made by the operator."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from recruit import clock
from recruit.i18n import lazy_gettext as _l
from recruit.models import GraduateProfile, Role, University, User
from recruit.services.errors import PermissionDenied, ValidationError
from recruit.services.oversight import audit
from recruit.services.people import consents, email_verification, sessions
from recruit.services.people.passwords import dummy_hash, hash_password, password_problem, verify_password
from recruit.services.universities import rosters

SELF_REGISTERED_ROLES = (Role.GRADUATE, Role.EMPLOYER)
MAX_EMAIL_LENGTH = 254  # as the column holds it


def normalize_email(email: str) -> str:
    """Return the stored form of an e-mail address (trimmed, lower-cased), or raise ValidationError."""
    email = (email or "").strip()
    try:
        checked = validate_email(email, check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValidationError(_l("Enter a valid e-mail address."), field="email") from exc
    return checked.normalized.lower()


def find_by_email(session, email: str) -> User | None:
    """Return the account with this e-mail in any letter case, or None (an address no account can have, such as one
    with control characters or over the length limit, is never looked up)."""
    address = (email or "").strip().lower()
    if not address or len(address) > MAX_EMAIL_LENGTH or any(ord(ch) < 32 or ord(ch) == 127 for ch in address):
        return None
    return session.scalar(select(User).where(User.email == address))


def _check_new_account(session, email: str, password: str) -> str:
    normalized = normalize_email(email)
    if find_by_email(session, normalized) is not None:
        raise ValidationError(_l("An account with this e-mail address already exists."), field="email")
    problem = password_problem(password, normalized)
    if problem:
        raise ValidationError(problem, field="password")
    return normalized


def _insert_user(session, user: User) -> User:
    """Add `user` inside a savepoint so that a concurrent duplicate e-mail leaves nothing behind."""
    try:
        with session.begin_nested():
            session.add(user)
            session.flush()
    except IntegrityError as exc:
        raise ValidationError(_l("An account with this e-mail address already exists."), field="email") from exc
    return user


def register(
    session,
    *,
    role: Role,
    email: str,
    password: str,
    display_name: str,
    has_consented: bool,
    locale: str | None = None,
    invited: bool = False,
) -> User:
    """Register a graduate or an SME employer who accepted the privacy notice; a link to prove the address is
    e-mailed, unless the person came through an invitation sent to it (`invited`: the invitation proves it)."""
    if role not in SELF_REGISTERED_ROLES:
        raise ValidationError(_l("Only graduates and employers can register themselves."), field="role")
    if not has_consented:
        raise ValidationError(_l("You must accept the privacy notice to register."), field="consent")
    display_name = (display_name or "").strip()
    if not display_name:
        raise ValidationError(_l("Enter your name."), field="display_name")
    normalized = _check_new_account(session, email, password)
    now = clock.now()
    user = User(
        email=normalized,
        password_hash=hash_password(password),
        role=role,
        display_name=display_name[:100],
        locale=locale,
        created_at=now,
    )
    _insert_user(session, user)
    consents.accept_notice(session, user)
    if not invited:
        email_verification.send_link(session, user)
    if role is Role.GRADUATE:
        _add_profile(session, user, now)
    audit.record(session, user, "account.register", user, {"role": role.value})
    return user


def _add_profile(session, user: User, now) -> GraduateProfile:
    """A new graduate's empty profile, linked at once to their university's roster if it lists their e-mail."""
    profile = GraduateProfile(user_id=user.id, full_name=user.display_name, created_at=now)
    session.add(profile)
    session.flush()
    rosters.link_registered_graduate(session, profile, user.email)
    return profile


def create_user(
    session,
    *,
    role: Role,
    email: str,
    password: str,
    display_name: str,
    university_id: int | None = None,
    actor: User | None = None,
) -> User:
    """Create an account of any role (career offices and operators are made this way)."""
    normalized = _check_new_account(session, email, password)
    if role is Role.CAREER_OFFICE:
        if university_id is None or session.get(University, university_id) is None:
            raise ValidationError(_l("A career office belongs to a university: choose one."), field="university_id")
    else:
        university_id = None
    now = clock.now()
    user = User(
        email=normalized,
        password_hash=hash_password(password),
        role=role,
        display_name=(display_name or "").strip()[:100] or normalized,
        university_id=university_id,
        created_at=now,
    )
    _insert_user(session, user)
    if role is Role.GRADUATE:
        _add_profile(session, user, now)
    audit.record(session, actor, "account.create", user, {"role": role.value})
    return user


def authenticate(session, email: str, password: str) -> User | None:
    """Return the enabled account these credentials belong to, or None."""
    user = find_by_email(session, email)
    if user is None:
        verify_password(dummy_hash(), password)
        return None
    if not verify_password(user.password_hash, password) or not user.is_enabled:
        return None
    return user


def change_password(session, user: User, current_password: str, new_password: str) -> None:
    """Replace the password after checking the current one; other sessions are ended by the caller."""
    if not verify_password(user.password_hash, current_password):
        raise ValidationError(_l("Your current password is not right."), field="current_password")
    problem = password_problem(new_password, user.email)
    if problem:
        raise ValidationError(problem, field="new_password")
    user.password_hash = hash_password(new_password)
    audit.record(session, user, "account.change_password", user)


def update_notification_settings(user: User, email_opt_in: bool, digest_frequency) -> None:
    """Record what the user wants by e-mail, and how often digests come."""
    user.email_opt_in = email_opt_in
    user.digest_frequency = digest_frequency


def set_locale(user: User, locale: str) -> None:
    """Remember the interface language the user chose."""
    user.locale = locale


def count_by_role(session) -> dict[Role, int]:
    """Return how many accounts each role has."""
    rows = session.execute(select(User.role, func.count()).group_by(User.role)).all()
    return {Role(role): n for role, n in rows}


def set_enabled(session, actor: User, user: User, enabled: bool) -> None:
    """The operator disables an account (it cannot log in, and its sessions end at once) or enables it again."""
    if actor.role is not Role.OPERATOR:
        raise PermissionDenied(_l("Only the operator can disable or enable accounts."))
    if user.id == actor.id and not enabled:
        raise ValidationError(_l("You cannot disable your own account."), field="enabled")
    if user.is_enabled == enabled:
        return
    user.is_enabled = enabled
    if not enabled:
        sessions.revoke_other_sessions(session, user)
    audit.record(session, actor, "account.enable" if enabled else "account.disable", user)
