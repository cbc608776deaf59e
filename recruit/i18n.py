"""Translating the product's messages without a request: services, the worker and e-mail use this.

Messages are the same catalogs Flask-Babel serves to pages (recruit/translations). The language of the moment is,
in order: one chosen with `in_locale` (e.g. the recipient's, while writing their notification), the web
request's (the web layer registers a provider), or the configured default.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

from babel.support import NullTranslations, Translations

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
LOCALES = ("en", "zh")

_chosen: ContextVar[str | None] = ContextVar("recruit_locale", default=None)
_default = "zh"
_provider: Callable[[], str | None] | None = None


def configure(default_locale: str, provider: Callable[[], str | None] | None = None) -> None:
    """Set the default language and, for the web, a function naming the current request's language."""
    global _default, _provider
    _default = default_locale
    _provider = provider


def current_locale() -> str:
    """The language messages are translated into now."""
    chosen = _chosen.get() or (_provider() if _provider is not None else None)
    return chosen if chosen in LOCALES else _default


@contextmanager
def in_locale(locale: str | None) -> Iterator[None]:
    """Translate into `locale` inside the block (None: leave the language as it is)."""
    token = _chosen.set(locale if locale in LOCALES else None) if locale else None
    try:
        yield
    finally:
        if token is not None:
            _chosen.reset(token)


@lru_cache(maxsize=len(LOCALES))
def _catalog(locale: str) -> NullTranslations:
    return Translations.load(str(TRANSLATIONS_DIR), [locale], domain="messages")


def gettext(message: str, /, **values) -> str:
    """`message` in the current language, its %(name)s placeholders filled."""
    text = _catalog(current_locale()).ugettext(message)
    return text % values if values else text


def ngettext(singular: str, plural: str, n: int, /, **values) -> str:
    """The singular or plural form for `n` in the current language (%(num)d is `n`)."""
    values.setdefault("num", n)
    return _catalog(current_locale()).ungettext(singular, plural, n) % values


class LazyText:
    """A message translated when it is shown, in the language of that moment; it keeps what it is made of
    (msgid, plural, n, values), so it can also be stored untranslated."""

    __slots__ = ("msgid", "plural", "n", "values")

    def __init__(self, msgid: str, plural: str | None = None, n: int | None = None, /, **values):
        self.msgid, self.plural, self.n, self.values = msgid, plural, n, values

    def __str__(self) -> str:
        values = {key: str(value) if isinstance(value, LazyText) else value for key, value in self.values.items()}
        if self.plural is not None:
            return ngettext(self.msgid, self.plural, self.n, **values)
        return gettext(self.msgid, **values)

    def __html__(self) -> str:
        from markupsafe import escape

        return str(escape(str(self)))

    def __eq__(self, other) -> bool:
        return str(self) == (str(other) if isinstance(other, LazyText) else other)

    def __hash__(self) -> int:
        return hash(self.msgid)

    def __len__(self) -> int:
        return len(str(self))

    def __add__(self, other):
        return str(self) + str(other)

    def __radd__(self, other):
        return str(other) + str(self)

    def __repr__(self) -> str:
        return f"LazyText({self.msgid!r})"

    def __contains__(self, item) -> bool:
        return item in str(self)

    def __getattr__(self, name):  # behave as the string it shows (upper(), split(), …)
        return getattr(str(self), name)


def lazy_gettext(message: str, /, **values) -> LazyText:
    """A message translated when shown (import it as `_l`)."""
    return LazyText(message, **values)


def lazy_ngettext(singular: str, plural: str, n: int, /, **values) -> LazyText:
    """A singular/plural message translated when shown."""
    return LazyText(singular, plural, n, **values)


def as_message(text) -> dict | None:
    """The untranslated form of a lazy message ({"msgid", "plural", "n", "values"}), or None for plain text."""
    if not isinstance(text, LazyText):
        return None
    spec: dict = {"msgid": text.msgid}
    if text.plural is not None:
        spec.update(plural=text.plural, n=text.n)
    spec["values"] = {
        key: as_message(value) or value
        for key, value in text.values.items()
        if isinstance(value, str | int | float | LazyText)
    }
    return spec


def from_message(spec: dict) -> str:
    """A stored untranslated message in the current language, its values put in (nested messages too)."""
    values = {
        key: from_message(value) if isinstance(value, dict) else value
        for key, value in (spec.get("values") or {}).items()
    }
    if "plural" in spec:
        return ngettext(spec["msgid"], spec["plural"], spec["n"], **values)
    return gettext(spec["msgid"], **values)


def N_(message: str) -> str:  # noqa: N802  (the gettext convention for "mark, translate later")
    """Mark a message template for extraction; it is translated later with _l(template, **values)."""
    return message
