"""Each graduate's standing (furthest stage, applications, answered, first applied, placed) is kept on the profile
by the flush listener: it follows the hiring pipeline, matches a recomputation from the applications after bulk
writes and after the migration's backfill, and stays right when several people move one graduate's applications
at the same moment."""

from __future__ import annotations

import importlib.util
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, select, text, update

from recruit import clock
from recruit.extensions import db
from recruit.models import (
    Application,
    ApplicationStatus,
    Company,
    CompanyMember,
    EmploymentAgreement,
    GraduateProfile,
    Role,
    User,
    Vacancy,
)
from recruit.seeding.loader import SeedSizes, seed_database
from recruit.services.hiring import agreements
from recruit.services.hiring import applications as pipeline
from recruit.services.hiring.offers import OfferTerms
from recruit.services.universities.standing import STANDING_FIELDS, recompute_standing
from tests.factories import Factories
from tests.support.apps import dispose, migrated_app

S = ApplicationStatus
MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations" / "versions"
STANDING_MIGRATION = MIGRATIONS / "0024_graduate_standing.py"
OUTCOMES_MIGRATION = MIGRATIONS / "0030_confirmed_outcomes.py"
OFFER_TERMS = OfferTerms("软件工程师", 8000, clock.today() + timedelta(days=40), clock.today() + timedelta(days=7))
AGREEMENT_TERMS = agreements.AgreementTerms("软件工程师", clock.today() + timedelta(days=40), 8000, 36, True, True)


def _standing(session, graduate_id: int) -> tuple:
    session.expire_all()
    profile = session.get(GraduateProfile, graduate_id)
    return tuple(getattr(profile, field) for field in STANDING_FIELDS)


def _all_standing(session) -> dict[int, tuple]:
    columns = [getattr(GraduateProfile, field) for field in STANDING_FIELDS]
    return {row[0]: tuple(row[1:]) for row in session.execute(select(GraduateProfile.id, *columns))}


def test_the_standing_follows_the_pipeline(db, make):
    graduate = make.graduate()
    employer = make.employer()
    vacancy = make.vacancy()
    assert _standing(db.session, graduate.id) == (0, 0, 0, None, None)

    first = pipeline.apply(
        db.session, graduate, make.vacancy(company=_company_of(db.session, employer)), shares_with_employer=True
    )
    pipeline.apply(db.session, graduate, vacancy, shares_with_employer=True)
    stage, applications, answered, first_applied, placed = _standing(db.session, graduate.id)
    assert (stage, applications, answered, placed) == (1, 2, 0, None)
    assert first_applied == first.created_at

    for step in (S.VIEWED, S.SHORTLISTED, S.INTERVIEW):
        pipeline.transition(db.session, first, step, employer)
    pipeline.transition(db.session, first, S.OFFERED, employer, terms=OFFER_TERMS)
    db.session.flush()
    assert _standing(db.session, graduate.id)[:3] == (3, 2, 1)

    pipeline.transition(db.session, first, S.HIRED, graduate.user)
    db.session.flush()
    assert _standing(db.session, graduate.id)[:3] == (3, 2, 1)  # an accepted offer is not yet a placement
    assert _standing(db.session, graduate.id)[4] is None

    agreement = agreements.of_application(db.session, first)
    agreements.submit(db.session, agreement, employer, AGREEMENT_TERMS)
    agreements.confirm(db.session, agreement, graduate.user)
    db.session.flush()
    assert _standing(db.session, graduate.id)[0] == 3  # nor one the graduate confirmed
    office = make.user(Role.CAREER_OFFICE, university=graduate.university)
    agreements.confirm(db.session, agreement, office)
    db.session.flush()
    stage, applications, answered, _first, placed = _standing(db.session, graduate.id)
    assert (stage, applications, answered) == (4, 2, 1)
    assert placed == agreement.confirmed_at

    db.session.delete(db.session.get(Application, first.id))
    db.session.flush()
    assert _standing(db.session, graduate.id)[:3] == (1, 1, 0)
    assert _standing(db.session, graduate.id)[4] is None


def _company_of(session, employer: User):
    return session.scalar(
        select(Company)
        .join(CompanyMember, CompanyMember.company_id == Company.id)
        .where(CompanyMember.user_id == employer.id)
    )


def test_a_declined_offer_still_counts_as_offered_and_a_withdrawal_as_applied(db, make):
    offered = make.graduate()
    make.application(graduate=offered, status=S.DECLINED)
    withdrawn = make.graduate()
    make.application(graduate=withdrawn, status=S.WITHDRAWN)
    assert _standing(db.session, offered.id)[:3] == (3, 1, 1)
    assert _standing(db.session, withdrawn.id)[:3] == (1, 1, 1)


def test_bulk_rows_and_the_migration_backfill_agree_with_the_listener(db):
    seed_database(db.session, SeedSizes(universities=4, graduates=80, companies=8, vacancies=30, applications=220))
    db.session.flush()
    kept = _all_standing(db.session)
    assert sum(1 for standing in kept.values() if standing[1] > 0) > 40  # most graduates applied
    assert any(standing[0] == 4 for standing in kept.values())  # and some were placed

    def wipe():
        db.session.execute(
            update(GraduateProfile).values(
                furthest_stage=0, applications_count=0, answered_count=0, first_applied_at=None, placed_at=None
            )
        )

    wipe()
    recompute_standing(db.session)
    assert _all_standing(db.session) == kept

    # The migrations' backfills, on the campaign as it stood before agreements existed: 0024 counted an accepted
    # offer as placed, 0030 moves those graduates back to "offered".
    db.session.execute(delete(EmploymentAgreement))
    recompute_standing(db.session)
    before_agreements = _all_standing(db.session)
    assert before_agreements != kept and not any(standing[0] == 4 for standing in before_agreements.values())
    wipe()
    db.session.execute(text(_migration(STANDING_MIGRATION).BACKFILL))
    db.session.execute(text(_migration(OUTCOMES_MIGRATION).UNPLACE_ACCEPTED))
    assert _all_standing(db.session) == before_agreements


def _migration(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GRADUATES = 6
EMPLOYERS_EACH = 3
NEW_APPLICATIONS_EACH = 3


@pytest.fixture
def standing_app(backend, tmp_path):
    app = migrated_app(backend, "standing", tmp_path)
    yield app
    dispose(app)


def test_concurrent_moves_of_one_graduates_applications_are_all_counted(standing_app):
    """Each graduate's applications are moved by three employers at once while the graduate applies to three more
    vacancies: every standing ends as a recomputation from the committed applications says."""
    app = standing_app
    with app.app_context():
        make = Factories(db.session)
        make.campaign()
        work = []  # (graduate id, [(employer id, application id)], [vacancy id])
        for _ in range(GRADUATES):
            graduate = make.graduate()
            moves = []
            for _ in range(EMPLOYERS_EACH):
                employer = make.employer()
                vacancy = make.vacancy(company=_company_of(db.session, employer))
                moves.append((employer.id, make.application(graduate=graduate, vacancy=vacancy, status=S.INTERVIEW).id))
            fresh = [make.vacancy().id for _ in range(NEW_APPLICATIONS_EACH)]
            work.append((graduate.id, moves, fresh))
        db.session.commit()
        db.session.remove()

    barrier = threading.Barrier(GRADUATES * (EMPLOYERS_EACH + 1))
    failures: list[BaseException] = []

    def run(action):
        try:
            barrier.wait(timeout=30)
            with app.app_context():
                action(db.session)
                db.session.commit()
                db.session.remove()
        except BaseException as exc:  # noqa: BLE001  (reported below, in the test's thread)
            failures.append(exc)

    def offer(employer_id, application_id):
        return lambda session: pipeline.transition(
            session,
            session.get(Application, application_id),
            S.OFFERED,
            session.get(User, employer_id),
            terms=OFFER_TERMS,
        )

    def apply_to(graduate_id, vacancy_ids):
        def action(session):
            graduate = session.get(GraduateProfile, graduate_id)
            for vacancy_id in vacancy_ids:
                pipeline.apply(session, graduate, session.get(Vacancy, vacancy_id), shares_with_employer=True)
                session.flush()

        return action

    threads = []
    for graduate_id, moves, fresh in work:
        threads += [threading.Thread(target=run, args=(offer(e, a),)) for e, a in moves]
        threads.append(threading.Thread(target=run, args=(apply_to(graduate_id, fresh),)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures, failures

    with app.app_context():
        kept = _all_standing(db.session)
        for graduate_id, _moves, _fresh in work:
            stage, applications, answered, _first, placed = kept[graduate_id]
            assert (stage, applications, answered, placed) == (
                3,
                EMPLOYERS_EACH + NEW_APPLICATIONS_EACH,
                EMPLOYERS_EACH,
                None,
            )
        recompute_standing(db.session)
        assert _all_standing(db.session) == kept
        db.session.rollback()
        db.session.remove()
