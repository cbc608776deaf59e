"""The operator makes career-office and operator accounts; the audit log records it."""

from sqlalchemy import func, select

from recruit.models import AuditEntry, CompanyStatus, Role, User


def test_operator_creates_a_career_office_account(client, db, make, login_as):
    operator = login_as(Role.OPERATOR)
    university = make.university(name="华南理工大学")
    response = client.post(
        "/admin/users/new",
        data={
            "role": "career_office",
            "university_id": university.id,
            "display_name": "华南理工就业指导中心",
            "email": "Career@SCUT.example.com",
            "password": "campus careers 2026",
        },
    )
    assert response.status_code == 302
    created = db.session.scalar(select(User).where(User.email == "career@scut.example.com"))
    assert created.role is Role.CAREER_OFFICE and created.university_id == university.id
    entry = db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == "account.create", AuditEntry.target_id == created.id)
    )
    assert entry.actor_id == operator.id
    listing = client.get("/admin/users?role=career_office").get_data(as_text=True)
    assert "career@scut.example.com" in listing
    audit = client.get("/admin/audit").get_data(as_text=True)
    assert "created an account" in audit and "account.create</code>" not in audit
    assert f"{operator.display_name} &lt;{operator.email}&gt;" in audit  # who, by name, not a number
    assert "account #" in audit and "华南理工就业指导中心" in audit and "role: Career office" in audit
    chinese = client.get("/admin/audit", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert "创建了账号" in chinese and "角色: 高校就业指导中心" in chinese and "\\u" not in chinese


def test_paging_through_accounts_keeps_the_filter(client, db, make, login_as):
    login_as(Role.OPERATOR)
    for _ in range(55):  # more than one page of 50
        make.user(Role.GRADUATE)
    first = client.get("/admin/users?role=graduate").get_data(as_text=True)
    assert (
        'href="/admin/users?page=2&amp;role=graduate"' in first
        or 'href="/admin/users?role=graduate&amp;page=2"' in first
    )
    second = client.get("/admin/users?role=graduate&page=2").get_data(as_text=True)
    assert second.count("@example.com</td>") >= 5 and "Page 2 of 2" in second


def test_companies_show_industry_names(client, db, make, login_as):
    login_as(Role.OPERATOR)
    make.company(status=CompanyStatus.PENDING, industry="G", name="上海速达物流有限公司")
    page = client.get("/admin/companies").get_data(as_text=True)
    assert "Transport, storage and post" in page or "transport" in page.lower()


def test_a_career_office_without_a_university_is_refused(client, db, login_as):
    login_as(Role.OPERATOR)
    before = db.session.scalar(select(func.count()).select_from(User))
    response = client.post(
        "/admin/users/new",
        data={
            "role": "career_office",
            "university_id": 0,
            "display_name": "无校机构",
            "email": "nouni@example.com",
            "password": "campus careers 2026",
        },
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "A career office belongs to a university: choose one." in page
    assert 'value="nouni@example.com"' in page
    assert db.session.scalar(select(func.count()).select_from(User)) == before


def test_operator_creates_another_operator(client, db, login_as):
    login_as(Role.OPERATOR)
    response = client.post(
        "/admin/users/new",
        data={
            "role": "operator",
            "university_id": 0,
            "display_name": "省级平台",
            "email": "ops2@example.com",
            "password": "provincial platform",
        },
    )
    assert response.status_code == 302
    assert db.session.scalar(select(User.role).where(User.email == "ops2@example.com")) is Role.OPERATOR


def test_the_form_cannot_make_graduates_or_employers(client, db, login_as):
    login_as(Role.OPERATOR)
    response = client.post(
        "/admin/users/new",
        data={
            "role": "graduate",
            "university_id": 0,
            "display_name": "x",
            "email": "g@example.com",
            "password": "provincial platform",
        },
    )
    assert response.status_code == 422
    assert db.session.scalar(select(User).where(User.email == "g@example.com")) is None
