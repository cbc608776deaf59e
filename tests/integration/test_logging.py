"""One log line per request; no passwords or session tokens in any log line."""

import logging

from recruit.models import Role


def test_one_line_per_request_with_user_endpoint_status_and_duration(client, login_as, caplog):
    user = login_as(Role.OPERATOR)
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="recruit.requests"):
        client.get("/admin/users?q=secret-search")
    lines = [r.getMessage() for r in caplog.records if r.name == "recruit.requests"]
    assert len(lines) == 1
    line = lines[0]
    assert f"user={user.id}" in line and "endpoint=admin.list_users" in line and "status=200" in line
    assert "duration_ms=" in line
    assert "secret-search" not in line  # the endpoint is logged, not the URL with its query string


def test_passwords_and_tokens_never_reach_the_logs(client, caplog):
    password = "very distinctive passphrase 42"
    with caplog.at_level(logging.DEBUG):
        client.post(
            "/auth/register",
            data={
                "role": "graduate",
                "display_name": "王芳",
                "email": "wf@example.com",
                "password": password,
                "confirm": password,
                "consent": "y",
            },
        )
        client.post("/auth/logout")
        client.post("/auth/login", data={"email": "wf@example.com", "password": password})
        with client.session_transaction() as session:
            token = session["sid"]
    text = "\n".join(r.getMessage() + str(r.args) for r in caplog.records)
    assert any(r.name == "recruit.requests" for r in caplog.records)
    assert password not in text
    assert token not in text
