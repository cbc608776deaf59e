"""Deleting an account: nothing of the person is left in any table, any file, or the vector and lexical indexes;
their applications stay only as anonymous counts in the statistics."""

from __future__ import annotations

import io
from pathlib import Path

from sqlalchemy import select, text

from recruit.matching import store
from recruit.models import ApplicationStatus as S
from recruit.models import (
    ApplyInvitation,
    Base,
    DismissedVacancy,
    EmbeddingOwner,
    Nudge,
    NudgeRecipient,
    Role,
    RosterEntry,
    User,
)
from recruit.services.hiring import applications as pipeline
from recruit.services.universities.placement import placement_figures
from tests.factories import DEFAULT_PASSWORD
from tests.support.matching import MODEL_NAME, embed_everything, fresh_indexes
from tests.support.pdfs import pdf_with_text

NAME = "闻人独秀"
EMAIL = "wenren.duxiu.marker@example.com"
STUDENT_NUMBER = "MARK20261204"
MARKERS = (
    NAME,
    EMAIL,
    "wenren.duxiu.marker",
    STUDENT_NUMBER,
    "XYZZYABOUT",
    "XYZZYSKILL",
    "XYZZYLETTER",
    "XYZZYNOTE",
    "XYZZYCHAT",
)


def _every_value(db):
    """Every stored value of every table, as text, with where it is."""
    for table in Base.metadata.sorted_tables:
        for row in db.session.execute(select(table)).mappings():
            for column, value in row.items():
                if value is None:
                    continue
                shown = value.decode("utf-8", "ignore") if isinstance(value, bytes) else str(value)
                yield table.name, column, shown


def _traces(db) -> list[tuple[str, str, str]]:
    return [
        (table, column, marker)
        for table, column, shown in _every_value(db)
        for marker in MARKERS
        if marker.lower() in shown.lower()
    ]


def _talks_hires_and_fairs(make, db, graduate, employer, company, other):
    """A conversation (and its report), a returned agreement with its follow-up, a fair registration and visit."""
    from datetime import timedelta

    from recruit import clock
    from recruit.models import AgreementStatus, FairRegistration, FairVisit, FollowUp
    from recruit.services.campaign import fairs
    from recruit.services.messaging import conversations

    conversation = conversations.open_with(db.session, graduate.user, graduate, company, "标记")
    conversations.write(db.session, conversation, graduate.user, "XYZZYCHAT 我是闻人独秀")
    conversations.write(db.session, conversation, employer, "您好 闻人独秀")
    conversations.report(db.session, conversation, graduate.user, "XYZZYCHAT")
    hired = make.application(graduate=graduate, vacancy=other, status=S.HIRED)
    agreement = make.agreement(hired, status=AgreementStatus.RETURNED, return_reason=f"XYZZYNOTE {NAME} 的合同期限有误")
    db.session.add(FollowUp(agreement_id=agreement.id, months=3, still_employed=True))
    fair = fairs.create_fair(
        db.session,
        make.user(Role.OPERATOR),
        make.campaign(starts_on=clock.today() - timedelta(days=1)),
        fairs.FairDetails("标记专场", "", "", clock.today(), clock.today() + timedelta(days=2), 5),
    )
    db.session.add_all(
        [
            FairRegistration(fair_id=fair.id, user_id=graduate.user_id),
            FairVisit(fair_id=fair.id, user_id=graduate.user_id),
        ]
    )


def _people_everywhere(make, db, client, login):
    university = make.university()
    office = make.user(Role.CAREER_OFFICE, university=university)
    company = make.company(name="宁波标记科技有限公司")
    employer = make.employer(company=company)
    vacancy = make.vacancy(company=company, title="标记测试工程师")
    other = make.vacancy(title="另一个岗位")
    graduate = make.graduate(university=university, full_name=NAME, student_number=STUDENT_NUMBER)
    graduate.user.email = EMAIL
    graduate.about = "我做过标记项目 XYZZYABOUT。"
    graduate.skills = ["Python", "XYZZYSKILL"]
    graduate.is_visible_to_employers = True
    db.session.add(
        RosterEntry(
            university_id=university.id,
            student_number=STUDENT_NUMBER,
            full_name=NAME,
            email=EMAIL,
            major="计算机科学与技术",
            degree=graduate.degree,
            graduation_year=2026,
            graduate_id=graduate.id,
        )
    )
    db.session.add(DismissedVacancy(graduate_id=graduate.id, vacancy_id=other.id))
    db.session.add(ApplyInvitation(graduate_id=graduate.id, vacancy_id=other.id, invited_by_id=employer.id))
    nudge = Nudge(university_id=university.id, sender_id=office.id, message="请投递", selection="")
    db.session.add(nudge)
    db.session.flush()
    db.session.add(NudgeRecipient(nudge_id=nudge.id, graduate_id=graduate.id))
    make.saved_vacancy(graduate=graduate, vacancy=other)
    db.session.commit()

    login(graduate.user)
    pdf = pdf_with_text("Wenren Duxiu resume XYZZYABOUT")
    uploaded = client.post(
        "/graduate/resume", data={"resume": (io.BytesIO(pdf), "cv.pdf")}, content_type="multipart/form-data"
    )
    assert uploaded.status_code == 302
    applied = client.post(
        f"/graduate/vacancies/{vacancy.id}/apply", data={"cover_letter": "XYZZYLETTER", "shares_with_employer": "y"}
    )
    assert applied.status_code == 302
    application = pipeline.applicants(db.session, vacancy)[0]
    pipeline.transition(db.session, application, S.VIEWED, employer, note="XYZZYNOTE")
    make.interview(application=application, location="宁波市标记大厦")
    _talks_hires_and_fairs(make, db, graduate, employer, company, other)
    db.session.commit()
    client.post("/auth/logout", data={})
    login(office)
    assert client.get(f"/career/graduates/{graduate.id}").status_code == 200  # an audited read
    client.post("/auth/logout", data={})
    embed_everything(db.session)
    return university, employer, vacancy, graduate


def test_deleting_an_account_leaves_nothing_of_the_person(app, client, db, make, login):
    fresh_indexes()
    university, employer, vacancy, graduate = _people_everywhere(make, db, client, login)
    upload_dir = Path(app.config["RECRUIT_UPLOAD_DIR"])
    resume = upload_dir / "resumes" / graduate.resume_filename
    assert resume.exists()
    assert _traces(db), "the person is in the database before"
    graduates = store.side_store(db.session, EmbeddingOwner.GRADUATE, MODEL_NAME)
    assert graduate.id in graduates.vectors.vectors([graduate.id])[0]

    login(graduate.user)
    page = client.get("/auth/delete-account").get_data(as_text=True)
    assert "stay only as anonymous counts" in page
    wrong = client.post("/auth/delete-account", data={"password": "not my password", "understood": "y"})
    assert wrong.status_code == 422 and "Your password is not right." in wrong.get_data(as_text=True)
    unticked = client.post("/auth/delete-account", data={"password": DEFAULT_PASSWORD})
    assert unticked.status_code == 422 and "Tick this box to confirm." in unticked.get_data(as_text=True)
    assert client.get("/graduate/").status_code == 200  # still here, still logged in

    deleted = client.post("/auth/delete-account", data={"password": DEFAULT_PASSWORD, "understood": "y"})
    assert deleted.status_code == 302 and deleted.headers["Location"] == "/"
    assert "Your account is deleted." in client.get("/").get_data(as_text=True)
    assert client.get("/graduate/").status_code == 302  # logged out

    db.session.expire_all()
    assert _traces(db) == []
    assert not resume.exists()
    for path in upload_dir.rglob("*"):
        if path.is_file():
            assert b"XYZZYABOUT" not in path.read_bytes(), path

    store.side_store(db.session, EmbeddingOwner.GRADUATE, MODEL_NAME).refresh(db.session, force=True)
    assert graduate.id not in graduates.vectors.vectors([graduate.id])[0]
    assert graduate.id not in graduates.lexicon._documents

    # No way back in, and gone from every list...
    again = client.post("/auth/login", data={"email": EMAIL, "password": DEFAULT_PASSWORD})
    assert again.status_code == 422
    assert pipeline.applicants(db.session, vacancy) == []
    login(make.user(Role.CAREER_OFFICE, university=university))
    assert NAME not in client.get("/career/graduates").get_data(as_text=True)
    assert client.get(f"/career/graduates/{graduate.id}").status_code == 404
    # ...but still counted, anonymously.
    figures = placement_figures(db.session, university.id)
    assert (figures.overall.registered, figures.overall.applied) == (1, 1)
    shell = db.session.get(User, graduate.user_id)
    assert shell.erased_at is not None and not shell.is_enabled
    fresh_indexes()


def test_an_employer_account_is_deleted_and_its_company_keeps_its_records(client, db, make, login):
    company = make.company()
    employer = make.employer(company=company, email="hr.marker@example.com")
    colleague = make.employer(company=company)
    application = make.application(vacancy=make.vacancy(company=company), status=S.VIEWED)
    pipeline.transition(db.session, application, S.SHORTLISTED, employer, note="通过初筛")
    make.outbox_email(user=employer, to_address="hr.marker@example.com")
    db.session.commit()
    login(employer)
    assert (
        client.post("/auth/delete-account", data={"password": DEFAULT_PASSWORD, "understood": "y"}).status_code == 302
    )
    db.session.expire_all()
    assert db.session.get(User, employer.id) is None
    assert db.session.get(User, colleague.id) is not None
    assert application.status is S.SHORTLISTED and application.events[-1].note == "通过初筛"
    assert (
        db.session.execute(
            text("SELECT count(*) FROM outbox_emails WHERE to_address = 'hr.marker@example.com'")
        ).scalar()
        == 0
    )


def test_staff_accounts_are_not_deleted_here(client, make, login):
    for role in (Role.CAREER_OFFICE, Role.OPERATOR):
        login(make.user(role))
        assert (
            client.post("/auth/delete-account", data={"password": DEFAULT_PASSWORD, "understood": "y"}).status_code
            == 403
        )
        client.post("/auth/logout", data={})
