"""Derived data follows edits, one way: before every flush, the search row of a new or edited vacancy (or of
every vacancy of a renamed company) is rewritten, and a profile or vacancy whose matching text now has another
digest is marked changed, so the worker embeds it again. No service sets either by hand.

`follow_edits()` registers the listener; `create_app` calls it once for the process.
"""

from __future__ import annotations

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from recruit import clock
from recruit.matching.text import profile_match_text, vacancy_match_text
from recruit.models import Company, GraduateProfile, Vacancy
from recruit.services.discovery.search_index import SEARCHED_VACANCY_FIELDS, refresh_document

MATCH_TEXT_OF = {GraduateProfile: profile_match_text, Vacancy: vacancy_match_text}


def mark_changed_text(owner) -> None:
    """Record the digest of the owner's matching text; a new digest marks the text changed now."""
    digest = MATCH_TEXT_OF[type(owner)](owner).digest
    if owner.text_digest != digest:
        owner.text_digest = digest
        owner.text_changed_at = clock.now()


def _follow(session: Session, _context, _instances) -> None:
    for obj in list(session.new) + list(session.dirty):
        if type(obj) in MATCH_TEXT_OF:
            mark_changed_text(obj)
        if isinstance(obj, Vacancy):
            state = inspect(obj)
            if obj in session.new or any(state.attrs[f].history.has_changes() for f in SEARCHED_VACANCY_FIELDS):
                refresh_document(session, obj)
        elif isinstance(obj, Company) and obj not in session.new and inspect(obj).attrs.name.history.has_changes():
            for vacancy in session.scalars(select(Vacancy).where(Vacancy.company_id == obj.id)):
                refresh_document(session, vacancy)


def follow_edits() -> None:
    """Register the listener on every session of the process (once, however often it is called)."""
    if not event.contains(Session, "before_flush", _follow):
        event.listen(Session, "before_flush", _follow)
