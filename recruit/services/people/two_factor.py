"""Two-step log-in with a time-based one-time password (TOTP, RFC 6238, through pyotp) and recovery codes.

- Operators must use it (`is_required`); career offices, SMEs and graduates may.
- It is turned on by confirming a code from the authenticator app for a new secret; ten recovery codes are shown
  once then, each usable once instead of a code (only their hashes are kept).
- A code is accepted for the current 30-second step or the one either side (a phone's clock drifts), and never for
  a step at or before the last one accepted: a code seen over a shoulder cannot be used again.
- Time comes from the project clock, like everything else.
"""

from __future__ import annotations

import hashlib
import secrets

import pyotp
from sqlalchemy import delete, select

from recruit import clock
from recruit.i18n import lazy_gettext as _l
from recruit.models import RecoveryCode, Role, User
from recruit.services.errors import PermissionDenied, ValidationError
from recruit.services.oversight import audit
from recruit.services.people.passwords import verify_password

ISSUER = "recruit"
STEP_SECONDS = 30
RECOVERY_CODES = 10
WRONG_CODE = _l("That code is not right, or was used already: enter the code your app shows now.")


def is_required(user: User) -> bool:
    """Whether the account may not be used without a second factor (operators)."""
    return user.role is Role.OPERATOR


def is_enabled(user: User) -> bool:
    """Whether the account logs in with a second factor."""
    return user.totp_enabled_at is not None and bool(user.totp_secret)


def new_secret() -> str:
    """A new random TOTP secret (base32), to show as a QR code before it is confirmed."""
    return pyotp.random_base32()


def provisioning_uri(user: User, secret: str) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def _accepted_step(secret: str, code: str, last_step: int | None) -> int | None:
    """The time step `code` is valid for (now, or one step either side), if it is later than `last_step`."""
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    if len(code) != 6:
        return None
    totp = pyotp.TOTP(secret)
    now_step = int(clock.now().timestamp()) // STEP_SECONDS
    for step in (now_step - 1, now_step, now_step + 1):
        if (last_step is None or step > last_step) and secrets.compare_digest(totp.at(step * STEP_SECONDS), code):
            return step
    return None


def _hash(code: str) -> str:
    return hashlib.sha256("".join(code.split()).lower().replace("-", "").encode()).hexdigest()


def new_recovery_codes(session, user: User) -> list[str]:
    """Replace the account's recovery codes with ten new ones; return them (shown once, never stored)."""
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = [f"{secrets.token_hex(3)}-{secrets.token_hex(3)}" for _ in range(RECOVERY_CODES)]
    now = clock.now()
    session.add_all(RecoveryCode(user_id=user.id, code_hash=_hash(code), created_at=now) for code in codes)
    session.flush()
    return codes


def enable(session, user: User, secret: str, code: str) -> list[str]:
    """Turn the second factor on with the secret the user's app now holds, proven by a code; return the recovery
    codes."""
    step = _accepted_step(secret, code, None)
    if step is None:
        raise ValidationError(WRONG_CODE, field="code")
    user.totp_secret, user.totp_enabled_at, user.totp_last_step = secret, clock.now(), step
    audit.record(session, user, "account.two_factor_on", user)
    return new_recovery_codes(session, user)


def check(session, user: User, code: str) -> bool:
    """Accept a code from the app (once) or an unused recovery code (used up now) as the second step of a log-in."""
    if not is_enabled(user):
        return False
    step = _accepted_step(user.totp_secret, code, user.totp_last_step)
    if step is not None:
        user.totp_last_step = step
        return True
    recovery = session.scalar(
        select(RecoveryCode).where(
            RecoveryCode.user_id == user.id, RecoveryCode.code_hash == _hash(code or ""), RecoveryCode.used_at.is_(None)
        )
    )
    if recovery is None:
        return False
    recovery.used_at = clock.now()
    audit.record(session, user, "account.recovery_code_used", user)
    return True


def remaining_recovery_codes(session, user: User) -> int:
    """How many recovery codes the account has left."""
    return len(
        session.scalars(
            select(RecoveryCode.id).where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
        ).all()
    )


def disable(session, user: User, password: str, code: str) -> None:
    """Turn the second factor off after the password and a code; operators may not."""
    if is_required(user):
        raise PermissionDenied(_l("Operators always log in with a second step."))
    if not verify_password(user.password_hash, password or ""):
        raise ValidationError(_l("Your password is not right."), field="password")
    if not check(session, user, code):
        raise ValidationError(WRONG_CODE, field="code")
    user.totp_secret = user.totp_enabled_at = user.totp_last_step = None
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    audit.record(session, user, "account.two_factor_off", user)
