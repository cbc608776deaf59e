"""Error pages come inside the layout with a message that says what happened."""

from recruit import create_app
from recruit.models import Role
from tests.support import app_config


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
    statuses = [client.post("/auth/login", data={"email": user.email, "password": "wrong password!"}).status_code
                for _ in range(11)]
    assert statuses[:10] == [422] * 10
    assert statuses[10] == 429
    page = client.post("/auth/login", data={"email": user.email, "password": "correct horse battery"})
    assert page.status_code == 429  # even the right password waits: the account is being guessed at
    assert "Too many attempts" in page.get_data(as_text=True)


def test_the_limit_per_account_applies_from_any_address(client, make):
    user = make.user()
    for n in range(10):
        client.post("/auth/login", data={"email": user.email, "password": "wrong password!"},
                    environ_base={"REMOTE_ADDR": f"10.0.0.{n}"})
    blocked = client.post("/auth/login", data={"email": user.email, "password": "wrong password!"},
                          environ_base={"REMOTE_ADDR": "10.0.1.1"})
    assert blocked.status_code == 429


def test_the_limit_per_address_applies_across_accounts(client, make):
    statuses = [client.post("/auth/login", data={"email": f"nobody{n}@example.com", "password": "wrong password!"},
                            environ_base={"REMOTE_ADDR": "10.9.9.9"}).status_code for n in range(31)]
    assert statuses[-1] == 429
    assert 429 not in statuses[:30]


def test_500_is_inside_the_layout_and_logged_with_its_traceback(tmp_path, caplog, backend):
    # A separate app: routes cannot be added to the shared one once it has served requests.
    app = create_app(app_config(f"sqlite:///{tmp_path / 'x.db'}", tmp_path))
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.route("/boom")
    def boom():
        raise RuntimeError("the database fell over")

    with caplog.at_level("ERROR"):
        response = app.test_client().get("/boom")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "An error on our side stopped this page." in page and in_layout(page)
    assert "the database fell over" not in page
    error = next(r for r in caplog.records if r.levelname == "ERROR")
    assert error.exc_info and "the database fell over" in str(error.exc_info[1])
