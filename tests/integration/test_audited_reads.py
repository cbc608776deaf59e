"""Reads of personal data by career offices and the operator are written to the audit log, as the privacy notice
says: a career office opening a graduate's page, the operator opening a company's registration with its contact."""

from sqlalchemy import select

from recruit.models import AuditEntry, Role


def test_a_career_office_reading_a_graduate_is_audited(client, db, make, login):
    university = make.university()
    graduate = make.graduate(university=university, full_name="被查看的同学")
    office = make.user(Role.CAREER_OFFICE, university=university)
    db.session.commit()
    login(office)
    assert client.get(f"/career/graduates/{graduate.id}").status_code == 200
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "personal_data.read"))
    assert (entry.actor_id, entry.target_type, entry.target_id) == (office.id, "graduate_profiles", graduate.id)
    assert client.get("/career/graduates").status_code == 200  # a list of names and stages is not a profile read
    assert len(db.session.scalars(select(AuditEntry).where(AuditEntry.action == "personal_data.read")).all()) == 1


def test_the_operator_reading_a_company_contact_is_audited_and_readable(client, db, make, login):
    company = make.company(name="联系人公司", contact_name="刘经理")
    operator = make.user(Role.OPERATOR)
    db.session.commit()
    login(operator)
    assert client.get(f"/admin/companies/{company.id}").status_code == 200
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "personal_data.read"))
    assert (entry.actor_id, entry.target_type, entry.target_id) == (operator.id, "companies", company.id)
    page = client.get("/admin/audit?action=personal_data.read").get_data(as_text=True)
    assert "viewed personal data" in page and "联系人公司" in page
