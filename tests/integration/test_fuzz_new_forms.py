"""Random, huge, Unicode and control-character input to the career office's, the operator's and the password pages
never gives a 500: each answer is a page (200), a redirect, or a refusal by the field (4xx)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recruit.models import Role
from tests.factories import DEFAULT_PASSWORD
from tests.support.two_step import current_code

TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["", "0", "-1", "99999999999999999999", "1e999", "２０", "\x00", "\u202e", "=cmd|' /C calc'!A0", "中" * 3000]
    ),
)
FORMS = [
    ("GET", "/career/graduates", ("major", "degree", "stage", "inactive_days", "waiting", "waiting_days", "page")),
    ("POST", "/career/nudges/new", ("graduate", "message", "send", "selection")),
    ("POST", "/career/exports", ("table", "fmt")),
    ("POST", "/career/colleagues", ("email",)),
    ("GET", "/admin/audit", ("actor", "action", "target_type", "target_id", "since", "until", "page")),
    ("GET", "/admin/", ("province",)),
    ("POST", "/admin/exports", ("table", "fmt")),
    ("POST", "/admin/universities/new", ("code", "name", "name_en", "province_code", "city", "level")),
    ("GET", "/admin/universities", ("q", "page")),
    ("POST", "/auth/forgot", ("email",)),
    ("POST", "/auth/reset/not-a-token", ("password", "confirm")),
]
OK = {200, 302, 303, 400, 403, 404, 405, 409, 413, 422, 429}


def _fuzz(client, method, path, fields, values):
    data = dict(zip(fields, values, strict=True))
    if method == "GET":
        response = client.get(path, query_string=data)
    else:
        response = client.post(path, data=data)
    assert response.status_code in OK, (path, data, response.status_code)


def _logged_in(app, user):
    browser = app.test_client()
    if user is not None:
        response = browser.post("/auth/login", data={"email": user.email, "password": DEFAULT_PASSWORD})
        if response.headers.get("Location", "").startswith("/auth/two-step"):  # an operator's second step
            response = browser.post("/auth/two-step", data={"code": current_code(user.totp_secret)})
        assert response.status_code == 302 and "/auth/" not in response.headers["Location"]
    return browser


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_career_and_operator_forms_never_fail(app, db, make, data):
    if not hasattr(make, "fuzz_clients"):  # `make` lives as long as this test, across its examples: log in once
        office, operator = make.user(Role.CAREER_OFFICE), make.user(Role.OPERATOR)
        db.session.commit()
        make.fuzz_clients = {
            "/career": _logged_in(app, office),
            "/admin": _logged_in(app, operator),
            "/auth": _logged_in(app, None),
        }
    for prefix, browser in make.fuzz_clients.items():
        for method, path, fields in FORMS:
            if path.startswith(prefix):
                _fuzz(browser, method, path, fields, [data.draw(TEXT) for _ in fields])
