"""The parts of a seeded campaign that are few rather than many: its themed job fairs with booths and registered
graduates, conversations on some applications, and the job-expansion subsidy rule of the campaign's year."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import select

from recruit import clock
from recruit.models import (
    Application,
    BoothStatus,
    Conversation,
    ConversationMessage,
    FairBooth,
    FairBoothVacancy,
    FairRegistration,
    FairVisit,
    GraduateProfile,
    JobFair,
    SubsidyRule,
    Vacancy,
)

FAIRS = (
    # name, theme, organiser, first day (from today), days, provinces, industries, live session day (from today)
    (
        "数字经济与软件信息技术专场",
        "软件开发、数据分析、信息技术服务岗位",
        "工业和信息化部中小企业发展促进中心",
        -3,
        14,
        [],
        ["I"],
        1,
    ),
    (
        "专精特新中小企业专场",
        "“专精特新”中小企业的研发、生产与管理岗位",
        "全国中小企业服务平台",
        2,
        10,
        [],
        ["C", "M"],
        3,
    ),
    ("粤港澳大湾区专场", "面向广东高校毕业生的综合招聘", "广东省中小企业公共服务平台", -10, 20, ["44"], [], None),
)
BOOTHS_PER_FAIR = 40
CONVERSATION_SHARE = 40  # one application in this many gets a conversation
OPENERS = ("您好，请问这个岗位的工作地点在哪里？", "您好，想了解一下试用期的安排。", "请问可以实习转正吗？")
ANSWERS = ("您好，工作地点在公司总部，欢迎来面试。", "试用期三个月，薪资不打折。", "可以的，表现好即可转正。")


def seed_extras(session, ctx, campaign, companies: list[dict], vacancies: list[dict], graduates: list[dict]) -> dict:
    """Add the campaign's fairs, some conversations and the year's subsidy rule; returns what was added."""
    if session.scalar(select(SubsidyRule.id).where(SubsidyRule.year == campaign.starts_on.year)) is None:
        session.add(SubsidyRule(year=campaign.starts_on.year, window_years=2, min_insurance_months=3, amount_yuan=1500))
    fairs = _fairs(session, ctx, campaign, companies, vacancies, graduates)
    conversations = _conversations(session, ctx)
    session.flush()
    return {"fairs": fairs, "conversations": conversations}


def _fairs(session, ctx, campaign, companies, vacancies, graduates) -> int:
    rng = ctx.rng
    published = {}
    for vacancy in vacancies:
        if vacancy["status"] == "published":
            published.setdefault(vacancy["company_id"], []).append(vacancy["id"])
    by_id = {company["id"]: company for company in companies}
    made = 0
    for name, theme, organiser, first, days, provinces, industries, live_day in FAIRS:
        starts_on = max(campaign.starts_on, ctx.today + timedelta(days=first))
        ends_on = min(campaign.ends_on, starts_on + timedelta(days=days))
        live = (
            datetime.combine(ctx.today + timedelta(days=live_day), time(15), tzinfo=clock.zone())
            if live_day is not None
            else None
        )
        fair = JobFair(
            campaign_id=campaign.id,
            name=name,
            theme=theme,
            organiser=organiser,
            starts_on=starts_on,
            ends_on=ends_on,
            provinces=provinces,
            industries=industries,
            majors=[],
            live_starts_at=live,
            live_url="https://live.example.com/fairs" if live else None,
            max_companies=BOOTHS_PER_FAIR * 2,
        )
        session.add(fair)
        session.flush()
        eligible = [
            company_id
            for company_id in published
            if by_id[company_id]["status"] == "verified"
            and (not industries or by_id[company_id]["industry"] in industries)
            and (not provinces or by_id[company_id]["province_code"] in provinces)
        ]
        for company_id in rng.sample(eligible, min(BOOTHS_PER_FAIR, len(eligible))):
            booth = FairBooth(
                fair_id=fair.id,
                company_id=company_id,
                pitch="欢迎应届毕业生加入，提供完善的培训和成长通道。",
                status=BoothStatus.APPROVED if rng.random() < 0.9 else BoothStatus.PENDING,
            )
            booth.vacancies = [FairBoothVacancy(vacancy_id=v) for v in published[company_id][:5]]
            session.add(booth)
        for graduate in rng.sample(graduates, min(len(graduates), 60)):
            session.add(FairVisit(fair_id=fair.id, user_id=graduate["user_id"], created_at=ctx.now))
            if live is not None and rng.random() < 0.4:
                session.add(FairRegistration(fair_id=fair.id, user_id=graduate["user_id"], created_at=ctx.now))
        made += 1
    return made


def _conversations(session, ctx) -> int:
    rng = ctx.rng
    rows = session.execute(
        select(Application.graduate_id, Vacancy.company_id, Vacancy.title, Application.created_at)
        .join(Vacancy, Vacancy.id == Application.vacancy_id)
        .join(GraduateProfile, GraduateProfile.id == Application.graduate_id)
        .where(Application.id % CONVERSATION_SHARE == 0)
        .limit(2000)
    ).all()
    seen, made = set(), 0
    for graduate_id, company_id, title, applied_at in rows:
        if (graduate_id, company_id) in seen:
            continue
        seen.add((graduate_id, company_id))
        asked_at = min(applied_at + timedelta(hours=rng.randint(1, 48)), ctx.now)
        answered_at = min(asked_at + timedelta(hours=rng.randint(1, 24)), ctx.now)
        conversation = Conversation(
            graduate_id=graduate_id,
            company_id=company_id,
            subject=title[:255],
            created_at=asked_at,
            last_message_at=answered_at,
        )
        session.add(conversation)
        session.flush()
        pick = rng.randrange(len(OPENERS))
        session.add_all(
            [
                ConversationMessage(
                    conversation_id=conversation.id,
                    from_graduate=True,
                    body=OPENERS[pick],
                    created_at=asked_at,
                    read_at=answered_at,
                    emailed_at=answered_at,
                ),
                ConversationMessage(
                    conversation_id=conversation.id,
                    from_graduate=False,
                    body=ANSWERS[pick],
                    created_at=answered_at,
                    read_at=answered_at,
                    emailed_at=answered_at,
                ),
            ]
        )
        made += 1
    return made
