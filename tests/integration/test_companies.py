"""An SME registers, waits for verification, and is verified, rejected or suspended by the operator."""

import pytest
from sqlalchemy import func, select

from recruit.models import AuditEntry, Company, CompanyMember, CompanyStatus, Role, SizeClass, VacancyStatus
from tests.factories import valid_uscc

FORM = {
    "name": "深圳市云帆信息技术有限公司",
    "uscc": "91350100M000100Y43",
    "industry": "I",
    "industry_division": "I65",
    "province_code": "44",
    "city": "深圳",
    "employees": "45",
    "annual_revenue": "800",
    "total_assets": "",
    "description": "做中小企业的财务软件。",
    "website": "https://yunfan.example.com",
    "contact_name": "周杰",
    "contact_phone": "13800000000",
}


def companies(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Company))


def test_an_employer_registers_a_small_software_company(client, db, make, login):
    employer = make.user(Role.EMPLOYER)
    login(employer)
    response = client.post("/employer/company/register", data=FORM)
    assert response.status_code == 302
    company = db.session.scalar(select(Company).where(Company.uscc == "91350100M000100Y43"))
    assert company.status is CompanyStatus.PENDING and company.size_class is SizeClass.SMALL
    membership = db.session.scalar(select(CompanyMember).where(CompanyMember.user_id == employer.id))
    assert membership.company_id == company.id and membership.is_admin
    page = client.get("/employer/").get_data(as_text=True)
    assert "Waiting for verification by the campaign operator." in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"uscc": "91350100M000100Y44"}, "uscc", "check character"),
        ({"uscc": "91350100M000100Y4"}, "uscc", "has 18 characters; this one has 17"),
        ({"uscc": "91350100M000100O43"}, "uscc", "O is not allowed"),
        ({"employees": "350", "annual_revenue": "20000"}, "employees", "above the medium size"),
        ({"industry": "S", "industry_division": ""}, "industry", "not enterprises"),
        ({"industry": "F", "industry_division": ""}, "industry_division", "Choose the part of this industry"),
        ({"employees": ""}, "employees", "need this figure"),
        ({"name": ""}, "name", "registered name"),
    ],
)
def test_bad_registrations_say_why_and_write_nothing(client, db, make, login, changes, field, message):
    login(make.user(Role.EMPLOYER))
    before = companies(db)
    response = client.post("/employer/company/register", data={**FORM, **changes})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    start = page.index(f'id="{field}-feedback"')
    assert message in page[start : start + 400]
    assert 'value="周杰"' in page  # the rest of the input is kept
    assert companies(db) == before


def test_a_credit_code_registers_once(client, db, make, login):
    make.company(uscc="91350100M000100Y43")
    login(make.user(Role.EMPLOYER))
    response = client.post("/employer/company/register", data=FORM)
    assert response.status_code == 422
    assert "already registered" in response.get_data(as_text=True)


def test_finance_waits_for_the_operator_to_set_its_size(client, db, make, login):
    login(make.user(Role.EMPLOYER))
    client.post("/employer/company/register", data={**FORM, "industry": "J", "industry_division": ""})
    company = db.session.scalar(select(Company).where(Company.uscc == FORM["uscc"]))
    assert company.size_class is None and company.status is CompanyStatus.PENDING


def test_operator_verifies_rejects_and_suspends_with_audit(client, db, make, login_as):
    operator = login_as(Role.OPERATOR)
    pending = [make.company(status=CompanyStatus.PENDING) for _ in range(3)]
    queue = client.get("/admin/companies").get_data(as_text=True)
    assert all(c.name in queue for c in pending)

    assert client.post(f"/admin/companies/{pending[0].id}", data={"decision": "verified"}).status_code == 302
    missing_reason = client.post(f"/admin/companies/{pending[1].id}", data={"decision": "rejected", "reason": ""})
    assert missing_reason.status_code == 422
    assert "Give the reason the company will see." in missing_reason.get_data(as_text=True)
    client.post(f"/admin/companies/{pending[1].id}", data={"decision": "rejected", "reason": "营业执照与信用代码不符"})
    client.post(f"/admin/companies/{pending[0].id}", data={"decision": "suspended", "reason": "虚假招聘投诉"})
    for company in pending:
        db.session.refresh(company)
    assert pending[0].status is CompanyStatus.SUSPENDED and pending[0].status_reason == "虚假招聘投诉"
    assert pending[1].status is CompanyStatus.REJECTED
    actions = db.session.scalars(
        select(AuditEntry.action).where(AuditEntry.actor_id == operator.id).order_by(AuditEntry.id)
    ).all()
    assert actions == ["company.verified", "company.rejected", "company.suspended"]


def test_a_financial_company_needs_its_size_class_before_verification(client, db, make, login_as):
    login_as(Role.OPERATOR)
    bank = make.company(status=CompanyStatus.PENDING, industry="J", industry_division=None, size_class=None)
    refused = client.post(f"/admin/companies/{bank.id}", data={"decision": "verified", "size_class": ""})
    assert refused.status_code == 422
    assert (
        client.post(f"/admin/companies/{bank.id}", data={"decision": "verified", "size_class": "small"}).status_code
        == 302
    )
    db.session.refresh(bank)
    assert bank.status is CompanyStatus.VERIFIED and bank.size_class is SizeClass.SMALL


@pytest.mark.parametrize("status", [CompanyStatus.PENDING, CompanyStatus.REJECTED, CompanyStatus.SUSPENDED])
def test_only_verified_companies_publish(client, db, make, login, status):
    company = make.company(status=status, uscc=valid_uscc(700_000 + list(CompanyStatus).index(status)))
    make.campaign()
    employer = make.employer(company=company)
    draft = make.vacancy(company=company, status=VacancyStatus.DRAFT)
    login(employer)
    response = client.post(f"/employer/vacancies/{draft.id}/status", data={"action": "publish"})
    assert response.status_code == 409
    assert "not verified" in response.get_data(as_text=True)
    db.session.refresh(draft)
    assert draft.status is VacancyStatus.DRAFT
