"""The job-expansion subsidy: a confirmed hire is flagged when its employer confirms the insurance months and it meets
its year's rule; each condition that fails leaves it unflagged; two employers of one graduate cannot both have it;
the operator's export lists exactly the flagged hires."""

from __future__ import annotations

import csv
import io
import threading
from datetime import date

import pytest
from sqlalchemy import func, select

from recruit import clock
from recruit.extensions import db as _db
from recruit.models import AgreementStatus, ApplicationStatus, EmploymentAgreement, Role, SubsidyRule
from recruit.services.hiring import subsidies
from tests.factories import Factories
from tests.support.apps import dispose, migrated_app

YEAR = clock.today().year


@pytest.fixture
def rule(db):
    found = db.session.scalar(select(SubsidyRule).where(SubsidyRule.year == YEAR))
    rule = found or SubsidyRule(year=YEAR)
    rule.window_years, rule.min_insurance_months, rule.amount_yuan = 2, 3, 1500
    db.session.add(rule)
    db.session.commit()
    return rule


def _hire(make, graduate=None, company=None, **agreement):
    """A confirmed hire starting this year, with a labour contract and insurance."""
    company = company or make.company()
    application = make.application(
        graduate=graduate or make.graduate(graduation_year=YEAR),
        vacancy=make.vacancy(company=company),
        status=ApplicationStatus.HIRED,
    )
    agreement = {"start_on": date(YEAR, 1, 15), **agreement}
    return make.agreement(application, **agreement), make.employer(company=company)


def _confirm(client, login, employer, agreement, months="3"):
    client.post("/auth/logout")
    login(employer)
    return client.post(
        f"/employer/applications/{agreement.application_id}/insurance", data={"insurance_months": months}
    )


def test_a_hire_that_meets_the_rule_is_flagged_and_shown(client, db, make, login, rule):
    agreement, employer = _hire(make)
    db.session.commit()
    assert _confirm(client, login, employer, agreement, "2").status_code == 302
    db.session.refresh(agreement)
    assert agreement.subsidy_flagged_at is None and agreement.insurance_months == 2
    page = client.get(f"/employer/applications/{agreement.application_id}/agreement").get_data(as_text=True)
    assert "Fewer than 3 months of social insurance are confirmed." in page
    assert _confirm(client, login, employer, agreement, "3").status_code == 302
    db.session.refresh(agreement)
    assert agreement.subsidy_flagged_at is not None and agreement.subsidy_rule_id == rule.id
    page = client.get(f"/employer/applications/{agreement.application_id}/agreement").get_data(as_text=True)
    assert 'data-testid="subsidy-flagged"' in page and "¥1,500" in page


@pytest.mark.parametrize(
    ("case", "reason"),
    [
        ("left school over two years ago", "left school more than 2 years"),
        ("no labour contract", "No labour contract was signed."),
        ("fewer than 3 months of insurance", "Fewer than 3 months"),
        ("claims the absorption subsidy", "employment absorption subsidy"),
        ("employed before, within the window", "was employed before this hire"),
        ("already claimed by another employer", "Another employer has already claimed"),
        ("not confirmed by the university", "not yet confirmed by all three"),
    ],
)
def test_each_failed_condition_leaves_the_hire_unflagged(db, make, rule, case, reason):
    graduate = make.graduate(graduation_year=YEAR - 3 if "over two years" in case else YEAR - 1)
    months, extra = 3, {}
    if case == "no labour contract":
        extra["is_labour_contract"] = False
    if case == "fewer than 3 months of insurance":
        months = 2
    if case == "claims the absorption subsidy":
        extra["claims_absorption_subsidy"] = True
    if case == "employed before, within the window":
        _hire(make, graduate=graduate, start_on=date(YEAR - 1, 9, 1))
    if case == "already claimed by another employer":
        first, first_employer = _hire(make, graduate=graduate)
        assert subsidies.confirm_insurance(db.session, first, first_employer, 3)
    if case == "not confirmed by the university":
        extra["status"] = AgreementStatus.AWAITING_UNIVERSITY
    agreement, employer = _hire(make, graduate=graduate, **extra)
    if extra.get("status") is AgreementStatus.AWAITING_UNIVERSITY:
        agreement.insurance_months = months
        assert any(reason in str(r) for r in subsidies.reasons_not_eligible(db.session, agreement))
        return
    assert subsidies.confirm_insurance(db.session, agreement, employer, months) is False
    assert agreement.subsidy_flagged_at is None
    assert any(reason in str(r) for r in subsidies.reasons_not_eligible(db.session, agreement)), case


def test_the_export_lists_exactly_the_flagged_hires(client, db, make, login, rule):
    flagged = []
    for i in range(3):
        agreement, employer = _hire(make, graduate=make.graduate(graduation_year=YEAR, full_name=f"合格{i}"))
        assert subsidies.confirm_insurance(db.session, agreement, employer, 4)
        flagged.append(agreement)
    unflagged, employer = _hire(make, graduate=make.graduate(graduation_year=YEAR, full_name="不合格"))
    subsidies.confirm_insurance(db.session, unflagged, employer, 1)
    db.session.commit()
    login(make.user(Role.OPERATOR))
    page = client.get("/admin/subsidies").get_data(as_text=True)
    assert "合格0" in page and "不合格" not in page
    response = client.post(f"/admin/subsidies/export?year={YEAR}", data={"table": "subsidies", "fmt": "csv"})
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert sorted(row[1] for row in rows[1:]) == ["合格0", "合格1", "合格2"]
    assert {row[0] for row in rows[1:]} == {str(YEAR)} and {row[11] for row in rows[1:]} == {"1500"}


def test_the_operator_sets_a_years_rule_and_bad_input_is_refused(client, db, make, login):
    login(make.user(Role.OPERATOR))
    bad = client.post(
        "/admin/subsidies",
        data={"year": "2027", "window_years": "2", "min_insurance_months": "99999999999999", "amount_yuan": "1500"},
    )
    assert bad.status_code == 422 and "Between 1 and 60 months." in bad.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(SubsidyRule).where(SubsidyRule.year == 2027)) == 0
    good = client.post(
        "/admin/subsidies",
        data={"year": "2027", "window_years": "1", "min_insurance_months": "6", "amount_yuan": "2000"},
    )
    assert good.status_code == 302
    saved = db.session.scalar(select(SubsidyRule).where(SubsidyRule.year == 2027))
    assert (saved.window_years, saved.min_insurance_months, saved.amount_yuan) == (1, 6, 2000)


@pytest.fixture
def subsidy_app(backend, tmp_path):
    app = migrated_app(backend, "subsidies", tmp_path, RATELIMIT_ENABLED=False)
    yield app
    dispose(app)


def test_two_employers_of_one_graduate_confirming_at_once_flag_one(subsidy_app):
    app = subsidy_app
    with app.app_context():
        make = Factories(_db.session)
        _db.session.add(SubsidyRule(year=YEAR, window_years=2, min_insurance_months=3, amount_yuan=1500))
        graduate = make.graduate(graduation_year=YEAR)
        hires = [_hire(make, graduate=graduate) for _ in range(2)]
        ids = [(agreement.id, employer.id) for agreement, employer in hires]
        _db.session.commit()
        _db.session.remove()
    barrier, failures = threading.Barrier(2), []

    def confirm(agreement_id, employer_id):
        from recruit.models import User

        try:
            barrier.wait(timeout=30)
            with app.app_context():
                agreement = _db.session.get(EmploymentAgreement, agreement_id)
                subsidies.confirm_insurance(_db.session, agreement, _db.session.get(User, employer_id), 3)
                _db.session.commit()
                _db.session.remove()
        except BaseException as exc:  # noqa: BLE001  (reported in the test's thread)
            failures.append(exc)

    threads = [threading.Thread(target=confirm, args=pair) for pair in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures, failures
    with app.app_context():
        flagged = _db.session.scalar(
            select(func.count())
            .select_from(EmploymentAgreement)
            .where(EmploymentAgreement.subsidy_flagged_at.is_not(None))
        )
        assert flagged == 1
        _db.session.remove()
