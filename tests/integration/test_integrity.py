"""Integrity lives in the database too: constraints hold even when code does not check."""

import pytest
from sqlalchemy import insert, text
from sqlalchemy.exc import IntegrityError

from recruit.models import Application, Company, Role, User, Vacancy
from tests.factories import password_hash, valid_uscc


def refused(db, statement) -> bool:
    try:
        with db.session.begin_nested():
            db.session.execute(statement)
    except IntegrityError:
        return True
    return False


def user_row(email: str) -> dict:
    return {
        "email": email,
        "password_hash": password_hash("correct horse battery"),
        "role": Role.GRADUATE,
        "display_name": "x",
        "is_enabled": True,
        "email_opt_in": True,
        "digest_frequency": "daily",
    }


def test_email_is_unique_whatever_its_case(db, make):
    make.user(email="li.na@example.com")
    assert refused(db, insert(User).values(**user_row("li.na@example.com")))
    assert refused(db, insert(User).values(**user_row("Li.Na@example.com")))  # must be stored lower-case
    assert not refused(db, insert(User).values(**user_row("li.na2@example.com")))


def test_one_application_per_vacancy_and_graduate(db, make):
    application = make.application()
    assert refused(
        db,
        insert(Application).values(
            vacancy_id=application.vacancy_id, graduate_id=application.graduate_id, status="submitted", cover_letter=""
        ),
    )


def test_credit_codes_are_unique_and_18_characters(db, make):
    company = make.company()
    row = {
        "name": "另一家公司",
        "industry": "C",
        "province_code": "44",
        "city": "广州",
        "status": "pending",
        "description": "",
        "contact_name": "x",
        "is_specialised": False,
    }
    assert refused(db, insert(Company).values(uscc=company.uscc, **row))
    assert refused(db, insert(Company).values(uscc="91440300123", **row))
    assert not refused(db, insert(Company).values(uscc=valid_uscc(999_001), **row))


@pytest.mark.parametrize(
    ("changes", "should_fail"),
    [
        ({"salary_min": 9000, "salary_max": 6000}, True),
        ({"headcount": 0}, True),
        ({"company_id": 987654321}, True),  # foreign key
        ({}, False),
    ],
)
def test_vacancy_checks(db, make, changes, should_fail):
    company = make.company()
    row = {
        "company_id": company.id,
        "title": "会计",
        "description": "",
        "requirements": "",
        "skills": [],
        "province_code": "44",
        "city": "广州",
        "preferred_majors": [],
        "salary_min": 5000,
        "salary_max": 7000,
        "headcount": 1,
        "hired_count": 0,
        "employment_type": "full_time",
        "status": "draft",
        **changes,
    }
    assert refused(db, insert(Vacancy).values(**row)) is should_fail


def test_status_columns_accept_only_their_values_even_from_raw_sql(db, make):
    vacancy = make.vacancy()
    assert refused(db, text("UPDATE vacancies SET status = 'open' WHERE id = :id").bindparams(id=vacancy.id))
    assert not refused(db, text("UPDATE vacancies SET status = 'closed' WHERE id = :id").bindparams(id=vacancy.id))


def test_a_career_office_account_needs_a_university(db):
    assert refused(db, insert(User).values(**{**user_row("office@example.com"), "role": Role.CAREER_OFFICE}))


def test_factories_make_every_model(make):
    # Every factory yields a row the database accepts, with its constraints and foreign keys.
    application = make.application()
    assert make.interview(application=application).id
    assert make.saved_vacancy(vacancy=application.vacancy).id
    assert make.campaign().phases
    assert make.notification().id and make.outbox_email().id and make.embedding().id
    assert make.announcement().id and make.audit_entry().id
    assert make.user(Role.CAREER_OFFICE).university_id
