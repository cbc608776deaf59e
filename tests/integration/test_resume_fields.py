"""Profile fields read from a resume: proposed in the profile form after an upload, written only when the graduate
saves, and then part of what matching reads."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st

from recruit.reference.education import Degree
from recruit.reference.skills import COMMON_SKILLS
from recruit.services.people.resume_fields import read_fields
from tests.support.forms import form_fields
from tests.support.pdfs import pdf_with_lines

VOCABULARY = sorted(COMMON_SKILLS, key=len, reverse=True)
RESUME = [
    "OLIVIA MARTIN",
    "olivia.martin@example.com",
    "EDUCATION",
    "University of Colorado Boulder",
    "B.A. in Economics, Graduated May 2025",
    "EXPERIENCE",
    "Research assistant (2023 - 2025): cleaned survey data in Stata.",
    "SKILLS",
    "Stata, SQL, Excel, Zemax",
]


def test_a_chinese_resume_gives_its_major_degree_year_and_skills():
    text = "\n".join(
        [
            "姓名：陈晨    求职意向：财务",
            "教育背景",
            "2022.09 - 2026.06    暨南大学    财务管理    本科",
            "技能：熟练使用Excel、金蝶；英语四级",
        ]
    )
    read = read_fields(text, VOCABULARY, 2026)
    assert (read.major, read.degree, read.graduation_year) == ("财务管理", Degree.BACHELOR, 2026)
    assert set(read.skills) == {"Excel", "金蝶", "英语四级"}


def test_the_highest_degree_s_major_and_the_latest_year_are_taken():
    text = "Education\nM.S. in Statistics, Rice University, 2024 - 2026\nB.S. in Mathematics, UT Austin, 2020 - 2024"
    read = read_fields(text, VOCABULARY, 2026)
    assert (read.major, read.degree, read.graduation_year) == ("Statistics", Degree.MASTER, 2026)


def test_nothing_is_made_up_from_a_text_that_names_nothing():
    read = read_fields("I like hiking and reading novels on weekends.", VOCABULARY, 2026)
    assert (read.major, read.degree, read.graduation_year, read.skills) == (None, None, None, [])


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=3000))
def test_any_text_is_read_without_failing_and_years_stay_plausible(text):
    read = read_fields(text, VOCABULARY, 2026)
    assert read.graduation_year is None or 1950 <= read.graduation_year <= 2032


def test_an_uploaded_resume_is_proposed_in_the_form_and_written_only_when_saved(db, make, client, login):
    make.vacancy(skills=["Zemax"])  # a skill only the campaign's vacancies know
    profile = make.graduate(major="Undeclared", degree=Degree.ASSOCIATE, graduation_year=2024, skills=["Excel"])
    login(profile.user)

    response = client.post(
        "/graduate/resume",
        data={"resume": (io.BytesIO(pdf_with_lines(RESUME)), "cv.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302 and "from_resume=1" in response.headers["Location"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)

    assert 'data-testid="from-resume"' in page and "nothing changes in your profile until you do" in page
    fields = form_fields(page, "/graduate/profile")
    assert (
        fields["major"] == ["Economics"] and fields["degree"] == ["bachelor"] and fields["graduation_year"] == ["2025"]
    )
    assert [s.strip() for s in fields["skills"][0].split(",")] == ["Excel", "Zemax", "Stata", "SQL"]
    assert "your profile said: Undeclared" in page and "Added from your resume: Zemax, Stata, SQL" in page
    db.session.refresh(profile)
    assert profile.major == "Undeclared" and profile.skills == ["Excel"]  # proposed, not written
    digest = profile.text_digest

    fields["skills"] = ["Excel, Zemax, Stata"]  # the graduate corrects the list before saving
    assert client.post("/graduate/profile", data=fields).status_code == 302
    db.session.refresh(profile)
    assert (profile.major, profile.degree, profile.graduation_year) == ("Economics", Degree.BACHELOR, 2025)
    assert profile.skills == ["Excel", "Zemax", "Stata"] and profile.text_digest != digest  # matching reads it now

    again = client.get("/graduate/profile?from_resume=1").get_data(as_text=True)
    assert "Added from your resume: SQL." in again and "your profile said" not in again  # only what is still new
