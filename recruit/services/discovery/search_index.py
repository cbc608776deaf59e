"""The words a vacancy is found by, kept in step with the vacancy in the same transaction.

Chinese has no spaces between words, so every run of Chinese characters is indexed as overlapping
character pairs (会计学 → 会计 计学 学): a two-character word such as 会计 or 销售 is then one token, and a longer
one is found as a phrase of consecutive pairs. Latin words are lower-cased and stemmed with the same English
stemmer at index and query time (accounting, accountant → account); C++, C# and Vue.js keep their identity
(cpp, csharp, vuejs). A change here needs `recruit reindex-search` (migration 0013 says so).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from recruit.language import CJK_CHARACTERS, chinese_search_words, english_stems
from recruit.models import Company, Vacancy, VacancySearchDocument

_SPECIAL = (
    (re.compile(r"c\+\+"), "cpp"),
    (re.compile(r"c#"), "csharp"),
    (re.compile(r"f#"), "fsharp"),
    (re.compile(r"(?<=\w)\.(?=\w)"), ""),
)
_RUNS = re.compile(rf"([{CJK_CHARACTERS}]+)|([0-9a-z]+)")
MAX_POSITIONS = 4000  # PostgreSQL keeps positions up to 16383; documents are far shorter


def _normalise(text: str) -> str:
    text = (text or "").lower()
    for pattern, replacement in _SPECIAL:
        text = pattern.sub(replacement, text)
    return text


def _runs(text: str) -> list[tuple[str, str]]:
    """(Chinese run, "") or ("", stemmed Latin word) for each run of the text, in order."""
    runs = _RUNS.findall(_normalise(text))
    stems = iter(english_stems([latin for _, latin in runs if latin]))
    return [(cjk, "") if cjk else ("", next(stems)) for cjk, _ in runs]


def _positions(text: str) -> list[tuple[str, ...]]:
    """Index tokens by position: a Latin word's stem, or a Chinese pair together with the triple starting there.

    A run of Chinese ends with its last character alone, so that a one-character search (a prefix of the
    tokens) finds that character where it ends a word too (设计 → 计).
    """
    result: list[tuple[str, ...]] = []
    for cjk, latin in _runs(text):
        if latin:
            result.append((latin,))
        elif len(cjk) == 1:
            result.append((cjk,))
        else:
            for i in range(len(cjk) - 1):
                triple = cjk[i : i + 3]
                result.append((cjk[i : i + 2], triple) if len(triple) == 3 else (cjk[i : i + 2],))
            result.append((cjk[-1],))
    return result


def index_terms(text: str) -> list[str]:
    """Split text into index tokens: Latin stems, overlapping pairs of Chinese characters, each run's last one."""
    return [group[0] for group in _positions(text)]


@dataclass(frozen=True)
class QueryWord:
    """One word of a search: a Latin stem, or a run of Chinese characters with the words found inside it (a
    longer run also matches vacancies holding all its words, ranked below those holding the run itself)."""

    text: str
    parts: tuple[str, ...] = ()


def query_words(query: str) -> list[QueryWord]:
    """Split a search query into its words: Latin stems and runs of Chinese characters."""
    words = []
    for cjk, latin in _runs(query):
        if latin:
            words.append(QueryWord(latin))
        elif len(cjk) <= 2:
            words.append(QueryWord(cjk))
        else:
            found = {w for w in chinese_search_words(cjk) if 2 <= len(w) < len(cjk)}
            widest = tuple(sorted((w for w in found if not any(w != o and w in o for o in found)), key=cjk.find))
            words.append(QueryWord(cjk, widest))
    return words


def query_terms(query: str) -> list[str]:
    """The words of a search query as text (Latin stems and runs of Chinese characters)."""
    return [word.text for word in query_words(query)]


def _pairs(word: str) -> list[str]:
    return [word] if len(word) < 2 or word.isascii() else [word[i : i + 2] for i in range(len(word) - 1)]


def _is_prefix(word: str) -> bool:
    # A Latin word may be still being typed, and one Chinese character starts many pairs: match as prefixes.
    return word.isascii() or len(word) == 1


def _fts5_word(text: str) -> str:
    return f'"{text}" *' if _is_prefix(text) else '"' + " ".join(_pairs(text)) + '"'


def fts5_match(words: list[QueryWord], exact: bool = False, column: str | None = None) -> str:
    """The FTS5 MATCH expression: every word (`exact`: as typed, else a long Chinese run or all its words);
    Chinese as phrases of pairs, Latin words as prefixes; `column` limits it to that column."""
    parts = []
    for word in words:
        phrase = _fts5_word(word.text)
        if word.parts and not exact:
            phrase = f"({phrase} OR ({' AND '.join(_fts5_word(p) for p in word.parts)}))"
        parts.append(phrase)
    expression = " AND ".join(parts)
    return f"{column} : ({expression})" if column else expression


def _ts_word(text: str, weight: str) -> str:
    if _is_prefix(text):
        return f"{text}:*{weight}"
    if len(text) <= 3:
        return f"{text}:{weight}" if weight else text
    return " <-> ".join(f"{text[i : i + 3]}:{weight}" if weight else text[i : i + 3] for i in range(len(text) - 2))


def tsquery(words: list[QueryWord], exact: bool = False, title_only: bool = False) -> str:
    """The PostgreSQL to_tsquery('simple', …) expression for the same words (`title_only`: weight A lexemes).

    PostgreSQL's index also holds Chinese triples, so a two- or three-character word is one exact lexeme
    (no phrase to re-check against each document), and a longer one a phrase of triples.
    """
    weight = "A" if title_only else ""
    parts = []
    for word in words:
        phrase = f"({_ts_word(word.text, weight)})"
        if word.parts and not exact:
            phrase = f"({phrase} | ({' & '.join(f'({_ts_word(p, weight)})' for p in word.parts)}))"
        parts.append(phrase)
    return " & ".join(parts)


def has_alternatives(words: list[QueryWord]) -> bool:
    """Whether some word also matches through the words inside it (then exact matches rank first)."""
    return any(word.parts for word in words)


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


def document_for(
    vacancy_title: str,
    description: str,
    requirements: str,
    skills: list[str],
    company_name: str,
    city: str,
    uses_tsvector: bool,
) -> dict[str, str | None]:
    """The search row of one vacancy: FTS5's token text on SQLite, the weighted tsvector on PostgreSQL."""
    title = _positions(vacancy_title)
    body = _positions(
        " ".join([description or "", requirements or "", " ".join(skills or []), company_name or "", city or ""])
    )
    if uses_tsvector:
        # Only the vector is read on PostgreSQL: keeping the rows narrow keeps index look-ups cheap.
        return {"title": "", "body": "", "vector": _tsvector_literal(title, body)}
    return {"title": " ".join(g[0] for g in title), "body": " ".join(g[0] for g in body), "vector": None}


def _uses_tsvector(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def refresh_document(session: Session, vacancy: Vacancy) -> None:
    """Write (or rewrite) the search row of `vacancy` from its current fields."""
    company = vacancy.company or session.get(Company, vacancy.company_id)
    values = document_for(
        vacancy.title,
        vacancy.description,
        vacancy.requirements,
        vacancy.skills,
        company.name if company else "",
        vacancy.city,
        _uses_tsvector(session),
    )
    document = vacancy.search_document
    if document is None:
        vacancy.search_document = VacancySearchDocument(**values)
    else:
        for key, value in values.items():
            setattr(document, key, value)


SEARCHED_VACANCY_FIELDS = ("title", "description", "requirements", "skills", "city", "company_id")


def bulk_insert_documents(session: Session, vacancies: list[dict], company_names: dict[int, str]) -> None:
    """Write search rows for vacancies inserted in bulk (the seed), which bypass the ORM events."""
    uses_tsvector = _uses_tsvector(session)
    rows = [
        {
            "vacancy_id": vacancy["id"],
            **document_for(
                vacancy["title"],
                vacancy["description"],
                vacancy["requirements"],
                vacancy["skills"],
                company_names.get(vacancy["company_id"], ""),
                vacancy["city"],
                uses_tsvector,
            ),
        }
        for vacancy in vacancies
    ]
    for start in range(0, len(rows), 5000):
        session.execute(insert(VacancySearchDocument), rows[start : start + 5000])


def rebuild_all(session: Session, batch: int = 2000) -> int:
    """Rewrite every vacancy's search row (after changing the tokenizer); return how many."""
    count, last_id = 0, 0
    while True:
        vacancies = session.scalars(select(Vacancy).where(Vacancy.id > last_id).order_by(Vacancy.id).limit(batch)).all()
        if not vacancies:
            return count
        for vacancy in vacancies:
            refresh_document(session, vacancy)
        session.flush()
        count += len(vacancies)
        last_id = vacancies[-1].id
