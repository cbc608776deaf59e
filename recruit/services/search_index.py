"""The words a vacancy is found by, kept in step with the vacancy in the same transaction.

Chinese has no spaces between words, so every run of Chinese characters is indexed as overlapping
character pairs (会计学 → 会计 计学): a two-character word such as 会计 or 销售 is then one token, and a longer
one is found as a phrase of consecutive pairs. Latin words are lower-cased; C++, C# and Vue.js keep their
identity (cpp, csharp, vuejs).
"""

from __future__ import annotations

import re

from sqlalchemy import event, insert, select
from sqlalchemy.orm import Session

from recruit.models import Company, Job, JobSearchDocument

_SPECIAL = ((re.compile(r"c\+\+"), "cpp"), (re.compile(r"c#"), "csharp"), (re.compile(r"f#"), "fsharp"),
            (re.compile(r"(?<=\w)\.(?=\w)"), ""))
_RUNS = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)|([0-9a-z]+)")
MAX_POSITIONS = 4000  # PostgreSQL keeps positions up to 16383; documents are far shorter


def _normalise(text: str) -> str:
    text = (text or "").lower()
    for pattern, replacement in _SPECIAL:
        text = pattern.sub(replacement, text)
    return text


def _positions(text: str) -> list[tuple[str, ...]]:
    """Index tokens by position: a Latin word, or a Chinese pair together with the triple starting there."""
    result: list[tuple[str, ...]] = []
    for cjk, latin in _RUNS.findall(_normalise(text)):
        if latin:
            result.append((latin,))
        elif len(cjk) == 1:
            result.append((cjk,))
        else:
            for i in range(len(cjk) - 1):
                triple = cjk[i:i + 3]
                result.append((cjk[i:i + 2], triple) if len(triple) == 3 else (cjk[i:i + 2],))
    return result


def tokens(text: str) -> list[str]:
    """Split text into index tokens: Latin words, and overlapping pairs of Chinese characters."""
    return [group[0] for group in _positions(text)]


def query_terms(query: str) -> list[str]:
    """Split a search query into its words: Latin words and runs of Chinese characters."""
    return [cjk or latin for cjk, latin in _RUNS.findall(_normalise(query))]


def _pairs(word: str) -> list[str]:
    return [word] if len(word) < 2 or word.isascii() else [word[i:i + 2] for i in range(len(word) - 1)]


def _is_prefix(word: str) -> bool:
    # A Latin word may be still being typed, and one Chinese character starts many pairs: match as prefixes.
    return word.isascii() or len(word) == 1


def fts5_match(words: list[str]) -> str:
    """The FTS5 MATCH expression: every word; Chinese words as phrases of pairs; Latin words as prefixes."""
    parts = []
    for word in words:
        if _is_prefix(word):
            parts.append(f'"{word}" *')
        else:
            parts.append('"' + " ".join(_pairs(word)) + '"')
    return " AND ".join(parts)


def tsquery(words: list[str]) -> str:
    """The PostgreSQL to_tsquery('simple', …) expression for the same words.

    PostgreSQL's index also holds Chinese triples, so a two- or three-character word is one exact lexeme
    (no phrase to re-check against each document), and a longer one a phrase of triples.
    """
    parts = []
    for word in words:
        if _is_prefix(word):
            parts.append(f"{word}:*")
        elif len(word) <= 3:
            parts.append(word)
        else:
            parts.append(" <-> ".join(word[i:i + 3] for i in range(len(word) - 2)))
    return " & ".join(f"({p})" for p in parts)


def _tsvector_literal(title: list[tuple[str, ...]], body: list[tuple[str, ...]]) -> str:
    # Title words weigh most (A); positions let phrase queries (<->) find consecutive tokens; a pair and the
    # triple starting with it share a position.
    entries = []
    for position, group in enumerate(title[:MAX_POSITIONS], start=1):
        entries += [f"{lexeme}:{position}A" for lexeme in group]
    offset = min(len(title), MAX_POSITIONS) + 1
    for position, group in enumerate(body[:MAX_POSITIONS], start=offset + 1):
        entries += [f"{lexeme}:{position}" for lexeme in group]
    return " ".join(entries)


def document_for(job_title: str, description: str, requirements: str, skills: list[str], company_name: str,
                 city: str, uses_tsvector: bool) -> dict[str, str | None]:
    """The search row of one vacancy: FTS5's token text on SQLite, the weighted tsvector on PostgreSQL."""
    title = _positions(job_title)
    body = _positions(" ".join([description or "", requirements or "", " ".join(skills or []),
                                company_name or "", city or ""]))
    if uses_tsvector:
        # Only the vector is read on PostgreSQL: keeping the rows narrow keeps index look-ups cheap.
        return {"title": "", "body": "", "vector": _tsvector_literal(title, body)}
    return {"title": " ".join(g[0] for g in title), "body": " ".join(g[0] for g in body), "vector": None}


def _uses_tsvector(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def refresh_document(session: Session, job: Job) -> None:
    """Write (or rewrite) the search row of `job` from its current fields."""
    company = job.company or session.get(Company, job.company_id)
    values = document_for(job.title, job.description, job.requirements, job.skills, company.name if company else "",
                          job.city, _uses_tsvector(session))
    document = job.search_document
    if document is None:
        job.search_document = JobSearchDocument(**values)
    else:
        for key, value in values.items():
            setattr(document, key, value)


SEARCHED_JOB_FIELDS = ("title", "description", "requirements", "skills", "city", "company_id")


@event.listens_for(Session, "before_flush")
def _keep_documents_in_step(session: Session, _context, _instances) -> None:
    """Before every flush, rewrite the search rows of new or edited vacancies and of renamed companies."""
    from sqlalchemy import inspect

    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, Job):
            state = inspect(obj)
            if obj in session.new or any(state.attrs[f].history.has_changes() for f in SEARCHED_JOB_FIELDS):
                refresh_document(session, obj)
        elif isinstance(obj, Company) and obj not in session.new and inspect(obj).attrs.name.history.has_changes():
            for job in session.scalars(select(Job).where(Job.company_id == obj.id)):
                refresh_document(session, job)


def bulk_insert_documents(session: Session, jobs: list[dict], company_names: dict[int, str]) -> None:
    """Write search rows for vacancies inserted in bulk (the seed), which bypass the ORM events."""
    uses_tsvector = _uses_tsvector(session)
    rows = [{"job_id": job["id"], **document_for(job["title"], job["description"], job["requirements"],
                                                 job["skills"], company_names.get(job["company_id"], ""),
                                                 job["city"], uses_tsvector)} for job in jobs]
    for start in range(0, len(rows), 5000):
        session.execute(insert(JobSearchDocument), rows[start:start + 5000])


def rebuild_all(session: Session, batch: int = 2000) -> int:
    """Rewrite every vacancy's search row (after changing the tokenizer); return how many."""
    count, last_id = 0, 0
    while True:
        jobs = session.scalars(select(Job).where(Job.id > last_id).order_by(Job.id).limit(batch)).all()
        if not jobs:
            return count
        for job in jobs:
            refresh_document(session, job)
        session.flush()
        count += len(jobs)
        last_id = jobs[-1].id
