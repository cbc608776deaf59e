"""A graduate registers, logs in and logs out, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def test_a_graduate_registers_logs_out_and_logs_in_again(page, backend):
    email = f"chen.jing.{backend}@example.com"
    page.goto("/")
    page.get_by_role("link", name="I am a graduate").click()
    expect(page).to_have_url(re.compile(r"/auth/register\?role=graduate$"))
    expect(page.get_by_label("a graduate looking for a job")).to_be_checked()
    page.get_by_label("Your name").fill("陈静")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password", exact=True).fill("spring campus hiring")
    page.get_by_label("Repeat the password").fill("spring campus hiring")
    page.get_by_label("I have read the privacy notice and agree to it").check()
    screenshot(page, f"register-form-{backend}")
    page.get_by_role("button", name="Create account").click()

    expect(page).to_have_url(re.compile(r"/graduate/$"))
    expect(page.get_by_text("Welcome to recruit. Your account is ready.")).to_be_visible()
    expect(page.get_by_test_id("current-user")).to_have_text("陈静")
    screenshot(page, f"graduate-dashboard-{backend}")

    page.get_by_test_id("current-user").click()
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_text("You have logged out.")).to_be_visible()
    expect(page.get_by_test_id("current-user")).to_have_count(0)
    page.goto("/graduate/")
    expect(page).to_have_url(re.compile(r"/auth/login\?next="))

    page.get_by_label("E-mail").fill(email.upper())
    page.get_by_label("Password").fill("spring campus hiring")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/graduate/$"))
    expect(page.get_by_test_id("current-user")).to_have_text("陈静")
    page.get_by_test_id("current-user").click()
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()


def test_registration_errors_show_next_to_their_fields_in_the_browser(page):
    page.goto("/auth/register")
    page.get_by_label("Your name").fill("刘洋")
    page.get_by_label("E-mail").fill("liu.yang@example.com")
    page.get_by_label("Password", exact=True).fill("12345678")
    page.get_by_label("Repeat the password").fill("12345678")
    page.get_by_role("button", name="Create account").click()
    expect(page.locator("#password-feedback")).to_contain_text("most common")
    expect(page.locator("#consent-feedback")).to_contain_text("You must accept the privacy notice")
    expect(page.get_by_label("Your name")).to_have_value("刘洋")
    expect(page.get_by_label("E-mail")).to_have_value("liu.yang@example.com")


def test_the_language_switch_shows_chinese(page):
    page.goto("/auth/login")
    page.get_by_role("button", name="简体中文").click()
    expect(page.get_by_role("heading", name="登录")).to_be_visible()
    screenshot(page, "login-zh")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
