"""Property-based fuzzing of every form and upload: every POST route of the URL map (and every page's query string)
gets random, huge, Unicode and control-character values for every field name any form has, and random bytes as
files, from a signed-in person of each role allowed there, on records that exist. No answer is ever a 500."""

from __future__ import annotations

import importlib
import inspect
import io
import pkgutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wtforms import FileField

import recruit.web
from recruit.models import ApplicationStatus, Nudge, Role
from recruit.web.forms_common import Form
from tests.integration.test_access import ACCESS, PUBLIC
from tests.support.two_step import current_code

TEXT = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            "0",
            "-1",
            "y",
            "99999999999999999999999",
            "1e999",
            "NaN",
            "２０２６",
            "\x00",
            "\x1b[31m",
            "\u202e",
            '=HYPERLINK("http://x")',
            "2026-02-30",
            "中" * 5000,
            "<script>alert(1)</script>",
        ]
    ),
)
FILE_BYTES = st.one_of(
    st.binary(max_size=200),
    st.sampled_from([b"", b"%PDF-1.4\n%\xff\xff\n", b"PK\x03\x04" + b"\x00" * 40, "学号,姓名\n1,张三\n".encode("gbk")]),
)
FILE_NAMES = st.sampled_from(["a.pdf", "名单.csv", "x.xlsx", "../../etc/passwd", ""])
# Field names posted that are not WTForms fields (checkbox lists, buttons).
EXTRA_FIELDS = ("graduate", "application_ids", "status", "action", "next", "phase", "lang")
# Leaving, or a form whose success would end the fuzzing person's session, is not fuzzed.
NOT_FUZZED = {"auth.logout", "static"}
NOT_READY = ("probes.readyz", 503)  # no worker runs in the tests: /readyz rightly says so


def _form_fields() -> tuple[list[str], list[str]]:
    names, files = set(EXTRA_FIELDS), set()
    for module_info in pkgutil.walk_packages(recruit.web.__path__, "recruit.web."):
        module = importlib.import_module(module_info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Form) and cls is not Form:
                for attr, value in vars(cls).items():
                    if hasattr(value, "field_class"):
                        (files if issubclass(value.field_class, FileField) else names).add(attr)
    return sorted(names - {"csrf_token"}), sorted(files)


FIELDS, FILE_FIELDS = _form_fields()


def _world(make, db):
    """One record of each kind a URL can name, owned by the people who fuzz."""
    university = make.university()
    company = make.company()
    employer = make.employer(company=company)
    graduate = make.graduate(university=university)
    office = make.user(Role.CAREER_OFFICE, university=university)
    operator = make.user(Role.OPERATOR)
    target = make.graduate(university=university)  # whom the operator's account switches act on
    vacancy = make.vacancy(company=company)
    application = make.application(vacancy=vacancy, graduate=graduate, status=ApplicationStatus.INTERVIEW)
    interview = make.interview(application=application)
    notification = make.notification(user=graduate.user)
    nudge = Nudge(university_id=university.id, sender_id=office.id, message="请投递", selection="")
    db.session.add(nudge)
    db.session.commit()
    ids = {
        "application_id": application.id,
        "company_id": company.id,
        "graduate_id": graduate.id,
        "interview_id": interview.id,
        "notification_id": notification.id,
        "nudge_id": nudge.id,
        "university_id": university.id,
        "user_id": target.user_id,
        "vacancy_id": vacancy.id,
        "code": "zh",
        "token": "no-such-token",
        "filename": "css/app.css",
    }
    people = {
        Role.GRADUATE: graduate.user,
        Role.EMPLOYER: employer,
        Role.CAREER_OFFICE: office,
        Role.OPERATOR: operator,
    }
    return ids, people


def _signed_in(app, user):
    client = app.test_client()
    if user is None:
        return client
    response = client.post("/auth/login", data={"email": user.email, "password": "correct horse battery"})
    if response.headers.get("Location", "").startswith("/auth/two-step"):
        response = client.post("/auth/two-step", data={"code": current_code(user.totp_secret, user.totp_last_step)})
    assert response.status_code == 302 and "/auth/" not in response.headers["Location"], "log-in failed"
    return client


def _targets(app, ids):
    for rule in app.url_map.iter_rules():
        if rule.endpoint in NOT_FUZZED:
            continue
        path = rule.build({name: ids.get(name, 1) for name in rule.arguments})[1]
        yield rule.endpoint, path, "POST" in rule.methods, "GET" in rule.methods


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.large_base_example],
)
@given(data=st.data())
def test_no_form_ever_answers_500(app, db, make, data):
    if not hasattr(make, "fuzz"):  # `make` lives as long as this test, across its examples: set up once
        ids, people = _world(make, db)
        make.fuzz = {
            "ids": ids,
            "clients": {role: _signed_in(app, user) for role, user in people.items()},
            "anonymous": app.test_client(),
        }
    ids, clients = make.fuzz["ids"], make.fuzz["clients"]
    # One set of values per example, posted to every route: each form reads the fields it has.
    values = {name: data.draw(TEXT, label=name) for name in FIELDS}
    files = {name: (data.draw(FILE_BYTES), data.draw(FILE_NAMES)) for name in FILE_FIELDS}
    for endpoint, path, posts, gets in _targets(app, ids):
        allowed = ACCESS[endpoint]
        for client in [make.fuzz["anonymous"]] if allowed == PUBLIC else [clients[role] for role in sorted(allowed)]:
            if posts:
                form = {**values, **{name: (io.BytesIO(body), filename) for name, (body, filename) in files.items()}}
                response = client.post(path, data=form, content_type="multipart/form-data")
                assert response.status_code < 500, (endpoint, path, response.status_code)
            if gets:
                response = client.get(path, query_string=values)
                assert response.status_code < 500 or (endpoint, response.status_code) == NOT_READY, (
                    endpoint,
                    path,
                    "GET",
                    response.status_code,
                )
    for role, client in clients.items():  # still signed in: the routes above were fuzzed as that person
        home = {Role.GRADUATE: "/graduate/", Role.EMPLOYER: "/employer/", Role.CAREER_OFFICE: "/career/"}
        assert client.get(home.get(role, "/admin/")).status_code == 200, role
