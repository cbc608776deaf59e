"""Unified social credit codes (统一社会信用代码), GB 32100-2015."""

from __future__ import annotations

from recruit.i18n import lazy_gettext as _l

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18
_VALUE = {ch: i for i, ch in enumerate(CHARSET)}


def check_character(first17: str) -> str:
    """Return the check character (position 18) for the first 17 characters of a code."""
    total = sum(_VALUE[ch] * weight for ch, weight in zip(first17, WEIGHTS, strict=True))
    c = 31 - total % 31
    return CHARSET[0 if c == 31 else c]


def normalize(code: str) -> str:
    """Return the code trimmed, without inner spaces, in upper case."""
    return "".join((code or "").split()).upper()


def problem(code: str):
    """Return why `code` is not a valid unified social credit code, or None when it is."""
    code = normalize(code)
    if len(code) != LENGTH:
        return _l("A unified social credit code has 18 characters; this one has %(n)d.", n=len(code))
    bad = sorted({ch for ch in code if ch not in _VALUE})
    if bad:
        return _l(
            "A unified social credit code uses only digits and the letters "
            "ABCDEFGHJKLMNPQRTUWXY; %(chars)s is not allowed.",
            chars=", ".join(bad),
        )
    if not code[2:8].isdigit():
        return _l("Characters 3 to 8 of a unified social credit code are the six-digit administrative division code.")
    expected = check_character(code[:17])
    if code[17] != expected:
        return _l(
            "The last character (the check character) does not match the first 17: check the code for a typing error."
        )
    return None


def is_valid(code: str) -> bool:
    """Tell whether `code` is a valid unified social credit code."""
    return problem(code) is None
