"""Vacancy search through the database's own full-text index: English and Chinese, filters, sorting, pages."""

from datetime import timedelta

import pytest

from recruit import clock
from recruit.models import CompanyStatus, Degree, SizeClass, VacancyStatus
from recruit.services.discovery.search import PAGE_SIZE, VacancyQuery, search_vacancies
from recruit.services.discovery.search_index import (
    QueryWord,
    fts5_match,
    index_terms,
    query_terms,
    query_words,
    tsquery,
)
from tests.factories import valid_uscc


def titles(db, **query) -> list[str]:
    return [vacancy.title for vacancy in search_vacancies(db.session, VacancyQuery(**query)).items]


def test_tokens_pair_chinese_characters_and_keep_latin_words():
    assert index_terms("财务管理 Python C++ Vue.js") == ["财务", "务管", "管理", "理", "python", "cpp", "vuej"]
    assert index_terms("Accounting accountants") == ["account", "account"]  # stemmed
    assert query_terms("会计 python 财务管理 accounting") == ["会计", "python", "财务管理", "account"]
    words = [QueryWord("会计"), QueryWord("python"), QueryWord("财务管理", ("财务", "管理"))]
    assert fts5_match(words) == '"会计" AND "python" * AND ("财务 务管 管理" OR ("财务" AND "管理"))'
    assert fts5_match(words, exact=True) == '"会计" AND "python" * AND "财务 务管 管理"'
    assert fts5_match(words[:1], column="title") == 'title : ("会计")'
    assert (
        tsquery([QueryWord("会计"), QueryWord("python"), QueryWord("财务管"), QueryWord("财务管理")], exact=True)
        == "(会计) & (python:*) & (财务管) & (财务管 <-> 务管理)"
    )
    assert tsquery(words[:2], title_only=True) == "(会计:A) & (python:*A)"
    assert query_words("会计师") == [QueryWord("会计师", ("会计",))]
    assert query_words("软件开发工程师") == [QueryWord("软件开发工程师", ("软件开发", "工程师"))]


@pytest.fixture
def vacancies(make):
    company = make.company(name="杭州立信企业咨询有限公司", industry="L", size_class=SizeClass.MICRO)
    software = make.company(
        name="深圳云帆软件有限公司", industry="I", size_class=SizeClass.MEDIUM, province_code="44", city="深圳"
    )
    return {
        "accountant": make.vacancy(
            company=company,
            title="会计",
            description="负责日常账务处理和纳税申报。",
            skills=["会计", "Excel"],
            city="杭州",
            province_code="33",
            salary_min=5000,
            salary_max=7000,
            min_degree=Degree.ASSOCIATE,
        ),
        "finance": make.vacancy(
            company=company,
            title="财务管理专员",
            description="参与预算编制与财务分析。",
            skills=["财务分析"],
            city="杭州",
            province_code="33",
            salary_min=7000,
            salary_max=9000,
        ),
        "sales": make.vacancy(
            company=company,
            title="销售代表",
            description="开拓华东区域客户。",
            skills=["销售"],
            city="杭州",
            province_code="33",
            salary_min=4000,
            salary_max=6000,
            min_degree=Degree.ASSOCIATE,
        ),
        "python": make.vacancy(
            company=software,
            title="Python Developer",
            description="Build Flask services with SQL.",
            skills=["Python", "SQL"],
            city="深圳",
            province_code="44",
            salary_min=12000,
            salary_max=18000,
            min_degree=Degree.MASTER,
        ),
        "java": make.vacancy(
            company=software,
            title="Java开发工程师",
            description="Spring Boot 后端开发，使用 Python 脚本。",
            skills=["Java"],
            city="深圳",
            province_code="44",
            salary_min=10000,
            salary_max=15000,
        ),
    }


def test_two_character_chinese_words_are_found(db, vacancies):
    assert titles(db, keywords="会计") == ["会计"]
    assert titles(db, keywords="销售") == ["销售代表"]
    assert titles(db, keywords="财务") == ["财务管理专员"]


def test_longer_chinese_words_match_as_phrases_not_scattered_characters(db, vacancies):
    assert titles(db, keywords="财务管理") == ["财务管理专员"]
    assert titles(db, keywords="纳税申报") == ["会计"]
    # Not the phrase, but both of its words (a longer query finds what holds its words, below exact matches).
    assert titles(db, keywords="管理财务") == ["财务管理专员"]
    assert titles(db, keywords="务管") == ["财务管理专员"]  # any two characters in a row are a pair


def test_english_keywords_company_names_and_title_weight(db, vacancies):
    assert titles(db, keywords="python") == ["Python Developer", "Java开发工程师"]  # title beats body
    assert titles(db, keywords="Flask SQL") == ["Python Developer"]
    assert set(titles(db, keywords="云帆")) == {"Python Developer", "Java开发工程师"}
    assert titles(db, keywords="pyth") == ["Python Developer", "Java开发工程师"]  # a word being typed


def test_filters(db, vacancies):
    assert set(titles(db, province_code="44")) == {"Python Developer", "Java开发工程师"}
    assert set(titles(db, city="杭州", salary_at_least=6500)) == {"会计", "财务管理专员"}
    assert set(titles(db, industry="I")) == {"Python Developer", "Java开发工程师"}
    assert "Python Developer" not in titles(db, degree=Degree.BACHELOR)  # needs a master
    assert set(titles(db, degree=Degree.ASSOCIATE)) == {"会计", "销售代表"}
    assert set(titles(db, size_class=SizeClass.MEDIUM)) == {"Python Developer", "Java开发工程师"}
    assert titles(db, keywords="会计", province_code="44") == []


def test_posted_within_days(db, make, vacancies):
    old = vacancies["sales"]
    old.published_at = clock.now() - timedelta(days=10)
    db.session.commit()
    assert "销售代表" not in titles(db, posted_within_days=7)
    assert "销售代表" in titles(db, posted_within_days=30)


def test_sorting(db, vacancies):
    assert titles(db, sort="salary")[:2] == ["Python Developer", "Java开发工程师"]
    vacancies["finance"].published_at = clock.now() + timedelta(minutes=5)
    db.session.commit()
    assert titles(db, sort="newest")[0] == "财务管理专员"


def test_only_open_vacancies_of_verified_companies_are_found(db, make, vacancies):
    vacancies["accountant"].status = VacancyStatus.CLOSED
    vacancies["sales"].deadline = clock.today() - timedelta(days=1)
    db.session.commit()
    pending = make.company(status=CompanyStatus.PENDING, uscc=valid_uscc(880_001))
    make.vacancy(company=pending, title="会计助理")
    make.vacancy(title="会计主管", status=VacancyStatus.DRAFT)
    assert titles(db, keywords="会计") == []
    assert titles(db, keywords="销售") == []


def test_an_edited_vacancy_is_found_by_its_new_words(db, vacancies):
    vacancy = vacancies["sales"]
    vacancy.title = "电商运营专员"
    db.session.commit()
    assert titles(db, keywords="电商") == ["电商运营专员"]
    assert titles(db, keywords="销售代表") == []


def test_a_renamed_company_is_found_by_its_new_name(db, vacancies):
    company = vacancies["python"].company
    company.name = "深圳蓝海智能科技有限公司"
    db.session.commit()
    assert set(titles(db, keywords="蓝海")) == {"Python Developer", "Java开发工程师"}
    assert titles(db, keywords="云帆") == []


def test_pages(db, make):
    company = make.company()
    for n in range(PAGE_SIZE + 5):
        make.vacancy(company=company, title=f"仓储管理员 {n}")
    first = search_vacancies(db.session, VacancyQuery(keywords="仓储", page=1))
    second = search_vacancies(db.session, VacancyQuery(keywords="仓储", page=2))
    assert first.total == PAGE_SIZE + 5 and len(first.items) == PAGE_SIZE and len(second.items) == 5
    assert not {j.id for j in first.items} & {j.id for j in second.items}


def test_the_search_page(client, vacancies):
    page = client.get("/vacancies?q=会计&province=33").get_data(as_text=True)
    assert "1 vacancy" in page and "负责日常账务处理" not in page and ">会计<" in page
    bad = client.get("/vacancies?salary=lots")
    assert bad.status_code == 400 and "Some filters are not valid" in bad.get_data(as_text=True)
    assert client.get("/vacancies?q=%22%27%3B--+OR+*").status_code == 200  # quotes and operators are only words


@pytest.fixture
def office(make):
    company = make.company(name="广州明远商贸有限公司", industry="F")
    return {
        "accountant": make.vacancy(company=company, title="Accountant", description="Keep the books of a trading SME."),
        "cpa": make.vacancy(company=company, title="注册会计师", description="负责审计与税务咨询。"),
        "bookkeeper": make.vacancy(company=company, title="会计", description="负责日常账务处理。"),
        "finance": make.vacancy(company=company, title="财务会计", description="负责总账与报表。"),
        "designer": make.vacancy(company=company, title="平面设计", description="负责海报与包装。"),
        "developer": make.vacancy(company=company, title="软件开发工程师", description="开发企业管理系统。"),
        "tester": make.vacancy(company=company, title="软件测试", description="测试桌面应用。"),
        "clerk": make.vacancy(company=company, title="行政文员", description="熟练使用办公软件，负责文件归档。"),
        "clerk2": make.vacancy(company=company, title="前台", description="使用办公软件接待来访。"),
    }


def test_english_words_are_stemmed_at_index_and_query_time(db, office):
    assert titles(db, keywords="accounting") == ["Accountant"]
    assert titles(db, keywords="accountant") == ["Accountant"]
    assert titles(db, keywords="accountants books") == ["Accountant"]


def test_longer_chinese_queries_find_the_vacancies_holding_their_words_exact_ones_first(db, office):
    found = titles(db, keywords="会计师")
    assert found[0] == "注册会计师"  # the phrase itself first
    assert set(found) == {"注册会计师", "会计", "财务会计"}
    found = titles(db, keywords="财务会计")
    assert found[0] == "财务会计" and "会计" not in found  # 会计 alone lacks 财务
    assert titles(db, keywords="财务会计 总账") == ["财务会计"]


def test_a_title_match_always_outranks_a_description_only_match(db, office):
    found = titles(db, keywords="软件")
    assert set(found[:2]) == {"软件开发工程师", "软件测试"}
    assert set(found[2:]) == {"行政文员", "前台"}


def test_one_chinese_character_is_found_wherever_it_stands_in_a_word(db, office):
    assert "平面设计" in titles(db, keywords="计")  # 计 ends the word 设计
    assert set(titles(db, keywords="计")) == {"注册会计师", "会计", "财务会计", "平面设计"}
