"""The top bar fits on one line at a desktop width in both languages, for every role, and folds on a phone."""

import pytest

from recruit.models import Role
from tests.browser.conftest import screenshot
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.browser

ONE_LINE_PX = 64  # Bootstrap's navbar with one row of links is 56 px high


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("language", ["en-US", "zh-CN"])
def test_the_top_bar_stays_on_one_line_at_1280_px(browser, live_server, role, language, backend):
    with live_server.seed() as make:
        user = make.user_for_role(role)
        user.display_name = "运营管理员欧阳晓明 Operator of the campaign"  # long, as real names and titles are
        email = user.email
    context = browser.new_context(base_url=live_server.url, locale=language, viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto("/auth/login")
        page.locator("#email").fill(email)
        page.locator("#password").fill(DEFAULT_PASSWORD)
        page.locator("#submit").click()
        page.wait_for_url(lambda url: "/auth/login" not in url)
        height = page.locator("nav.navbar").bounding_box()["height"]
        if height > ONE_LINE_PX:
            screenshot(page, f"top-bar-{role.value}-{language}-{backend}")
        assert height <= ONE_LINE_PX, f"{role.value} in {language}: the top bar is {height} px high"
    finally:
        context.close()
