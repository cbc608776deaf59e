"""Search understands meaning: when keywords find few vacancies, the first page is filled with the vacancies
nearest in meaning to the query, marked as such, embedded in the web process without torch."""

import pytest

from recruit.matching import store
from recruit.matching.encoder import Encoder
from recruit.matching.encoder_settings import EncoderSettings
from recruit.services.discovery.embeddings import embed_pending
from recruit.services.discovery.meaning import search_with_meaning
from recruit.services.discovery.search import VacancyQuery
from tests.factories import Factories
from tests.support.apps import dispose, migrated_app

VACANCIES = [
    ("软件开发工程师", "负责公司业务系统的设计、编码与测试，使用 Java 和 Python。"),
    ("会计", "负责日常账务处理、编制财务报表、纳税申报。"),
    ("厨师", "负责中餐热菜的烹饪与菜品研发。"),
    ("护士", "负责病房护理、输液和病人观察。"),
    ("销售代表", "开拓客户，完成区域销售目标。"),
    ("Software Developer", "Design, code and test web applications in Python."),
    ("Accountant", "Keep the books, prepare financial statements and tax returns."),
    ("Chef", "Cook and plan the menu of a busy restaurant kitchen."),
]
# A query, and the vacancy it must find first though none of its words is in that vacancy.
PAIRS = [
    ("程序员", "软件开发工程师"),
    ("会计师", "会计"),
    ("编程", "软件开发工程师"),
    ("医院护理", "护士"),
    ("programmer", "Software Developer"),
    ("bookkeeper", "Accountant"),
    ("cook", "Chef"),
]


@pytest.fixture(scope="module")
def meaning_app(backend, tmp_path_factory, e5_folder):
    app = migrated_app(backend, "meaning", tmp_path_factory.mktemp("meaning"), RECRUIT_EMBEDDING_MODEL=str(e5_folder))
    with app.app_context():
        from recruit.extensions import db

        make = Factories(db.session)
        company = make.company()
        for title, description in VACANCIES:
            make.vacancy(company=company, title=title, description=description, requirements="", skills=[])
        db.session.commit()
        embed_pending(db.session, Encoder(EncoderSettings(model=str(e5_folder))), commit_batch=db.session.commit)
        db.session.remove()
    store.forget_all()
    yield app
    store.forget_all()
    dispose(app)


@pytest.mark.parametrize(("query", "expected"), PAIRS)
def test_a_query_finds_the_vacancy_of_its_meaning_first(meaning_app, e5_folder, query, expected):
    from recruit.extensions import db
    from recruit.matching.query_encoder import query_encoder

    settings = EncoderSettings(model=str(e5_folder))
    with meaning_app.app_context():
        results = search_with_meaning(
            db.session, VacancyQuery(keywords=query), settings.model_name, query_encoder(settings).query
        )
        found = [v.title for v in [*results.page.items, *results.by_meaning]]
        db.session.remove()
    assert found[0] == expected, found
    assert len(found) == len(VACANCIES)  # a first page keywords cannot fill is filled, nothing twice


def test_the_page_marks_what_was_found_by_meaning_and_keeps_filters(meaning_app):
    client = meaning_app.test_client()
    response = client.get("/vacancies", query_string={"q": "程序员"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'data-testid="by-meaning"' in html and "软件开发工程师" in html
    assert html.index("软件开发工程师") < html.index("厨师")
    assert "No vacancy has these words; these are close in meaning to your search:" in html

    salary_filtered = client.get("/vacancies", query_string={"q": "程序员", "salary": "999999"})
    assert salary_filtered.status_code == 200
    assert 'data-testid="by-meaning"' not in salary_filtered.get_data(as_text=True)  # filters hold for meaning too


def test_keyword_matches_come_first_and_are_not_repeated(meaning_app):
    html = meaning_app.test_client().get("/vacancies", query_string={"q": "会计"}).get_data(as_text=True)
    keyword_part, _, meaning_part = html.partition('data-testid="results-by-meaning"')
    assert "会计" in keyword_part and 'data-testid="by-meaning"' in meaning_part
    assert "Fewer vacancies have these words; these are close in meaning to your search:" in html
    assert ">会计<" not in meaning_part.replace(" <span", "<span")


def test_without_a_torch_free_model_search_is_keywords_alone(app, db, make):
    make.vacancy(title="软件开发工程师")
    db.session.commit()
    results = search_with_meaning(db.session, VacancyQuery(keywords="程序员"), None, None)
    assert results.page.items == [] and results.by_meaning == []
