"""A career office imports its roster, reads its dashboard with its chart, filters its graduate list to those who
have not applied, nudges three of them and downloads the list as Excel; the operator opens the national dashboard
and narrows it to one province — in a real browser, at a desktop width and on a 390 px phone."""

import io
from datetime import timedelta

import pyotp
import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from recruit import clock
from recruit.models import Role
from recruit.services.campaign import campaigns, national
from tests.browser.conftest import screenshot
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.browser


def _log_in(page, email):
    page.goto("/auth/login")
    page.locator("#email").fill(email)
    page.locator("#password").fill(DEFAULT_PASSWORD)
    page.locator("#submit").click()
    page.wait_for_url(lambda url: "/auth/login" not in url)


def test_a_career_office_imports_watches_filters_nudges_and_exports(page, live_server, backend, tmp_path):
    long_ago = clock.now() - timedelta(days=20)
    with live_server.seed() as make:
        make.campaign()
        university = make.university(name=f"岭南测试大学{backend}")
        office = make.user(Role.CAREER_OFFICE, university=university, email=f"office.{backend}@lingnan.example.edu")
        waiting = []
        for i in range(3):
            graduate = make.graduate(university=university, full_name=f"待投递{i}", major="会计学")
            graduate.user.created_at = long_ago
            waiting.append(graduate.full_name)
        placed = make.graduate(university=university, full_name="已签约", major="会计学")
        # A vacancy of its own kind, so that other browser tests' searches on the shared database do not find it.
        bookkeeping = make.vacancy(
            title="校史馆讲解员", description="接待参观。", requirements="普通话流利。", skills=["讲解"]
        )
        make.placement(graduate=placed, vacancy=bookkeeping)  # the agreement confirmed by all three
        office_email, university_name = office.email, university.name

    _log_in(page, office_email)
    page.get_by_role("link", name="Roster", exact=True).click()
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "学号,姓名,邮箱,专业,学历,毕业年份\n"
        f"2026{backend}01,陈新,chen.new.{backend}@lingnan.example.edu,会计学,本科,2026\n"
        f"2026{backend}02,,bad-address,会计学,博士后,2026\n",
        encoding="utf-8",
    )
    page.get_by_label("Roster (CSV or Excel)").set_input_files(str(roster))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_test_id("roster-problems")).to_contain_text("3")  # the bad row's line
    page.get_by_role("button", name="Import the good rows").click()
    expect(page.get_by_text("Roster imported: 1 added")).to_be_visible()

    page.get_by_role("link", name="Placement", exact=True).click()
    expect(page.get_by_role("heading", name=university_name)).to_be_visible()
    expect(page.get_by_test_id("daily-chart")).to_have_attribute("data-chart-drawn", "true")
    expect(page.get_by_test_id("daily-chart").locator("svg")).to_be_visible()
    expect(page.get_by_test_id("placed-count")).to_have_text("1")
    screenshot(page, f"career-dashboard-{backend}")

    page.get_by_role("link", name="Our graduates", exact=True).click()
    page.get_by_label("Stuck", exact=True).select_option("not_applied")
    page.get_by_label("Stuck for at least (days)").fill("14")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_test_id("graduate-total")).to_have_text("3 graduates")
    rows = page.get_by_test_id("graduates").locator("tbody tr")
    expect(rows).to_have_count(3)
    for name in waiting:
        expect(page.get_by_test_id("graduates")).to_contain_text(name)

    with page.expect_download() as download:
        page.get_by_test_id("export-graduates").get_by_role("button", name="Download Excel").click()
    book = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    assert sorted(row[1].value for row in book.active.iter_rows(min_row=2)) == sorted(waiting)

    page.get_by_label("Select every graduate on this page").check()
    page.get_by_test_id("nudge-selected").click()
    expect(page.get_by_test_id("nudge-count")).to_contain_text("3 graduates will receive this message")
    page.get_by_label("Message").fill("岗位正在等你，快来看看！")
    page.get_by_role("button", name="Send the nudge").click()
    expect(page.get_by_text("The nudge is on its way to 3 graduates.")).to_be_visible()
    expect(page.get_by_test_id("nudge-outcomes").locator("tbody tr")).to_have_count(3)

    page.set_viewport_size({"width": 390, "height": 800})
    for path in ("/career/", "/career/graduates", "/career/nudges"):
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (path, width)
    screenshot(page, f"career-nudges-phone-{backend}")


def test_the_operator_narrows_the_national_dashboard_to_one_province(page, live_server, backend):
    with live_server.seed() as make:
        make.campaign()
        operator = make.user(Role.OPERATOR, email=f"ops.{backend}@example.com", totp_secret=None, totp_enabled_at=None)
        for province, count in (("44", 2), ("62", 1)):
            university = make.university(province_code=province)
            for _ in range(count):
                make.graduate(university=university)
        make.session.flush()
        national.refresh_snapshots(make.session, campaigns.current_campaign(make.session, clock.today()))
        operator_email = operator.email

    _log_in(page, operator_email)
    # An operator must set up two-step log-in first: the QR code, then a code from the app.
    expect(page.get_by_test_id("two-factor-required")).to_be_visible()
    expect(page.get_by_test_id("totp-qr")).to_be_visible()
    secret = page.get_by_test_id("totp-secret").inner_text()
    page.get_by_label("Code from your authenticator app").fill(pyotp.TOTP(secret).at(clock.now()))
    page.get_by_role("button", name="Turn on two-step log-in").click()
    expect(page.get_by_test_id("recovery-codes").locator("li")).to_have_count(10)
    page.goto("/admin/")
    expect(page.get_by_role("heading", name="National overview")).to_be_visible()
    expect(page.get_by_test_id("funnel-chart")).to_have_attribute("data-chart-drawn", "true")
    national_registered = int(page.get_by_test_id("funnel").locator("tbody tr").first.locator("td").inner_text())
    page.get_by_label("Province").select_option("62")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", name="Gansu")).to_be_visible()
    expect(page.get_by_test_id("funnel").locator("tbody tr").first.locator("td")).to_have_text("1")
    assert national_registered >= 3
    screenshot(page, f"operator-province-{backend}")
    page.set_viewport_size({"width": 390, "height": 800})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
