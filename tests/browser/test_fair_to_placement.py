"""From a job fair to a confirmed placement, in a real browser: a company signs a vacancy up to a fair, the organiser
approves the booth, a graduate finds it in the fair and applies, the employer interviews and offers, the graduate
accepts, and the employment agreement is confirmed by the employer, the graduate and the career office."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from recruit import clock
from recruit.models import Application, ApplicationStatus, JobFair, Role
from recruit.services.campaign import fairs
from tests.browser.conftest import log_in, screenshot

pytestmark = pytest.mark.browser


def test_a_fair_vacancy_becomes_a_confirmed_placement(page, new_page, live_server, backend):
    with live_server.seed() as make:
        campaign = make.campaign(starts_on=clock.today() - timedelta(days=3))
        university = make.university(name=f"浙江工商大学{backend}")
        company = make.company(name=f"杭州数联科技有限公司{backend}")
        employer = make.employer(company=company, email=f"hr.shulian.{backend}@example.com")
        make.vacancy(
            company=company,
            title="数据分析师",
            description="整理销售数据，制作经营报表。",
            requirements="统计学相关专业。",
            skills=["SQL", "Excel"],
            salary_min=8000,
            salary_max=12000,
        )
        graduate = make.graduate(university=university, full_name="陈静", major="统计学")
        graduate.user.email = f"chen.jing.fair.{backend}@example.com"
        office = make.user(Role.CAREER_OFFICE, university=university, email=f"career.zjgsu.{backend}@example.com")
        operator = make.user(Role.OPERATOR)
        fair = fairs.create_fair(
            make.session,
            operator,
            campaign,
            fairs.FairDetails(
                f"数字经济专场{backend}", "数据与软件岗位", "", clock.today(), clock.today() + timedelta(days=7), 20
            ),
        )
        fair_id, fair_name = fair.id, fair.name
        emails = {"employer": employer.email, "graduate": graduate.user.email, "office": office.email}

    # The company signs its vacancy up to the fair.
    hr = new_page()
    log_in(hr, emails["employer"])
    hr.get_by_role("navigation").get_by_role("link", name="Job fairs").click()
    hr.get_by_text(fair_name).click()
    hr.get_by_label("数据分析师").check()
    hr.get_by_label("A short pitch to graduates").fill("数据驱动的中小企业，欢迎统计学毕业生。")
    hr.get_by_role("button", name="Save the booth").click()
    expect(hr.get_by_test_id("booth-status")).to_have_text("waiting for approval")
    with live_server.seed() as make:  # the organiser approves the booth
        booth = fairs.booths(make.session, make.session.get(JobFair, fair_id), status=None)[0]
        fairs.decide_booth(make.session, make.user(Role.OPERATOR), booth, approve=True)

    # The graduate finds it in the fair and applies from there.
    log_in(page, emails["graduate"])
    page.get_by_role("navigation").get_by_role("link", name="Job fairs").click()
    page.get_by_text(fair_name).click()
    expect(page.get_by_test_id("booths")).to_contain_text("数据驱动的中小企业")
    page.get_by_test_id("fair-results").get_by_text("数据分析师").click()
    page.get_by_label("may see my profile and resume").check()
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_text("Your application is sent.")).to_be_visible()
    application_url = page.url
    with live_server.seed() as make:
        application = make.session.scalars(select(Application).where(Application.fair_id == fair_id)).one()  # counted
        assert application.graduate.full_name == "陈静"
        application.status = ApplicationStatus.INTERVIEW  # the interview itself is another test's story

    # The employer makes an offer with its terms.
    hr.goto(application_url.replace("/graduate/", "/employer/"))
    hr.get_by_label("Position").fill("数据分析师")
    hr.get_by_label("Monthly salary (yuan)").fill("9500")
    hr.get_by_label("First day of work").fill((clock.today() + timedelta(days=40)).isoformat())
    hr.get_by_label("Answer by").fill((clock.today() + timedelta(days=7)).isoformat())
    hr.get_by_role("button", name="Make the offer").click()
    expect(hr.get_by_text("The offer is sent.")).to_be_visible()

    # The graduate accepts and keeps nothing else open.
    page.goto(application_url)
    expect(page.get_by_test_id("offer-salary")).to_have_text("¥9,500")
    page.get_by_role("button", name="Accept the offer").click()
    page.get_by_role("button", name="Yes, accept the offer").click()
    expect(page.locator("h1 [data-status]")).to_have_text("hired")

    # The employer fills in the agreement; the graduate confirms it; the career office confirms it.
    hr.reload()
    hr.get_by_test_id("agreement-link").click()
    hr.get_by_label("Contract length in months (0: open-ended)").fill("36")
    hr.get_by_role("button", name="Send to the graduate to confirm").click()
    expect(hr.get_by_text("The agreement is sent to the graduate to confirm.")).to_be_visible()

    page.reload()
    expect(page.get_by_test_id("agreement")).to_contain_text("36 months")
    page.get_by_test_id("confirm-agreement").click()
    expect(page.get_by_text("your university's career office confirms it next")).to_be_visible()

    career = new_page()
    log_in(career, emails["office"])
    career.get_by_role("navigation").get_by_role("link", name="Agreements").click()
    career.get_by_role("link", name="陈静").click()
    career.get_by_role("button", name="Confirm the agreement").click()
    expect(career.get_by_text("The agreement is confirmed.")).to_be_visible()
    career.get_by_role("navigation").get_by_role("link", name="Placement").click()
    expect(career.get_by_test_id("placed-count")).to_have_text("1")
    screenshot(career, f"career-placement-confirmed-{backend}")

    page.reload()
    expect(page.get_by_test_id("agreement").locator("[data-agreement-status]")).to_have_text("confirmed by all three")
