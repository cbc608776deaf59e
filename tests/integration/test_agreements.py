"""Confirmed outcomes through the pages: an offer with its terms, accepted; the employment agreement moves
employer → graduate → career office, can be returned, corrected and resent; nobody else sees or confirms it; only a
confirmed agreement is a placement on both dashboards."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from recruit import clock
from recruit.models import (
    AgreementStatus,
    ApplicationStatus,
    AuditEntry,
    EmploymentAgreement,
    Notification,
    Offer,
    Role,
)

S = ApplicationStatus


def _day(days: int) -> str:
    return (clock.today() + timedelta(days=days)).isoformat()


OFFER = {"position": "会计", "monthly_salary": "7500", "start_on": _day(40), "answer_by": _day(7)}
TERMS = {
    "position": "会计",
    "start_on": _day(40),
    "monthly_salary": "7500",
    "contract_months": "36",
    "is_labour_contract": "y",
    "has_social_insurance": "y",
}


@pytest.fixture
def hire(db, make):
    """A graduate at the interview stage with an employer, their university's career office, and outsiders."""
    university = make.university(name="测试财经大学")
    company = make.company(name="广州会计服务有限公司")
    graduate = make.graduate(university=university, full_name="李明", major="会计学")
    application = make.application(graduate=graduate, vacancy=make.vacancy(company=company), status=S.INTERVIEW)
    other = make.application(graduate=graduate, status=S.SUBMITTED)
    return {
        "application": application,
        "other": other,
        "graduate": graduate.user,
        "employer": make.employer(company=company),
        "office": make.user(Role.CAREER_OFFICE, university=university),
        "other_employer": make.employer(),
        "other_graduate": make.graduate().user,
        "other_office": make.user(Role.CAREER_OFFICE, university=make.university()),
        "operator": make.user(Role.OPERATOR),
        "university": university,
    }


def _as(client, login, user):
    client.post("/auth/logout")
    login(user)


def _offer_and_accept(client, login, hire) -> EmploymentAgreement:
    application = hire["application"]
    _as(client, login, hire["employer"])
    assert client.post(f"/employer/applications/{application.id}/offer", data=OFFER).status_code == 302
    _as(client, login, hire["graduate"])
    page = client.get(f"/graduate/applications/{application.id}").get_data(as_text=True)
    assert "¥7,500" in page and OFFER["answer_by"] in page
    asked = client.post(f"/graduate/applications/{application.id}/move", data={"to_status": "hired"})
    assert "¥7,500" in asked.get_data(as_text=True)  # the confirmation repeats the terms
    accepted = client.post(
        f"/graduate/applications/{application.id}/move", data={"to_status": "hired", "confirmed": "yes"}
    )
    assert accepted.headers["Location"].endswith(f"/graduate/applications/{application.id}/accepted")
    return _agreement(application.id)


def _agreement(application_id: int) -> EmploymentAgreement:
    from recruit.extensions import db

    db.session.expire_all()
    return db.session.scalar(select(EmploymentAgreement).where(EmploymentAgreement.application_id == application_id))


def _placed(client, login, hire) -> tuple[str, str]:
    _as(client, login, hire["office"])
    page = client.get("/career/").get_data(as_text=True)
    return (
        re.search(r'data-testid="placed-count">(\d+)<', page).group(1),
        re.search(r'data-testid="offered-count">(\d+)<', page).group(1),
    )


def test_the_agreement_moves_employer_graduate_career_office(app, client, db, make, login, hire):
    agreement = _offer_and_accept(client, login, hire)
    assert agreement.status is AgreementStatus.DRAFT and agreement.position == "会计"  # from the offer
    assert hire["application"].graduate.recommendations_paused_at is not None
    assert _placed(client, login, hire) == ("0", "1")  # accepted: offered, not placed

    _as(client, login, hire["employer"])
    page = client.get(f"/employer/applications/{hire['application'].id}/agreement").get_data(as_text=True)
    assert 'data-testid="agreement-form"' in page
    sent = client.post(f"/employer/applications/{hire['application'].id}/agreement", data=TERMS)
    assert sent.status_code == 302
    assert _agreement(hire["application"].id).status is AgreementStatus.AWAITING_GRADUATE

    _as(client, login, hire["graduate"])
    assert client.post(f"/graduate/agreements/{agreement.id}/confirm").status_code == 302
    assert _agreement(hire["application"].id).status is AgreementStatus.AWAITING_UNIVERSITY
    assert _placed(client, login, hire) == ("0", "1")  # the university has not confirmed yet

    listed = client.get("/career/agreements").get_data(as_text=True)
    assert "李明" in listed and "广州会计服务有限公司" in listed
    confirmed = client.post(f"/career/agreements/{agreement.id}", data={"confirm": "1"})
    assert confirmed.status_code == 302
    done = _agreement(hire["application"].id)
    assert done.status is AgreementStatus.CONFIRMED and done.confirmed_by_id == hire["office"].id
    assert done.submitted_at <= done.graduate_confirmed_at <= done.confirmed_at
    assert _placed(client, login, hire) == ("1", "1")

    with app.app_context():
        from recruit.worker import tasks

        tasks.refresh_national_figures()
    _as(client, login, hire["operator"])
    national = client.get("/admin/").get_data(as_text=True)
    funnel = national.split('data-testid="funnel"')[1].split("</table>")[0]
    assert re.search(r">placed</t[hd]>\s*<td[^>]*>1</td>", funnel), funnel

    actions = db.session.scalars(select(AuditEntry.action).where(AuditEntry.action.like("agreement.%"))).all()
    assert sorted(actions) == ["agreement.confirm", "agreement.confirm", "agreement.submit"]
    told = db.session.scalars(select(Notification.kind).where(Notification.kind.like("agreement.%"))).all()
    assert {"agreement.opened", "agreement.submitted", "agreement.to_confirm", "agreement.confirmed"} <= set(told)


def test_a_returned_agreement_is_corrected_and_resent(client, db, login, hire):
    agreement = _offer_and_accept(client, login, hire)
    _as(client, login, hire["employer"])
    client.post(f"/employer/applications/{hire['application'].id}/agreement", data=TERMS)
    _as(client, login, hire["graduate"])
    client.post(f"/graduate/agreements/{agreement.id}/confirm")

    _as(client, login, hire["office"])
    empty = client.post(f"/career/agreements/{agreement.id}", data={"send_back": "1", "reason": "  "})
    assert empty.status_code == 409 and "Say what should be corrected." in empty.get_data(as_text=True)
    assert _agreement(hire["application"].id).status is AgreementStatus.AWAITING_UNIVERSITY
    reason = "合同期限与学校登记的不一致，请更正为 24 个月。"
    returned = client.post(f"/career/agreements/{agreement.id}", data={"send_back": "1", "reason": reason})
    assert returned.status_code == 302
    back = _agreement(hire["application"].id)
    assert back.status is AgreementStatus.RETURNED and back.return_reason == reason
    assert back.graduate_confirmed_at is None  # the corrected agreement is confirmed again

    _as(client, login, hire["employer"])
    page = client.get(f"/employer/applications/{hire['application'].id}/agreement").get_data(as_text=True)
    assert reason in page
    corrected = client.post(
        f"/employer/applications/{hire['application'].id}/agreement", data={**TERMS, "contract_months": "24"}
    )
    assert corrected.status_code == 302
    again = _agreement(hire["application"].id)
    assert again.status is AgreementStatus.AWAITING_GRADUATE and again.contract_months == 24

    _as(client, login, hire["graduate"])
    client.post(f"/graduate/agreements/{agreement.id}/confirm")
    _as(client, login, hire["office"])
    client.post(f"/career/agreements/{agreement.id}", data={"confirm": "1"})
    assert _agreement(hire["application"].id).status is AgreementStatus.CONFIRMED


def test_nobody_else_sees_or_confirms_an_agreement(client, db, login, hire):
    agreement = _offer_and_accept(client, login, hire)
    application_id = hire["application"].id
    _as(client, login, hire["employer"])
    client.post(f"/employer/applications/{application_id}/agreement", data=TERMS)

    for outsider in ("other_employer", "other_graduate", "other_office", "operator"):
        _as(client, login, hire[outsider])
        for method, url in (
            ("GET", f"/employer/applications/{application_id}/agreement"),
            ("POST", f"/employer/applications/{application_id}/agreement"),
            ("POST", f"/graduate/agreements/{agreement.id}/confirm"),
            ("POST", f"/graduate/agreements/{agreement.id}/return"),
            ("GET", f"/career/agreements/{agreement.id}"),
            ("POST", f"/career/agreements/{agreement.id}"),
        ):
            response = client.open(url, method=method, data={**TERMS, "confirm": "1", "reason": "x"})
            assert response.status_code in (403, 404), (outsider, url, response.status_code)
            assert "李明" not in response.get_data(as_text=True)
        if outsider == "other_office":
            assert "李明" not in client.get("/career/agreements?show=all").get_data(as_text=True)
    # Nor can a party take another's turn: the office cannot confirm before the graduate.
    _as(client, login, hire["office"])
    early = client.post(f"/career/agreements/{agreement.id}", data={"confirm": "1"})
    assert early.status_code == 409
    assert _agreement(application_id).status is AgreementStatus.AWAITING_GRADUATE


def test_accepting_offers_to_withdraw_the_rest_and_pauses_recommendations(client, db, login, hire):
    _offer_and_accept(client, login, hire)
    page = client.get(f"/graduate/applications/{hire['application'].id}/accepted").get_data(as_text=True)
    assert hire["other"].vacancy.title in page
    withdrawn = client.post(
        f"/graduate/applications/{hire['application'].id}/accepted",
        data={"application_ids": [str(hire["other"].id)], "note": "已接受其他录用"},
    )
    assert withdrawn.status_code == 302
    db.session.refresh(hire["other"])
    assert hire["other"].status is S.WITHDRAWN
    assert 'data-testid="matches-paused"' in client.get("/graduate/recommendations").get_data(as_text=True)
    client.post("/graduate/recommendations/resume")
    db.session.refresh(hire["application"].graduate)
    assert hire["application"].graduate.recommendations_paused_at is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("monthly_salary", "99999999999999999999", "Between 1 and 1,000,000 yuan."),
        ("monthly_salary", "0", "Between 1 and 1,000,000 yuan."),
        ("answer_by", _day(-1), "The answer is due between today and 60 days from now."),
        ("start_on", _day(3), "The first day of work comes after the answer is due"),
        ("position", "\x00\x07", "Remove the invisible control characters from this field."),
    ],
)
def test_a_bad_offer_is_refused_next_to_its_field(client, db, login, hire, field, value, message):
    _as(client, login, hire["employer"])
    response = client.post(f"/employer/applications/{hire['application'].id}/offer", data={**OFFER, field: value})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and message in page
    if field != "position":
        assert 'value="会计"' in page  # the rest of the input kept
    db.session.refresh(hire["application"])
    assert hire["application"].status is S.INTERVIEW
    assert db.session.scalar(select(func.count()).select_from(Offer)) == 0


def test_an_unanswered_offer_expires_once(app, client, db, login, hire):
    from recruit.worker import tasks

    _as(client, login, hire["employer"])
    client.post(f"/employer/applications/{hire['application'].id}/offer", data=OFFER)
    clock.advance(timedelta(days=8))
    with app.app_context():
        assert tasks.expire_offers() == 1
        assert tasks.expire_offers() == 0
    db.session.refresh(hire["application"])
    assert hire["application"].status is S.DECLINED
    expired = db.session.scalars(
        select(Notification.title).where(Notification.kind == "application.declined").order_by(Notification.id)
    ).all()
    assert len(expired) == 2 and all("expired" in title for title in expired)  # the graduate and the employer
    _as(client, login, hire["graduate"])
    page = client.get(f"/graduate/applications/{hire['application'].id}").get_data(as_text=True)
    assert 'data-testid="offer-expired"' in page and "Accept the offer" not in page
