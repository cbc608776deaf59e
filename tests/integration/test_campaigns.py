"""The operator creates a campaign: 100 days by default, phases that cover it without gaps or overlaps."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from recruit.models import AuditEntry, Campaign, CampaignPhase, Role


def form(start: date, phases: list[tuple[str, int, int]], **extra) -> dict:
    data = {"name": "2027年春季百日招聘", "starts_on": start.isoformat(), "length_days": "100", **extra}
    for i, (name, first, last) in enumerate(phases):
        data[f"phases-{i}-name"] = name
        data[f"phases-{i}-starts_on"] = (start + timedelta(days=first - 1)).isoformat()
        data[f"phases-{i}-ends_on"] = (start + timedelta(days=last - 1)).isoformat()
        data[f"phases-{i}-message_graduates"] = f"{name}阶段开始"
    return data


DEFAULT = [("launch", 1, 10), ("matching", 11, 70), ("sprint", 71, 95), ("wrap-up", 96, 100)]
START = date(2027, 4, 1)


def test_the_form_offers_the_default_phases_and_creates_the_campaign(client, db, login_as):
    operator = login_as(Role.OPERATOR)
    page = client.get("/admin/campaigns/new").get_data(as_text=True)
    assert 'value="launch"' in page and 'value="wrap-up"' in page
    response = client.post("/admin/campaigns/new", data=form(START, DEFAULT))
    assert response.status_code == 302
    campaign = db.session.scalar(select(Campaign))
    assert campaign.ends_on == date(2027, 7, 9) and [p.name for p in campaign.phases] == [n for n, _, _ in DEFAULT]
    assert campaign.phases[0].message_graduates == "launch阶段开始"
    assert db.session.scalar(select(AuditEntry.actor_id).where(AuditEntry.action == "campaign.create")) == operator.id
    assert "2027年春季百日招聘" in client.get("/admin/campaigns").get_data(as_text=True)


@pytest.mark.parametrize(
    ("phases", "message"),
    [
        ([("launch", 1, 10), ("matching", 10, 100)], "overlap"),
        ([("launch", 1, 10), ("matching", 12, 100)], "There is a gap between phases launch and matching."),
        ([("launch", 2, 100)], "The first phase must start on the campaign&#39;s first day (2027-04-01)."),
        ([("launch", 1, 99)], "The last phase must end on the campaign&#39;s last day (2027-07-09)."),
        ([("launch", 1, 10), ("", 11, 100)], "Every phase needs a name."),
    ],
)
def test_bad_phases_are_refused_and_nothing_is_written(client, db, login_as, phases, message):
    login_as(Role.OPERATOR)
    response = client.post("/admin/campaigns/new", data=form(START, phases))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in page[page.index('id="phases-feedback"') :]
    assert db.session.scalar(select(func.count()).select_from(Campaign)) == 0
    assert db.session.scalar(select(func.count()).select_from(CampaignPhase)) == 0


def test_campaigns_do_not_overlap(client, db, make, login_as):
    make.campaign(name="秋季", starts_on=START + timedelta(days=50))
    login_as(Role.OPERATOR)
    response = client.post("/admin/campaigns/new", data=form(START, DEFAULT))
    assert response.status_code == 422
    assert "These dates overlap the campaign 秋季" in response.get_data(as_text=True)
