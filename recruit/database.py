"""Engine settings per database: SQLite in WAL mode with foreign keys, PostgreSQL with pre-ping."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from sqlalchemy import create_engine, event, func, text
from sqlalchemy.engine import Engine, make_url

from recruit import clock

SQLITE_BUSY_TIMEOUT_MS = 10_000

# Whether the transactions begun in this context may write. On SQLite a transaction that will write must take
# the write lock when it begins (BEGIN IMMEDIATE, which waits for the busy timeout): a deferred one that read
# first and writes later gets SQLITE_BUSY at once, without waiting, whenever another writer committed in
# between (https://www.sqlite.org/lang_transaction.html, "read transaction ... upgrade"). Reads stay deferred,
# so in WAL mode they never wait for a writer. Workers and commands write by default; a web request says
# what it intends from its method (GET and HEAD only read).
_write_intent: ContextVar[bool] = ContextVar("recruit_write_intent", default=True)


def set_write_intent(may_write: bool) -> None:
    """Say whether the transactions begun from now on in this context (thread, request) may write."""
    _write_intent.set(may_write)


def write_intent() -> bool:
    """Whether transactions begun now in this context may write."""
    return _write_intent.get()


@contextmanager
def reading() -> Iterator[None]:
    """Within the block, transactions begin as readers (they neither take nor wait for the write lock)."""
    token = _write_intent.set(False)
    try:
        yield
    finally:
        _write_intent.reset(token)


@contextmanager
def writing() -> Iterator[None]:
    """Within the block, transactions begin as writers (a page that only reads records what it showed, say)."""
    token = _write_intent.set(True)
    try:
        yield
    finally:
        _write_intent.reset(token)


class ReadOnlyTransactionWrite(RuntimeError):
    """A transaction begun as a reader tried to write (on SQLite it could fail at once with "locked")."""


def engine_options(url: str) -> dict:
    """Return the create_engine options suited to the database at `url`."""
    backend = make_url(url).get_backend_name()
    if backend == "sqlite":
        return {"connect_args": {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}}
    if backend == "postgresql":
        return {"pool_pre_ping": True, "pool_size": 10, "max_overflow": 10}
    return {}


def configure_engine(engine: Engine) -> None:
    """Install the per-connection settings the engine's database needs."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _sqlite_on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not pysqlite, decide where transactions begin, so SAVEPOINT works
        # (SQLAlchemy docs, "Serializable isolation / Savepoints / Transactional DDL" for pysqlite).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _sqlite_on_begin(connection):
        may_write = _write_intent.get()
        connection.info["recruit_may_write"] = may_write
        connection.exec_driver_sql("BEGIN IMMEDIATE" if may_write else "BEGIN")

    @event.listens_for(engine, "before_cursor_execute")
    def _sqlite_refuse_writes_of_readers(connection, _cursor, statement, _parameters, _context, _executemany):
        if not connection.in_transaction() or (connection.info.get("recruit_may_write", True) and _write_intent.get()):
            return
        verb = statement.lstrip()[:6].upper()
        if verb in ("INSERT", "UPDATE", "DELETE", "REPLAC"):
            raise ReadOnlyTransactionWrite(
                "a transaction begun as a reader writes; mark the request or task as writing "
                f"(recruit.database.set_write_intent): {statement[:80]!r}"
            )


def empty_postgres_schema_url(url: str, schema: str) -> str:
    """(Re)create `schema` empty on the PostgreSQL at `url`; return a URL whose search_path is that schema.

    Tests and benchmarks use this to get a database of their own inside one PostgreSQL database.
    """
    base = make_url(url)
    if base.drivername == "postgresql":
        base = base.set(drivername="postgresql+psycopg")
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    finally:
        engine.dispose()
    return base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)


# Objects that only the migrations know about: SQLite's FTS5 index of vacancies and its shadow tables, and
# APScheduler's job store (its layout is APScheduler's, not a model's).
FTS_TABLE_PREFIX = "vacancy_fts"
UNMAPPED_TABLES = {"scheduler_jobs"}


def include_in_autogenerate(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic filter: leave out the tables no model maps."""
    if type_ == "table" and name and (name.startswith(FTS_TABLE_PREFIX) or name in UNMAPPED_TABLES):
        return False
    if type_ == "index" and getattr(getattr(obj, "table", None), "name", None) in UNMAPPED_TABLES:
        return False
    return True


def refresh_statistics(session, full: bool = True) -> None:
    """Let the query planner see the data as it is now: ANALYZE after bulk loads, PRAGMA optimize daily.

    Without statistics SQLite guesses, and guesses wrong for search (it walks every recent vacancy and
    probes the full-text matches for each, instead of the other way round).
    """
    if full or session.get_bind().dialect.name != "sqlite":
        session.execute(text("ANALYZE"))
    else:
        session.execute(text("PRAGMA optimize"))


def local_date(session, column):
    """The calendar day of a UTC timestamp column in the campaign's time zone, computed by the database (for
    grouping by day). PostgreSQL converts with the zone's rules; SQLite shifts by the zone's offset now, which is
    exact for a zone without daylight saving (Asia/Shanghai)."""
    zone = clock.zone()
    if session.get_bind().dialect.name == "postgresql":
        return func.date(func.timezone(zone.key, column))
    minutes = int(clock.now().astimezone(zone).utcoffset().total_seconds() // 60)
    return func.date(column, f"{minutes:+d} minutes")
