"""Error pages come inside the layout with a message that says what happened."""

from recruit import create_app
from recruit.models import Role
from tests.support.apps import app_config


def in_layout(page: str) -> bool:
    return 'aria-label="Main navigation"' in page and "Privacy notice" in page


def test_404_is_inside_the_layout(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "There is no page at this address." in page and in_layout(page)


def test_403_for_the_wrong_role(client, login_as):
    login_as(Role.GRADUATE)
    response = client.get("/admin/")
    assert response.status_code == 403
    assert in_layout(response.get_data(as_text=True))


def test_413_for_a_body_over_the_limit(client):
    response = client.post("/auth/login", data={"email": "a@example.com", "password": "x" * (7 * 1024 * 1024)})
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "A resume may be at most 5 MB." in page and in_layout(page)


def test_400_for_a_form_without_its_csrf_token(app, client):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = client.post("/auth/login", data={"email": "a@example.com", "password": "whatever123"})
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Reload the page and send it again." in page and in_layout(page)


def test_429_after_too_many_log_in_attempts_for_one_account(client, make):
    user = make.user()
    statuses = [
        client.post("/auth/login", data={"email": user.email, "password": "wrong password!"}).status_code
        for _ in range(11)
    ]
    assert statuses[:10] == [422] * 10
    assert statuses[10] == 429
    page = client.post("/auth/login", data={"email": user.email, "password": "correct horse battery"})
    assert page.status_code == 429  # a browser and address that never logged in to the account wait
    assert "Too many attempts" in page.get_data(as_text=True)


def test_a_stranger_cannot_lock_the_owner_out(app, make):
    user = make.user()
    owners_browser, strangers_browser = app.test_client(), app.test_client()
    home, elsewhere = {"REMOTE_ADDR": "10.1.1.1"}, {"REMOTE_ADDR": "10.2.2.2"}
    right = {"email": user.email, "password": "correct horse battery"}
    assert owners_browser.post("/auth/login", data=right, environ_base=home).status_code == 302
    owners_browser.post("/auth/logout", environ_base=home)
    for n in range(12):  # guessing from addresses the owner never used
        strangers_browser.post(
            "/auth/login",
            data={"email": user.email, "password": f"guess {n} wrong!"},
            environ_base={"REMOTE_ADDR": f"10.3.0.{n}"},
        )
    guessed = strangers_browser.post("/auth/login", data=right, environ_base={"REMOTE_ADDR": "10.3.1.1"})
    assert guessed.status_code == 429  # even the right password, from an unknown browser and address
    assert owners_browser.post("/auth/login", data=right, environ_base=elsewhere).status_code == 302  # her browser
    assert app.test_client().post("/auth/login", data=right, environ_base=home).status_code == 302  # her address


def test_the_limit_per_account_applies_from_any_address(client, make):
    user = make.user()
    for n in range(10):
        client.post(
            "/auth/login",
            data={"email": user.email, "password": "wrong password!"},
            environ_base={"REMOTE_ADDR": f"10.0.0.{n}"},
        )
    blocked = client.post(
        "/auth/login",
        data={"email": user.email, "password": "wrong password!"},
        environ_base={"REMOTE_ADDR": "10.0.1.1"},
    )
    assert blocked.status_code == 429


def test_the_limit_per_address_applies_across_accounts(client, make):
    statuses = [
        client.post(
            "/auth/login",
            data={"email": f"nobody{n}@example.com", "password": "wrong password!"},
            environ_base={"REMOTE_ADDR": "10.9.9.9"},
        ).status_code
        for n in range(31)
    ]
    assert statuses[-1] == 429
    assert 429 not in statuses[:30]


def test_errors_are_the_products_own_pages_in_the_users_language_even_when_the_database_is_gone(tmp_path, caplog):
    # A separate app whose database cannot be opened at all: neither error page may need it.
    app = create_app(app_config(f"sqlite:///{tmp_path / 'no-such-folder' / 'x.db'}", tmp_path))
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.route("/boom")
    def boom():
        from sqlalchemy import text

        from recruit.extensions import db

        db.session.execute(text("SELECT 1"))  # fails: the database is unreachable
        return "unreachable"

    @app.route("/crash")
    def crash():
        raise ValueError("a bug of ours")

    with caplog.at_level("ERROR"):
        chinese = app.test_client().get("/boom", headers={"Accept-Language": "zh-CN,zh;q=0.9"})
        english = app.test_client().get("/boom", headers={"Accept-Language": "en-GB"})
        bug = app.test_client().get("/crash", headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    # The database away: 503, try again shortly, nothing changed.
    assert chinese.status_code == english.status_code == 503
    assert english.headers["Retry-After"] == "5"
    page = chinese.get_data(as_text=True)
    assert "暂时无法连接数据库" in page and 'lang="zh-CN"' in page and "Werkzeug" not in page
    assert "The database could not be reached just now, and nothing was changed." in english.get_data(as_text=True)
    assert "unable to open database" not in page
    assert any("unable to open database" in r.getMessage() for r in caplog.records if r.levelname == "ERROR")
    # A bug: 500, logged with its traceback.
    assert bug.status_code == 500
    assert "出错了" in bug.get_data(as_text=True) and "a bug of ours" not in bug.get_data(as_text=True)
    error = next(r for r in caplog.records if r.levelname == "ERROR" and r.exc_info)
    assert "a bug of ours" in str(error.exc_info[1])
