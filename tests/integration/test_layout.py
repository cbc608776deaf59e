"""Every page shows the running campaign: day N of 100, the phase, days left."""

from datetime import timedelta

from recruit import clock


def test_the_campaign_bar(client, make):
    make.campaign(name="2026年秋季百日招聘", starts_on=clock.today() - timedelta(days=29))
    page = client.get("/").get_data(as_text=True)
    bar = page[page.index('data-testid="campaign-bar"') :]
    assert "2026年秋季百日招聘" in bar and "Day 30 of 100" in bar and "Phase: matching" in bar
    assert "70 days left" in bar
    zh = client.get("/", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert "第 30 天（共 100 天）" in zh and "阶段：对接" in zh and "还剩 70 天" in zh


def test_before_and_after_the_campaign(client, make):
    make.campaign(starts_on=clock.today() + timedelta(days=3))
    assert "Starts in 3 days" in client.get("/").get_data(as_text=True)


def test_no_campaign_no_bar(client):
    assert 'data-testid="campaign-bar"' not in client.get("/").get_data(as_text=True)


def test_every_page_has_its_icon(client):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.mimetype == "image/vnd.microsoft.icon" and icon.data[:4] == b"\0\0\1\0"
    assert 'rel="icon" href="/favicon.ico"' in client.get("/").get_data(as_text=True)
