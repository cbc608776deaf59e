"""Helpers for matching tests: the real bundled encoder (loaded once per test process) and embedding runs."""

from __future__ import annotations

from recruit.matching import store
from recruit.matching.encoder import get_encoder
from recruit.matching.encoder_settings import EncoderSettings
from recruit.reference.education import Degree
from recruit.services.discovery.embeddings import embed_pending

MODEL_NAME = EncoderSettings().model_name  # what the app's default configuration reads


def encoder():
    """The default encoder (all-MiniLM-L6-v2, int8), as the worker loads it."""
    return get_encoder(EncoderSettings())


def embed_everything(session) -> None:
    """Run what the worker's embedding task runs, until nothing is left."""
    embed_pending(session, encoder(), commit_batch=session.commit)


def fresh_indexes() -> None:
    """Forget the in-memory indexes (ids of rolled-back tests could come back on SQLite)."""
    store.forget_all()


def change_text(owner, **fields) -> None:
    """Change matching text as a service would: only the fields (the flush marks the text changed)."""
    for name, value in fields.items():
        setattr(owner, name, value)


def accountant(make, **kw):
    """A graduate in accounting with a complete profile (keyword arguments change its fields)."""
    values = {
        "major": "Accounting",
        "skills": ["Excel", "bookkeeping"],
        "degree": Degree.BACHELOR,
        "about": "Accounting graduate: financial statements, tax returns and audits.",
    }
    return make.graduate(**{**values, **kw})


def posted_vacancy(make, title, description, **kw):
    """A published vacancy with this title and description, no requirements, and the skills given (none)."""
    return make.vacancy(title=title, description=description, requirements="", skills=kw.pop("skills", []), **kw)
