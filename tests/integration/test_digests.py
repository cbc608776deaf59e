"""Digests of new vacancies, as often as each graduate chose, with a one-click unsubscribe link."""

import re
from datetime import timedelta

from sqlalchemy import select

from recruit import clock
from recruit.models import DigestFrequency, Notification, OutboxEmail
from recruit.services.messaging.digests import send_digests


def test_a_daily_digest_lists_the_new_vacancies_that_fit_and_can_be_stopped_in_one_click(client, db, make):
    graduate = make.graduate(preferred_cities=["杭州"], preferred_industries=["I"])
    weekly = make.graduate(preferred_cities=["杭州"], preferred_industries=["I"])
    weekly.user.digest_frequency = DigestFrequency.WEEKLY
    it_hangzhou = make.company(industry="I", city="杭州", province_code="33")
    make.vacancy(company=it_hangzhou, title="前端开发工程师", city="杭州", province_code="33")
    make.vacancy(
        company=it_hangzhou,
        title="旧岗位",
        city="杭州",
        province_code="33",
        published_at=clock.now() - timedelta(days=3),
    )
    make.vacancy(title="深圳的岗位", city="深圳")
    db.session.commit()

    assert send_digests(db.session, DigestFrequency.DAILY) == 1
    assert send_digests(db.session, DigestFrequency.DAILY) == 0  # nothing new since
    db.session.commit()
    [digest] = db.session.scalars(
        select(Notification).where(Notification.user_id == graduate.user_id, Notification.kind == "digest")
    )
    assert digest.title == "1 new vacancy for you"
    assert "前端开发工程师" in digest.body and "旧岗位" not in digest.body and "深圳的岗位" not in digest.body
    assert db.session.scalar(select(Notification).where(Notification.user_id == weekly.user_id)) is None

    mail = db.session.scalar(select(OutboxEmail).where(OutboxEmail.user_id == graduate.user_id))
    link = re.search(r"http://127.0.0.1:5000(/auth/unsubscribe/\S+)", mail.body_text).group(1)
    asked = client.get(link)  # a link that is only opened (a mail scanner, a prefetch) changes nothing
    assert asked.status_code == 200 and "Unsubscribe from vacancy digests?" in asked.get_data(as_text=True)
    db.session.refresh(graduate.user)
    assert graduate.user.digest_frequency is DigestFrequency.DAILY
    page = client.post(link)
    assert page.status_code == 200 and "No more vacancy digests" in page.get_data(as_text=True)
    db.session.refresh(graduate.user)
    assert graduate.user.digest_frequency is DigestFrequency.NEVER
    assert client.get("/auth/unsubscribe/forged-token").status_code == 404
