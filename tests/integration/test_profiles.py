"""The graduate's profile and resume PDF."""

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from recruit.models import Degree, GraduateProfile, Role
from tests.support.pdfs import pdf_with_inflating_stream, pdf_with_many_operators, pdf_with_text

PROFILE = {
    "full_name": "王芳",
    "university_id": "",
    "student_number": "2022011234",
    "major": "会计学",
    "discipline": "12",
    "degree": "bachelor",
    "graduation_year": "2026",
    "skills": "会计、Excel, 税务",
    "preferred_cities": "杭州，上海",
    "preferred_industries": ["L", "F"],
    "salary_min": "5000",
    "salary_max": "8000",
    "about": "注册会计师方向。",
    "province_code": "33",
    "is_visible_to_employers": "y",
}


def profile_of(db, user) -> GraduateProfile:
    return db.session.scalar(select(GraduateProfile).where(GraduateProfile.user_id == user.id))


def test_a_graduate_completes_the_profile(client, db, make, login):
    user = make.user(Role.GRADUATE)
    university = make.university(name="浙江财经大学")
    login(user)
    before = client.get("/graduate/profile").get_data(as_text=True)
    assert "Required before you can apply" in before
    response = client.post("/graduate/profile", data={**PROFILE, "university_id": university.id})
    assert response.status_code == 302
    profile = profile_of(db, user)
    assert profile.degree is Degree.BACHELOR and profile.university_id == university.id
    assert profile.skills == ["会计", "Excel", "税务"] and profile.preferred_cities == ["杭州", "上海"]
    assert profile.preferred_industries == ["L", "F"] and profile.is_visible_to_employers
    page = client.get("/graduate/profile").get_data(as_text=True)
    assert "Required before you can apply" not in page
    assert 'data-testid="completeness">90%' in page  # everything but the resume


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"salary_min": "9000", "salary_max": "6000"}, "salary_min", "The lowest salary must not exceed the highest."),
        ({"graduation_year": "1900"}, "graduation_year", "between 1950 and 2100"),
        ({"full_name": ""}, "full_name", "Enter your full name."),
        ({"university_id": "999999"}, "university_id", "Not a valid choice"),
    ],
)
def test_bad_profile_input_is_refused_and_nothing_changes(client, db, make, login, changes, field, message):
    user = make.user(Role.GRADUATE)
    login(user)
    response = client.post("/graduate/profile", data={**PROFILE, **changes})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    start = page.index(f'id="{field}-feedback"')
    assert message in page[start : start + 300]
    assert "注册会计师方向。" in page  # the rest is kept
    db.session.refresh(profile_of(db, user))
    assert profile_of(db, user).major == ""


def upload(client, data: bytes, name: str = "cv.pdf"):
    from io import BytesIO

    return client.post("/graduate/resume", data={"resume": (BytesIO(data), name)}, content_type="multipart/form-data")


def stored_files(app) -> set[str]:
    resumes = Path(app.config["RECRUIT_UPLOAD_DIR"]) / "resumes"
    return {path.name for path in resumes.iterdir()} if resumes.exists() else set()


def test_a_resume_is_stored_outside_static_its_text_extracted_and_replaced_cleanly(app, client, db, make, login):
    profile = make.graduate()
    login(profile.user)
    assert upload(client, pdf_with_text("Python developer with SQL")).status_code == 302
    db.session.refresh(profile)
    first = Path(app.config["RECRUIT_UPLOAD_DIR"]) / "resumes" / profile.resume_filename
    assert first.exists() and "static" not in str(first.resolve())
    assert profile.resume_text == "Python developer with SQL"
    assert profile.resume_filename != "cv.pdf" and len(profile.resume_filename) == 36

    assert upload(client, pdf_with_text("Data analyst")).status_code == 302
    db.session.refresh(profile)
    assert not first.exists()
    assert profile.resume_text == "Data analyst"

    download = client.get("/graduate/resume")
    assert download.status_code == 200
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert download.data.startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"PK\x03\x04 this is a zip renamed", "cv.pdf", "The resume must be a PDF file."),
        (b"%PDF-1.4 but not really a pdf at all", "cv.pdf", "could not be read as a PDF"),
        (b"", "cv.pdf", "The file is empty."),
    ],
)
def test_non_pdf_uploads_are_refused_by_their_bytes(client, db, make, login, data, name, message):
    profile = make.graduate()
    login(profile.user)
    response = upload(client, data, name)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    db.session.refresh(profile)
    assert profile.resume_filename is None


def test_a_pdf_over_5_mb_is_refused(client, db, make, login):
    profile = make.graduate()
    login(profile.user)
    response = upload(client, pdf_with_text("big", padding_bytes=5 * 1024 * 1024))
    assert response.status_code == 422
    assert "The resume may be at most 5 MB." in response.get_data(as_text=True)


def test_a_50_mb_upload_is_stopped_at_the_door(client, make, login):
    login(make.graduate().user)
    response = upload(client, pdf_with_text("huge", padding_bytes=50 * 1024 * 1024))
    assert response.status_code == 413
    assert "A resume may be at most 5 MB." in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("hostile", "message"),
    [
        (pdf_with_many_operators, "took too long to read"),  # 600,000 text operators in a few kilobytes
        (pdf_with_inflating_stream, "could not be read as a PDF"),  # 100 KB that inflates to 100 MB
    ],
)
def test_hostile_pdfs_are_refused_in_bounded_time(app, client, db, make, login, hostile, message):
    profile = make.graduate()
    login(profile.user)
    before = stored_files(app)
    response = upload(client, hostile())
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    db.session.refresh(profile)
    assert profile.resume_filename is None
    assert stored_files(app) == before


def test_a_refused_upload_leaves_the_profile_form_as_stored(client, db, make, login):
    profile = make.graduate(
        skills=["Python", "SQL", "Linux", "Vue.js"],
        preferred_cities=["广州", "杭州"],
        preferred_industries=["I", "M"],
        is_visible_to_employers=True,
    )
    login(profile.user)
    response = upload(client, b"GIF89a not a pdf", "cv.gif")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'value="Python, SQL, Linux, Vue.js"' in page and 'value="广州, 杭州"' in page
    assert "['" not in page
    assert re.search(r'<option selected value="I">|<option value="I" selected>', page)
    assert re.search(r'id="is_visible_to_employers"[^>]*checked|checked[^>]*id="is_visible_to_employers"', page)


def test_a_resume_whose_commit_fails_leaves_no_file_behind(app, client, db, make, login, backend):
    from sqlalchemy import text

    profile = make.graduate()
    login(profile.user)
    if backend == "sqlite":
        db.session.execute(
            text(
                "CREATE TRIGGER refuse_resume BEFORE UPDATE OF resume_filename ON graduate_profiles "
                "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
            )
        )
    else:
        db.session.execute(
            text(
                "CREATE FUNCTION refuse_resume() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$"
            )
        )
        db.session.execute(
            text(
                "CREATE TRIGGER refuse_resume BEFORE UPDATE OF resume_filename ON graduate_profiles "
                "FOR EACH ROW EXECUTE FUNCTION refuse_resume()"
            )
        )
    db.session.commit()
    before = stored_files(app)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    try:
        response = upload(client, pdf_with_text("Python developer"))
    finally:
        app.config["PROPAGATE_EXCEPTIONS"] = None
    assert response.status_code == 500
    assert stored_files(app) == before


def test_a_graduate_picks_from_the_national_list_grouped_by_province(client, db, make, login):
    login(make.graduate().user)
    page = client.get("/graduate/profile").get_data(as_text=True)
    assert page.count("<option") > 2631  # every institution of the ministry's list
    assert '<optgroup label="Guangdong">' in page and ">华南理工大学</option>" in page
