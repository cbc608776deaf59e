"""Download my data: a ZIP with a JSON of everything held about the person (account, consents, profile,
applications and their history, notifications, log-ins) and their resume; the download is audited."""

import io
import json
import zipfile

from sqlalchemy import select

from recruit.models import ApplicationStatus, AuditEntry, Role
from tests.support.pdfs import pdf_with_text


def _archive(client) -> zipfile.ZipFile:
    response = client.post("/auth/my-data")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert response.headers["Cache-Control"] == "no-store"
    return zipfile.ZipFile(io.BytesIO(response.get_data()))


def test_a_graduate_downloads_everything_held_about_them(client, db, make, login):
    graduate = make.graduate(full_name="周数据", about="喜欢数据分析")
    application = make.application(graduate=graduate, vacancy=make.vacancy(title="数据分析师"))
    make.application(graduate=graduate, status=ApplicationStatus.REJECTED)
    make.notification(user=graduate.user, title="您的投递已查看")
    db.session.commit()
    login(graduate.user)
    pdf = pdf_with_text("Zhou Shuju resume")
    uploaded = client.post(
        "/graduate/resume", data={"resume": (io.BytesIO(pdf), "cv.pdf")}, content_type="multipart/form-data"
    )
    assert uploaded.status_code == 302

    archive = _archive(client)
    assert sorted(archive.namelist()) == ["personal_data.json", "resume.pdf"]
    assert archive.read("resume.pdf") == pdf
    data = json.loads(archive.read("personal_data.json"))
    assert data["account"]["email"] == graduate.user.email
    assert data["consents"][0]["kind"] == "privacy_notice"
    assert data["consents"][0]["notice_version"] == graduate.user.consent_notice_version
    assert (
        data["graduate"]["profile"]["full_name"] == "周数据" and data["graduate"]["profile"]["about"] == "喜欢数据分析"
    )
    titles = sorted(a["vacancy"] for a in data["graduate"]["applications"])
    assert "数据分析师" in titles and len(titles) == 2
    first = next(a for a in data["graduate"]["applications"] if a["vacancy"] == "数据分析师")
    assert first["history"][0]["to_status"] == "submitted"
    assert any(n["title"] == "您的投递已查看" for n in data["notifications"])
    assert len(data["log_ins"]) >= 1 and data["log_ins"][0]["ip_address"]
    assert "Zhou Shuju" in (data["graduate"]["resume_text"] or "")
    assert application.id  # the application row itself is unchanged by a download
    exported = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "account.export_data"))
    assert exported.actor_id == graduate.user_id


def test_every_role_can_download_its_data_and_only_its_own(client, db, make, login_as):
    for role in (Role.EMPLOYER, Role.CAREER_OFFICE, Role.OPERATOR):
        user = login_as(role)
        data = json.loads(_archive(client).read("personal_data.json"))
        assert data["account"]["email"] == user.email and "graduate" not in data
        client.post("/auth/logout")
    assert client.post("/auth/my-data").status_code == 302  # logged out: sent to log in
