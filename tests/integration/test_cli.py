"""The `recruit` command line."""

from sqlalchemy import select

from recruit.models import Role, User


def test_create_user_makes_a_career_office_of_a_university(app, db, make):
    university = make.university()
    result = app.test_cli_runner().invoke(
        args=[
            "create-user",
            "--role",
            "career_office",
            "--email",
            "Office@Example.com",
            "--name",
            "就业中心",
            "--university-code",
            university.code,
            "--password",
            "campus careers 2026",
        ]
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.email == "office@example.com"))
    assert user.role is Role.CAREER_OFFICE and user.university_id == university.id


def test_create_user_explains_a_refusal(app, db):
    result = app.test_cli_runner().invoke(
        args=["create-user", "--role", "operator", "--email", "ops@example.com", "--password", "password"]
    )
    assert result.exit_code != 0
    assert "password" in result.output and "common" in result.output
    assert db.session.scalar(select(User).where(User.email == "ops@example.com")) is None


def test_seed_command_reports_what_it_made(app, db):
    result = app.test_cli_runner().invoke(
        args=[
            "seed",
            "--universities",
            "5",
            "--graduates",
            "40",
            "--companies",
            "6",
            "--vacancies",
            "20",
            "--applications",
            "30",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "'graduates': 40" in result.output and "'applications': 30" in result.output


def test_reindex_search_rewrites_every_document(app, db, make):
    from sqlalchemy import update

    from recruit.models import VacancySearchDocument
    from recruit.services.discovery.search import VacancyQuery, search_vacancies

    vacancy = make.vacancy(title="物流专员")
    db.session.execute(update(VacancySearchDocument).values(title="", body="", vector=None))
    db.session.commit()
    assert search_vacancies(db.session, VacancyQuery(keywords="物流")).total == 0
    result = app.test_cli_runner().invoke(args=["reindex-search"])
    assert result.exit_code == 0 and "Reindexed 1 vacancies" in result.output
    assert [j.id for j in search_vacancies(db.session, VacancyQuery(keywords="物流")).items] == [vacancy.id]


def test_eval_prints_the_baseline_the_calibration_the_exposure_then_the_matching_on_its_last_line(app):
    import re
    from pathlib import Path

    from click.testing import CliRunner

    from recruit.cli import main

    fixtures = Path(__file__).parent.parent / "fixtures" / "matching"
    result = CliRunner().invoke(
        main,
        [
            "eval",
            "--graduates",
            str(fixtures / "graduates.csv"),
            "--jobs",
            str(fixtures / "jobs.csv"),
            "--relevant",
            str(fixtures / "relevant.csv"),
        ],
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    pattern = r"recall@10=(\d\.\d{3}) ndcg@10=(\d\.\d{3}) mrr=(\d\.\d{3})$"
    assert re.search(pattern, lines[0]) and lines[0].startswith("baseline")
    assert lines[1].startswith("calibration: slope=") and "shipped labels:" in lines[1]
    assert lines[2].startswith("exposure of top 10s: never shown") and re.search(pattern, lines[2])
    assert lines[-1].startswith("recruit matching:")
    recall, ndcg, mrr = map(float, re.search(pattern, lines[-1]).groups())
    assert recall == 1.0 and mrr == 1.0  # three easy pairs, each ranked first (the Chinese one through its words)


def test_embed_command_embeds_what_changed_and_all_again(app, db, make):
    from recruit.models import Embedding

    make.graduate(major="Accounting")
    make.vacancy(title="Accountant")
    runner = app.test_cli_runner()
    first = runner.invoke(args=["embed"])
    assert first.exit_code == 0, first.output
    assert "Embedded 2 texts" in first.output
    assert "Embedded 0 texts" in runner.invoke(args=["embed"]).output
    again = runner.invoke(args=["embed", "--all"])
    assert "Embedded 2 texts" in again.output
    assert len(db.session.scalars(select(Embedding)).all()) == 2


def test_load_universities_restores_the_national_list(app, db):
    from sqlalchemy import delete, func, update

    from recruit.models import University

    db.session.execute(delete(University).where(University.code.like("4144%")))  # Guangdong's, say
    db.session.execute(update(University).where(University.code == "4111010001").values(name="北大（旧名）"))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["load-universities"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(func.count()).select_from(University)) == 2631
    assert db.session.scalar(select(University.name).where(University.code == "4111010001")) == "北京大学"
    again = app.test_cli_runner().invoke(args=["load-universities"])
    assert "Added 0 universities" in again.output


def test_refresh_figures_stores_the_operators_snapshot(app, db, make):
    from recruit.services.campaign import national

    make.graduate(university=make.university(province_code="44"))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["refresh-figures"])
    assert result.exit_code == 0, result.output
    assert "Refreshed the figures of 2 scopes and 0 large universities" in result.output
    assert national.snapshot(db.session, None).figures["funnel"]["registered"] >= 1
    assert national.snapshot(db.session, "44") is not None
