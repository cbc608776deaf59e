from recruit.models import Role
from tests.support.two_step import current_code


def test_log_in_and_out(client, make, login):
    user = make.graduate(full_name="李娜").user
    response = login(user)
    assert response.headers["Location"].endswith("/graduate/")
    assert client.get("/graduate/").status_code == 200
    response = client.post("/auth/logout")
    assert response.status_code == 302
    after = client.get("/graduate/")
    assert after.status_code == 302
    assert "/auth/login" in after.headers["Location"]


def test_wrong_password_is_refused_with_a_message(client, make):
    user = make.user()
    response = client.post("/auth/login", data={"email": user.email, "password": "not the password"})
    assert response.status_code == 422
    assert "The e-mail address or the password is not right." in response.get_data(as_text=True)
    assert client.get("/graduate/").status_code == 302


def test_email_letter_case_does_not_matter_at_log_in(client, make):
    user = make.user()
    response = client.post("/auth/login", data={"email": user.email.upper(), "password": "correct horse battery"})
    assert response.status_code == 302


def test_disabled_accounts_cannot_log_in(client, make):
    user = make.user(is_enabled=False)
    response = client.post("/auth/login", data={"email": user.email, "password": "correct horse battery"})
    assert response.status_code == 422


def test_log_in_returns_to_the_page_asked_for_but_never_off_site(client, db, make):
    user = make.user(Role.OPERATOR)

    def second_step():
        db.session.refresh(user)
        return client.post("/auth/two-step", data={"code": current_code(user.totp_secret, user.totp_last_step)})

    ok = client.post("/auth/login?next=/admin/users", data={"email": user.email, "password": "correct horse battery"})
    assert ok.headers["Location"] == "/auth/two-step"  # the next page waits for the second step
    assert second_step().headers["Location"].endswith("/admin/users")
    client.post("/auth/logout")
    evil = client.post(
        "/auth/login?next=https://evil.example/", data={"email": user.email, "password": "correct horse battery"}
    )
    assert evil.headers["Location"] == "/auth/two-step"
    assert second_step().headers["Location"].endswith("/admin/")


def test_each_role_lands_on_its_home(client, make, login):
    homes = {
        Role.GRADUATE: "/graduate/",
        Role.EMPLOYER: "/employer/",
        Role.CAREER_OFFICE: "/career/",
        Role.OPERATOR: "/admin/",
    }
    for role, home in homes.items():
        response = login(make.user_for_role(role))
        assert response.headers["Location"].endswith(home)
        assert client.get(home).status_code == 200
        client.post("/auth/logout")


def test_an_address_with_a_nul_byte_is_refused_not_a_500(client, make):
    # The log-in limiter looks the account up before the form checks its fields: PostgreSQL refuses NUL in text.
    make.user(email="nul.case@example.com")
    for email in ("nul.case@example.com\x00", "\x00", "a" * 300 + "@example.com"):
        response = client.post("/auth/login", data={"email": email, "password": "correct horse battery"})
        assert response.status_code == 422, email
    assert client.post("/auth/forgot", data={"email": "x\x00@example.com"}).status_code in (200, 422)
