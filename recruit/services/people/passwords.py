"""Password policy and hashing (scrypt, through Werkzeug)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from werkzeug.security import check_password_hash, generate_password_hash

from recruit.i18n import lazy_gettext as _l

MIN_LENGTH = 8
MAX_LENGTH = 128
HASH_METHOD = "scrypt"


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """Return the 1,000 most common passwords, lower-cased."""
    text = resources.files("recruit").joinpath("data/common_passwords.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def password_problem(password: str, email: str | None = None):
    """Return why `password` is not acceptable, or None when it is."""
    if len(password) < MIN_LENGTH:
        return _l("Use at least %(n)d characters.", n=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return _l("Use at most %(n)d characters.", n=MAX_LENGTH)
    if password.lower() in common_passwords():
        return _l("This password is one of the most common ones; choose another.")
    if email and password.lower() == email.lower():
        return _l("Your password must not be your e-mail address.")
    return None


def hash_password(password: str) -> str:
    """Hash a password for storage."""
    return generate_password_hash(password, method=HASH_METHOD)


def verify_password(password_hash: str, password: str) -> bool:
    """Tell whether `password` matches the stored hash."""
    return check_password_hash(password_hash, password)


@lru_cache(maxsize=1)
def dummy_hash() -> str:
    """A hash to check against when the account does not exist, so timing does not reveal it."""
    return hash_password("no such account, but take the same time")
