"""Consents per person and per version of the privacy notice: a new version is asked for again after log-in and
nothing else opens until it is accepted; being visible to employers is its own consent, given and withdrawn."""

from __future__ import annotations

import io
import json
import zipfile

from sqlalchemy import select

from recruit.models import Application, Consent, ConsentKind, Role
from recruit.services.people.consents import PRIVACY_NOTICE_VERSION


def _consents(db, user, kind):
    return list(
        db.session.scalars(select(Consent).where(Consent.user_id == user.id, Consent.kind == kind).order_by(Consent.id))
    )


def test_registering_records_the_notice_version_accepted(client, db):
    client.get("/auth/register")
    response = client.post(
        "/auth/register",
        data={
            "role": "graduate",
            "display_name": "周文",
            "email": "zhou.wen@example.com",
            "password": "a-long-enough-passphrase-2026",
            "confirm": "a-long-enough-passphrase-2026",
            "consent": "y",
        },
    )
    assert response.status_code == 302
    from recruit.models import User

    user = db.session.scalar(select(User).where(User.email == "zhou.wen@example.com"))
    assert [c.notice_version for c in _consents(db, user, ConsentKind.PRIVACY_NOTICE)] == [PRIVACY_NOTICE_VERSION]


def test_a_new_notice_version_is_asked_for_at_log_in_and_nothing_else_opens(client, db, make, login):
    graduate = make.graduate()
    vacancy = make.vacancy()
    graduate.user.consent_notice_version = "2026-11-01"
    for old in _consents(db, graduate.user, ConsentKind.PRIVACY_NOTICE):
        old.notice_version = "2026-11-01"
    db.session.commit()
    response = login(graduate.user)
    assert response.status_code == 302

    page = client.get("/graduate/")
    assert page.status_code == 303
    assert page.headers["Location"].startswith("/auth/consent?next=/graduate/")
    notice = client.get(page.headers["Location"]).get_data(as_text=True)
    assert "since you accepted the version of 2026-11-01" in notice
    assert "What changed:" in notice and "Being visible to employers is now a separate choice" in notice

    # Writing is closed too: the application is not made.
    refused = client.post(
        f"/graduate/vacancies/{vacancy.id}/apply", data={"cover_letter": "", "shares_with_employer": "y"}
    )
    assert refused.status_code == 303 and refused.headers["Location"].startswith("/auth/consent")
    assert db.session.scalar(select(Application).where(Application.graduate_id == graduate.id)) is None

    # One's own data can still be downloaded before deciding.
    data = client.post("/auth/my-data", data={})
    assert data.status_code == 200 and data.mimetype == "application/zip"

    accepted = client.post("/auth/consent?next=/graduate/", data={})
    assert accepted.status_code == 302 and accepted.headers["Location"] == "/graduate/"
    db.session.refresh(graduate.user)
    assert graduate.user.consent_notice_version == PRIVACY_NOTICE_VERSION
    assert [c.notice_version for c in _consents(db, graduate.user, ConsentKind.PRIVACY_NOTICE)] == [
        "2026-11-01",
        PRIVACY_NOTICE_VERSION,
    ]
    assert client.get("/graduate/").status_code == 200


def test_every_role_is_asked_and_the_next_address_stays_on_the_site(client, db, make, login):
    office = make.user(Role.CAREER_OFFICE)
    office.consent_notice_version = None
    db.session.commit()
    login(office)
    assert client.get("/career/").headers["Location"].startswith("/auth/consent")
    accepted = client.post("/auth/consent?next=https://evil.example.com/", data={})
    assert accepted.status_code == 302 and "evil.example.com" not in accepted.headers["Location"]
    assert client.get("/career/").status_code == 200


def test_visibility_is_a_consent_given_and_withdrawn(client, db, make, login):
    graduate = make.graduate()
    login(graduate.user)
    form = client.get("/graduate/profile").get_data(as_text=True)
    assert "separate from applying" in form

    def save(visible: bool):
        data = {
            "full_name": graduate.full_name,
            "university_id": str(graduate.university_id),
            "major": graduate.major,
            "degree": graduate.degree.value,
            "graduation_year": str(graduate.graduation_year),
            "skills": "Python",
            "about": graduate.about or "做过数据分析项目。",
        }
        if visible:
            data["is_visible_to_employers"] = "y"
        return client.post("/graduate/profile", data=data)

    assert save(True).status_code == 302
    assert save(True).status_code == 302  # saving again does not grant twice
    grants = _consents(db, graduate.user, ConsentKind.VISIBILITY)
    assert len(grants) == 1 and grants[0].withdrawn_at is None
    assert save(False).status_code == 302
    db.session.expire_all()
    grants = _consents(db, graduate.user, ConsentKind.VISIBILITY)
    assert len(grants) == 1 and grants[0].withdrawn_at is not None
    assert save(True).status_code == 302
    assert [g.withdrawn_at is None for g in _consents(db, graduate.user, ConsentKind.VISIBILITY)] == [False, True]

    archive = zipfile.ZipFile(io.BytesIO(client.post("/auth/my-data", data={}).data))
    held = json.loads(archive.read(next(n for n in archive.namelist() if n.endswith(".json"))))
    assert [c["kind"] for c in held["consents"]].count("visibility") == 2
