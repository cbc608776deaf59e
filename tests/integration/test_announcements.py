"""Announcement targeting: users inside the target receive it, users outside do not; stats are counted."""

from datetime import timedelta

from sqlalchemy import select

from recruit import clock
from recruit.models import Notification, Role, SizeClass
from recruit.services.campaign import announcements
from tests.factories import valid_uscc


def received(db, user) -> list[str]:
    return list(
        db.session.scalars(
            select(Notification.title).where(Notification.user_id == user.id, Notification.kind.like("announcement%"))
        )
    )


def test_a_policy_notice_reaches_exactly_its_audience(client, db, make, login, login_as):
    small_gd = make.employer(
        company=make.company(province_code="44", size_class=SizeClass.SMALL, uscc=valid_uscc(510_001))
    )
    medium_gd = make.employer(
        company=make.company(province_code="44", size_class=SizeClass.MEDIUM, uscc=valid_uscc(510_002))
    )
    small_zj = make.employer(
        company=make.company(province_code="33", size_class=SizeClass.SMALL, uscc=valid_uscc(510_003))
    )
    graduate_gd = make.graduate(province_code="44").user
    operator = login_as(Role.OPERATOR)
    response = client.post(
        "/admin/announcements/new",
        data={
            "title": "小微企业吸纳高校毕业生一次性扩岗补助",
            "body": "招用2026届高校毕业生并缴纳社保的，可申领补助。",
            "is_policy": "y",
            "roles": ["employer"],
            "provinces": ["44"],
            "size_classes": ["small", "micro"],
        },
    )
    assert response.status_code == 302
    assert announcements.deliver_due(db.session, commit_batch=db.session.commit, batch_size=1) == 1
    assert received(db, small_gd) == ["小微企业吸纳高校毕业生一次性扩岗补助"]
    for outsider in (medium_gd, small_zj, graduate_gd, operator):
        assert received(db, outsider) == []

    client.post("/auth/logout")
    login(small_gd)
    notification = db.session.scalar(select(Notification).where(Notification.user_id == small_gd.id))
    client.post(f"/notifications/{notification.id}/open")
    client.post("/auth/logout")
    login(operator)
    page = client.get("/admin/announcements").get_data(as_text=True)
    assert 'data-testid="received">1<' in page and 'data-testid="opened">1<' in page
    assert "Guangdong" in page and "SME employer" in page and '"44"' not in page  # names, not codes
    chinese = client.get("/admin/announcements", headers={"Accept-Language": "zh"}).get_data(as_text=True)
    assert "广东" in chinese and "小型" in chinese


def test_graduates_by_year_and_province_and_a_scheduled_time(db, make):
    operator = make.user(Role.OPERATOR)
    target = make.graduate(province_code="33", graduation_year=2026).user
    other_year = make.graduate(province_code="33", graduation_year=2025).user
    other_province = make.graduate(province_code="44", graduation_year=2026).user
    office = make.user(Role.CAREER_OFFICE)
    announcement = announcements.create_announcement(
        db.session,
        operator,
        title="浙江2026届毕业生专场",
        body="本周五线上专场招聘会。",
        is_policy=False,
        audience=announcements.Audience(roles=["graduate"], provinces=["33"], graduation_years=[2026]),
        publish_at=clock.now() + timedelta(hours=2),
    )
    db.session.commit()
    assert announcements.deliver_due(db.session, commit_batch=db.session.commit) == 0  # not yet
    clock.advance(timedelta(hours=2))
    assert announcements.deliver_due(db.session, commit_batch=db.session.commit) == 1
    assert announcements.deliver_due(db.session, commit_batch=db.session.commit) == 0  # once
    assert received(db, target) == ["浙江2026届毕业生专场"]
    assert received(db, other_year) == received(db, other_province) == received(db, office) == []
    db.session.refresh(announcement)
    assert announcement.recipient_count == 1 and announcement.sent_at is not None
