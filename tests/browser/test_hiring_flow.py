"""A graduate completes a profile with a resume, finds a vacancy by a keyword, applies, and sees the status
change after the employer shortlists them and invites them to an interview — in a real browser."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from recruit import clock
from tests.browser.conftest import screenshot
from tests.factories import DEFAULT_PASSWORD
from tests.support.pdfs import pdf_with_text

pytestmark = pytest.mark.browser


def test_from_profile_to_interview_invitation(page, new_page, live_server, backend, tmp_path):
    with live_server.seed() as make:
        make.campaign()
        university = make.university(name=f"华南理工大学{backend}")
        company = make.company(name="广州蓝海软件有限公司")
        employer = make.employer(company=company, email=f"hr.lanhai.{backend}@example.com")
        make.vacancy(
            company=company,
            title="Python后端开发工程师",
            description="使用 Flask 和 PostgreSQL 开发招聘平台。",
            skills=["Python", "SQL"],
            salary_min=9000,
            salary_max=13000,
        )
        university_name, employer_email = university.name, employer.email

    # The graduate registers and completes the profile with a resume.
    page.goto("/auth/register?role=graduate")
    page.get_by_label("Your name").fill("林晓")
    page.get_by_label("E-mail").fill(f"lin.xiao.{backend}@example.com")
    page.get_by_label("Password", exact=True).fill("graduate of 2026")
    page.get_by_label("Repeat the password").fill("graduate of 2026")
    page.get_by_label("I have read the privacy notice and agree to it").check()
    page.get_by_role("button", name="Create account").click()
    # Until the address is confirmed, the site says so; the link in the e-mail confirms it.
    expect(page.get_by_test_id("verify-email")).to_contain_text(f"lin.xiao.{backend}@example.com")
    page.goto(live_server.link_mailed_to(f"lin.xiao.{backend}@example.com", "/auth/verify/"))
    page.get_by_role("button", name="Confirm my address").click()
    expect(page.get_by_text(f"your e-mail address lin.xiao.{backend}@example.com is confirmed")).to_be_visible()
    expect(page.get_by_test_id("verify-email")).to_have_count(0)
    page.get_by_role("link", name="My profile", exact=True).click()
    page.get_by_label("Full name").fill("林晓")
    page.get_by_label("University").select_option(label=university_name)
    page.get_by_label("Major", exact=True).fill("软件工程")
    page.get_by_label("Degree", exact=True).select_option("bachelor")
    page.get_by_label("Graduation year").fill("2026")
    page.get_by_label("Skills").fill("Python, SQL, Flask")
    page.get_by_label("Let employers find my profile").check()
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    expect(page.get_by_test_id("completeness")).to_have_text("65%")
    resume = tmp_path / "resume.pdf"
    resume.write_bytes(pdf_with_text("Lin Xiao - Python, SQL, Flask"))
    page.get_by_label("Resume (PDF, at most 5 MB)").set_input_files(str(resume))
    page.get_by_role("button", name="Upload resume").click()
    expect(page.get_by_text("Your resume is uploaded.")).to_be_visible()
    expect(page.get_by_test_id("completeness")).to_have_text("75%")  # the resume counts for 10

    # Finds the vacancy by a keyword and applies.
    page.get_by_role("navigation").get_by_role("link", name="Find jobs").click()
    page.get_by_label("Keywords").fill("Python")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_test_id("result-count")).to_have_text("1 vacancy")
    page.get_by_test_id("results").get_by_text("Python后端开发工程师").click()
    page.get_by_label("Cover letter (optional)").fill("我用 Flask 做过校园招聘小程序。")
    page.get_by_role("button", name="Apply").click()  # without the yes to sharing: refused, next to the box
    expect(page.locator("#shares_with_employer-feedback")).to_contain_text("may see your profile and resume")
    expect(page.get_by_label("Cover letter (optional)")).to_have_value("我用 Flask 做过校园招聘小程序。")
    page.get_by_label("may see my profile and resume").check()
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_text("Your application is sent.")).to_be_visible()
    expect(page.locator("h1 [data-status]")).to_have_text("submitted")
    application_url = page.url

    # The employer, in another browser, shortlists and invites to an interview.
    hr = new_page()
    hr.goto("/auth/login")
    hr.get_by_label("E-mail").fill(employer_email)
    hr.get_by_label("Password").fill(DEFAULT_PASSWORD)
    hr.get_by_role("button", name="Log in").click()
    hr.get_by_role("link", name="Python后端开发工程师").click()
    hr.get_by_test_id("applicants").get_by_role("button", name="林晓").click()  # opening it marks it read
    hr.get_by_role("button", name="Shortlist").click()
    expect(hr.get_by_text("The application is now shortlisted.")).to_be_visible()
    when = (clock.now() + timedelta(days=3)).strftime("%Y-%m-%dT14:30")
    hr.get_by_label("Date and time (Beijing time)").fill(when)
    hr.get_by_label("Place").fill("广州市天河区软件园 B 栋 3 楼")
    hr.get_by_role("button", name="Send interview invitation").click()
    expect(hr.get_by_text("The interview invitation is sent.")).to_be_visible()
    screenshot(hr, f"employer-application-{backend}")

    # The graduate sees the change.
    page.goto(application_url)
    expect(page.locator("h1 [data-status]")).to_have_text("interview")
    expect(page.get_by_test_id("interview")).to_contain_text("广州市天河区软件园 B 栋 3 楼")
    expect(page.get_by_test_id("interview")).to_contain_text("14:30")
    expect(page.get_by_test_id("unread-count")).to_have_text("4")
    timeline = page.get_by_test_id("timeline")
    for status in ("submitted", "viewed", "shortlisted", "interview"):
        expect(timeline.locator(f'[data-status="{status}"]')).to_have_count(1)
    page.get_by_label("Answer").select_option("confirm")
    page.get_by_role("button", name="Send answer").click()
    expect(page.get_by_text("Your answer is sent to the employer.")).to_be_visible()
    expect(page.get_by_test_id("interview")).to_contain_text("confirmed")
    screenshot(page, f"graduate-application-{backend}")
    assert re.search(r"/graduate/applications/\d+$", page.url)
