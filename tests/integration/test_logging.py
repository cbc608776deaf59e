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


def test_each_request_has_an_id_in_its_answer_and_its_log_line(client, caplog):
    with caplog.at_level(logging.INFO, logger="recruit.requests"):
        mine = client.get("/vacancies", headers={"X-Request-ID": "lb-1234abcd"})
        forged = client.get("/vacancies", headers={"X-Request-ID": "bad id; with a space <script>"})
    assert mine.headers["X-Request-ID"] == "lb-1234abcd"  # a proxy's id is kept
    assert (
        forged.headers["X-Request-ID"] != "bad id; with a space <script>" and len(forged.headers["X-Request-ID"]) == 32
    )
    ids = [r.request_id for r in caplog.records if r.name == "recruit.requests"]
    assert ids == ["lb-1234abcd", forged.headers["X-Request-ID"]]


def test_production_logs_are_json_lines_with_the_request_fields(client, caplog):
    import io
    import json

    from recruit.observability import JSONFormatter, RequestIdFilter

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JSONFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("recruit.requests")
    logger.addHandler(handler)
    try:
        with caplog.at_level(logging.INFO, logger="recruit.requests"):
            response = client.get("/vacancies")
    finally:
        logger.removeHandler(handler)
    entry = json.loads(stream.getvalue().strip().splitlines()[-1])
    assert entry["request_id"] == response.headers["X-Request-ID"]
    assert (entry["endpoint"], entry["status"], entry["method"]) == ("public.search", 200, "GET")
    assert entry["level"] == "INFO" and entry["logger"] == "recruit.requests" and entry["duration_ms"] >= 0
