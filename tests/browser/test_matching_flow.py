"""A graduate sees recommended vacancies with their reasons and hides one; the SME sees the graduate among its
recommended candidates and invites them to apply; the graduate finds the invitation — in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from recruit.extensions import db
from recruit.reference.education import Degree
from tests.browser.conftest import log_in, screenshot
from tests.support.matching import embed_everything, fresh_indexes

pytestmark = pytest.mark.browser


def test_recommendations_reasons_hiding_and_an_invitation(page, new_page, live_server, backend):
    fresh_indexes()
    with live_server.seed() as make:
        make.campaign()
        company = make.company(name="深圳明账财税服务有限公司", city="深圳")
        employer = make.employer(company=company, email=f"hr.mingzhang.{backend}@example.com")
        make.vacancy(
            company=company,
            title="会计助理",
            description="负责日常账务处理、纳税申报和财务报表编制。",
            requirements="熟悉会计准则。",
            skills=["Excel", "用友"],
            city="深圳",
            min_degree=Degree.BACHELOR,
        )
        make.vacancy(
            company=company,
            title="出纳",
            description="负责现金收付、银行结算和票据管理。",
            requirements="细心负责。",
            skills=["Excel"],
            city="深圳",
            min_degree=Degree.BACHELOR,
        )
        make.vacancy(title="Java开发工程师", description="负责后端系统开发，使用Java和Spring。", skills=["Java"])
        graduate = make.graduate(
            full_name="周敏",
            major="会计学",
            skills=["Excel", "财务报表"],
            degree=Degree.BACHELOR,
            preferred_cities=["深圳"],
            about="熟悉会计准则和税务申报，做过审计实习。",
        )
        graduate_email, employer_email = graduate.user.email, employer.email
        embed_everything(db.session)

    log_in(page, graduate_email)
    cards = page.get_by_test_id("recommendations")
    expect(cards.locator("[data-vacancy-id]").first).to_contain_text("会计助理")
    expect(cards.get_by_text("Matched skills: Excel").first).to_be_visible()
    expect(cards.get_by_text("In 深圳, a preferred city").first).to_be_visible()
    screenshot(page, "recommended-for-you")

    page.get_by_role("link", name="All recommendations").click()
    row = page.locator("[data-vacancy-id]", has_text="出纳")
    row.get_by_role("button", name="Not interested").click()
    expect(page.get_by_text("Hidden: 出纳 will not be recommended to you again.")).to_be_visible()
    expect(page.locator("[data-vacancy-id]", has_text="出纳")).to_have_count(0)
    expect(page.locator("[data-vacancy-id]", has_text="会计助理")).to_have_count(1)

    hr = new_page()
    log_in(hr, employer_email)
    hr.get_by_role("link", name="会计助理").click()
    hr.get_by_role("link", name="Recommended candidates").click()
    candidate = hr.locator("[data-graduate-id]", has_text="周敏")
    expect(candidate.get_by_test_id("match-strength")).to_have_text(re.compile("Strong match|Good match|Fair match"))
    candidate.get_by_role("button", name="Invite to apply").click()
    expect(hr.get_by_text("Invitation sent.")).to_be_visible()
    expect(hr.locator("[data-graduate-id]", has_text="周敏").get_by_text("Invited")).to_be_visible()
    screenshot(hr, "recommended-candidates")

    page.goto("/notifications")
    expect(page.get_by_text("深圳明账财税服务有限公司 invites you to apply for 会计助理")).to_be_visible()
