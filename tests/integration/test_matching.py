"""Recommendations both ways, on real embeddings of the bundled model: filters, freshness, hiding, visibility."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from recruit import clock
from recruit.models import ApplyInvitation, CompanyStatus, Embedding, Notification, VacancyStatus
from recruit.reference.education import Degree
from recruit.services.discovery import invitations, recommendations
from recruit.services.discovery.embeddings import embed_pending
from tests.support.matching import MODEL_NAME, change_text, embed_everything, encoder, fresh_indexes
from tests.support.matching import accountant as _accountant
from tests.support.matching import posted_vacancy as _vacancy


@pytest.fixture(autouse=True)
def _fresh():
    fresh_indexes()
    yield
    fresh_indexes()


def _titles(db, profile, **kw):
    result = recommendations.recommended_vacancies(db.session, profile, MODEL_NAME, **kw)
    assert result.state == "ready"
    return [item.vacancy.title for item in result.items]


def test_recommendations_respect_every_hard_filter(db, make):
    profile = _accountant(make)
    open_vacancy = _vacancy(make, "Accountant", "Prepare financial statements and tax returns.")
    _vacancy(make, "Accountant (draft)", "Prepare financial statements.", status=VacancyStatus.DRAFT)
    _vacancy(make, "Accountant (closed)", "Prepare financial statements.", status=VacancyStatus.CLOSED)
    _vacancy(make, "Accountant (expired)", "Prepare financial statements.", deadline=clock.today() - timedelta(days=1))
    _vacancy(
        make,
        "Accountant (unverified SME)",
        "Prepare financial statements.",
        company=make.company(status=CompanyStatus.PENDING),
    )
    _vacancy(make, "Accountant (master's only)", "Prepare financial statements.", min_degree=Degree.MASTER)
    hidden = _vacancy(make, "Accountant (hidden)", "Prepare financial statements.")
    applied = _vacancy(make, "Accountant (applied)", "Prepare financial statements.")
    make.application(vacancy=applied, graduate=profile)
    embed_everything(db.session)
    invitations.dismiss_vacancy(db.session, profile, hidden)
    db.session.commit()

    assert _titles(db, profile) == [open_vacancy.title]


def test_a_changed_vacancy_is_embedded_again_and_moves_up(db, make):
    profile = _accountant(make)
    _vacancy(make, "Software engineer", "Build web services in Python and Go.")
    changing = _vacancy(make, "Sales representative", "Sell industrial pumps to factories.")
    embed_everything(db.session)
    before = _titles(db, profile)
    stored = db.session.scalar(
        select(Embedding.text_hash).where(Embedding.owner_id == changing.id, Embedding.owner_type == "vacancy")
    )

    change_text(changing, title="Accountant", description="Keep the books, prepare tax returns and audits.")
    db.session.commit()
    report = embed_pending(db.session, encoder(), commit_batch=db.session.commit)

    assert report.embedded == 1
    assert (
        db.session.scalar(
            select(Embedding.text_hash).where(Embedding.owner_id == changing.id, Embedding.owner_type == "vacancy")
        )
        != stored
    )
    after = _titles(db, profile)
    assert before.index("Sales representative") == 1 and after[0] == "Accountant"


def test_unchanged_text_is_not_embedded_again_and_a_new_model_embeds_everything(db, make):
    _accountant(make)
    _vacancy(make, "Accountant", "Keep the books.")
    first = embed_pending(db.session, encoder(), commit_batch=db.session.commit)
    assert first.embedded == 2
    assert embed_pending(db.session, encoder(), commit_batch=db.session.commit).embedded == 0
    assert (
        db.session.scalar(select(func.count()).select_from(Embedding).where(Embedding.model_name == "another-model"))
        == 0
    )


def test_a_new_profile_says_matches_are_being_prepared_until_embedded(db, make, client, login):
    profile = _accountant(make)
    _vacancy(make, "Accountant", "Keep the books.")
    login(profile.user)
    page = client.get("/graduate/").get_data(as_text=True)
    assert "being prepared" in page

    embed_everything(db.session)
    page = client.get("/graduate/").get_data(as_text=True)
    assert "being prepared" not in page and "Accountant" in page and 'data-testid="match-strength"' in page


def test_reasons_show_matched_and_missing_skills_city_and_major(db, make):
    profile = _accountant(make, preferred_cities=["广州"])
    _vacancy(
        make, "Accountant", "Keep the books.", skills=["Excel", "SAP"], city="广州", preferred_majors=["Accounting"]
    )
    embed_everything(db.session)
    item = recommendations.recommended_vacancies(db.session, profile, MODEL_NAME).items[0]
    assert item.reasons.skills_matched == ["Excel"] and item.reasons.skills_missing == ["SAP"]
    assert item.reasons.city == "广州" and item.reasons.major_fits is True
    assert 0 < item.reasons.similarity <= 1


def test_the_label_shown_follows_the_order_of_the_list(db, make, client, login):
    """One figure orders the list: labels never rise down it, a close match is strong and a far one fair."""
    profile = _accountant(make, preferred_cities=["广州"])
    _vacancy(make, "Accountant", "Prepare financial statements, tax returns and audits for small firms.")
    _vacancy(make, "Bookkeeper", "Keep the books in Excel and reconcile accounts.", city="广州")
    _vacancy(make, "Crop technician", "Plant, tend and harvest field crops; operate farm machinery.", city="广州")
    _vacancy(make, "Java developer", "Build web services in Java and Spring.")
    embed_everything(db.session)
    items = recommendations.recommended_vacancies(db.session, profile, MODEL_NAME).items
    order = ["strong", "good", "fair"]
    ranks = [order.index(item.reasons.strength) for item in items]
    assert ranks == sorted(ranks)
    assert items[0].vacancy.title in {"Accountant", "Bookkeeper"} and items[0].reasons.strength != "fair"
    assert {item.vacancy.title: item.reasons.strength for item in items}["Crop technician"] == "fair"

    login(profile.user)
    page = client.get("/graduate/recommendations").get_data(as_text=True)
    shown = re.findall(r'data-strength="(\w+)"', page)
    assert shown == [item.reasons.strength for item in items]


def test_a_hidden_vacancy_is_never_recommended_again(db, make, client, login):
    profile = _accountant(make)
    vacancy = _vacancy(make, "Accountant", "Keep the books and prepare tax returns.")
    _vacancy(make, "Auditor", "Audit the books of small firms.")
    embed_everything(db.session)
    login(profile.user)
    assert f'data-vacancy-id="{vacancy.id}"' in client.get("/graduate/recommendations").get_data(as_text=True)

    response = client.post(f"/graduate/recommendations/{vacancy.id}/hide", follow_redirects=True)

    assert response.status_code == 200 and "will not be recommended" in response.get_data(as_text=True)
    for url in ("/graduate/recommendations", "/graduate/", "/graduate/recommendations?city=广州"):
        assert f'data-vacancy-id="{vacancy.id}"' not in client.get(url).get_data(as_text=True)
    change_text(vacancy, description="Keep the books, prepare tax returns, audits and payroll.")
    db.session.commit()
    embed_everything(db.session)
    assert f'data-vacancy-id="{vacancy.id}"' not in client.get("/graduate/recommendations").get_data(as_text=True)


def test_the_full_list_takes_the_search_filters(db, make, client, login):
    profile = _accountant(make)
    _vacancy(make, "Accountant in Guangzhou", "Keep the books.", city="广州")
    _vacancy(make, "Accountant in Shenzhen", "Keep the books.", city="深圳")
    embed_everything(db.session)
    login(profile.user)
    page = client.get("/graduate/recommendations?city=深圳").get_data(as_text=True)
    assert "Accountant in Shenzhen" in page and "Accountant in Guangzhou" not in page
    bad = client.get("/graduate/recommendations?salary=-5")
    assert bad.status_code == 400 and "not valid" in bad.get_data(as_text=True)


def test_smes_see_only_visible_graduates_and_can_invite_them(db, make, client, login):
    employer = make.employer()
    company = employer.company_membership.company
    vacancy = _vacancy(make, "Accountant", "Keep the books and prepare tax returns.", company=company)
    visible = _accountant(make, full_name="Visible Graduate")
    invisible = _accountant(make, full_name="Invisible Graduate", is_visible_to_employers=False)
    embed_everything(db.session)
    login(employer)

    page = client.get(f"/employer/vacancies/{vacancy.id}/candidates").get_data(as_text=True)
    assert "Visible Graduate" in page and "Invisible Graduate" not in page

    refused = client.post(f"/employer/vacancies/{vacancy.id}/candidates/{invisible.id}/invite")
    assert refused.status_code == 404
    assert db.session.scalar(select(func.count()).select_from(ApplyInvitation)) == 0
    assert (
        db.session.scalar(
            select(func.count()).select_from(Notification).where(Notification.user_id == invisible.user_id)
        )
        == 0
    )

    sent = client.post(f"/employer/vacancies/{vacancy.id}/candidates/{visible.id}/invite", follow_redirects=True)
    assert sent.status_code == 200 and "Invited" in sent.get_data(as_text=True)
    note = db.session.scalar(
        select(Notification).where(Notification.user_id == visible.user_id, Notification.kind == "invitation.apply")
    )
    assert note is not None and "Accountant" in note.title
    again = client.post(f"/employer/vacancies/{vacancy.id}/candidates/{visible.id}/invite")
    assert again.status_code == 409 and "already been invited" in again.get_data(as_text=True)


def test_another_smes_vacancy_cannot_be_used_to_invite(db, make, client, login):
    vacancy = _vacancy(make, "Accountant", "Keep the books.")
    graduate = _accountant(make)
    login(make.employer())
    assert client.get(f"/employer/vacancies/{vacancy.id}/candidates").status_code == 404
    assert client.post(f"/employer/vacancies/{vacancy.id}/candidates/{graduate.id}/invite").status_code == 404
    assert db.session.scalar(select(func.count()).select_from(ApplyInvitation)) == 0


def test_a_chinese_accounting_graduate_sees_accounting_before_software(db, make):
    profile = make.graduate(
        major="会计学", skills=["财务软件", "Excel"], about="熟悉会计准则和税务申报。", degree=Degree.BACHELOR
    )
    _vacancy(make, "Java开发工程师", "负责后端系统开发，使用Java和Spring。", skills=["Java"])
    _vacancy(make, "会计", "负责公司日常账务处理、纳税申报和财务报表编制。", skills=["Excel"])
    _vacancy(make, "软件测试工程师", "编写测试用例，执行自动化测试。", skills=["Python"])
    embed_everything(db.session)
    titles = _titles(db, profile)
    assert titles[0] == "会计"
    item = recommendations.recommended_vacancies(db.session, profile, MODEL_NAME).items[0]
    assert item.reasons.skills_matched == ["Excel"]


def test_mixed_chinese_and_english_text_matches_on_both(db, make):
    profile = make.graduate(
        major="计算机科学与技术",
        skills=["Python", "Django"],
        degree=Degree.BACHELOR,
        about="熟悉Python和Django开发，做过REST API项目。",
    )
    _vacancy(make, "会计", "负责日常账务处理和纳税申报。", skills=["Excel"])
    _vacancy(make, "销售代表", "开拓客户，完成销售目标。", skills=[])
    _vacancy(
        make, "后端开发工程师", "使用Python和Django开发Web服务，编写REST API。", skills=["Python", "Django", "MySQL"]
    )
    embed_everything(db.session)
    item = recommendations.recommended_vacancies(db.session, profile, MODEL_NAME).items[0]
    assert item.vacancy.title == "后端开发工程师"
    assert item.reasons.skills_matched == ["Python", "Django"] and item.reasons.skills_missing == ["MySQL"]


def test_reasons_are_shown_in_chinese(db, make, client, login):
    profile = make.graduate(
        major="会计学", skills=["Excel"], degree=Degree.BACHELOR, preferred_cities=["广州"], about="熟悉会计准则。"
    )
    profile.user.locale = "zh"
    _vacancy(
        make, "会计", "负责日常账务处理和纳税申报。", skills=["Excel", "用友"], city="广州", preferred_majors=["会计学"]
    )
    db.session.commit()
    embed_everything(db.session)
    login(profile.user)
    page = client.get("/graduate/").get_data(as_text=True)
    for words in ("为您推荐", "匹配技能: Excel", "欠缺技能: 用友", "位于意向城市广州", "专业对口"):
        assert words in page
    assert re.search(r'data-strength="\w+"[^>]*>(非常匹配|比较匹配|一般匹配)<', page)


def test_a_vacancy_with_far_more_applicants_than_places_is_not_pushed_first(db, make):
    profile = _accountant(make)
    crowded = _vacancy(make, "Accountant", "Keep the books and prepare tax returns.", headcount=1)
    quiet = _vacancy(make, "Accountant", "Keep the books and prepare tax returns.", headcount=1)
    for _ in range(12):
        make.application(vacancy=crowded, graduate=make.graduate())
    embed_everything(db.session)
    items = recommendations.recommended_vacancies(db.session, profile, MODEL_NAME).items
    assert [item.vacancy.id for item in items[:2]] == [quiet.id, crowded.id]


def test_only_a_new_matching_text_marks_a_profile_or_vacancy_for_embedding(db, make):
    profile = make.graduate(major="Accounting", about="Bookkeeping and tax returns.")
    vacancy = make.vacancy(title="Accountant", description="Keep the books.")
    db.session.commit()
    profile_mark, vacancy_mark = profile.text_changed_at, vacancy.text_changed_at
    assert profile_mark is not None and vacancy_mark is not None

    later = clock.now() + timedelta(hours=1)
    with clock.frozen_at(later):
        profile.salary_min, profile.about = 9000, "Bookkeeping and tax returns."  # the text reads the same
        vacancy.headcount = 3
        db.session.commit()
        assert (profile.text_changed_at, vacancy.text_changed_at) == (profile_mark, vacancy_mark)

        profile.about = "Bookkeeping, tax returns and audits."
        vacancy.description = "Keep the books and file tax returns."
        db.session.commit()
        assert profile.text_changed_at == later and vacancy.text_changed_at == later
