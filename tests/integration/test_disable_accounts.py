"""The operator disables an account: it cannot log in, its open sessions end at once, and it can be enabled again."""

from sqlalchemy import select

from recruit.models import AuditEntry, Role
from tests.support.two_step import log_in


def test_a_disabled_account_is_logged_out_and_cannot_log_in_until_enabled(app, db, make, login):
    graduate = make.graduate().user
    their_browser = app.test_client()
    their_browser.post("/auth/login", data={"email": graduate.email, "password": "correct horse battery"})
    assert their_browser.get("/graduate/").status_code == 200

    operator = make.user(Role.OPERATOR)
    desk = app.test_client()
    assert log_in(desk, operator, "correct horse battery") == 302
    page = desk.get("/admin/users?role=graduate").get_data(as_text=True)
    assert f'data-testid="account-{graduate.id}"' in page and "Disable" in page
    done = desk.post(f"/admin/users/{graduate.id}/enabled", data={"enabled": "no"})
    assert done.status_code == 302

    assert their_browser.get("/graduate/").status_code in (302, 401)  # the open session ended
    again = their_browser.post("/auth/login", data={"email": graduate.email, "password": "correct horse battery"})
    assert again.status_code == 422
    db.session.refresh(graduate)
    assert graduate.is_enabled is False
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "account.disable")).target_id == graduate.id

    desk.post(f"/admin/users/{graduate.id}/enabled", data={"enabled": "yes"})
    back = their_browser.post("/auth/login", data={"email": graduate.email, "password": "correct horse battery"})
    assert back.status_code == 302


def test_the_operator_cannot_disable_their_own_account(app, db, make):
    operator = make.user(Role.OPERATOR)
    desk = app.test_client()
    assert log_in(desk, operator, "correct horse battery") == 302
    page = desk.post(f"/admin/users/{operator.id}/enabled", data={"enabled": "no"}, follow_redirects=True)
    assert "You cannot disable your own account." in page.get_data(as_text=True)
    db.session.refresh(operator)
    assert operator.is_enabled is True
    bad = desk.post(f"/admin/users/{operator.id}/enabled", data={"enabled": "maybe"})
    assert bad.status_code == 400
