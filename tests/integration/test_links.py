"""Links in messages are built without a request; each one is the path of the route that serves it."""

from flask import url_for

from recruit import links


def test_every_link_is_the_path_of_its_route(app):
    with app.test_request_context():
        assert links.graduate_application(7) == url_for("graduate.view_application", application_id=7)
        assert links.employer_application(7) == url_for("employer.view_application", application_id=7)
        assert links.vacancy(7) == url_for("public.view_vacancy", vacancy_id=7)
        assert links.vacancy_search() == url_for("public.search")
        assert links.inbox() == url_for("inbox.list_notifications")
        assert links.home() == url_for("public.index")
        assert links.log_in() == url_for("auth.login")
        assert links.employer_home() == url_for("employer.dashboard")
        assert links.career_home() == url_for("career.dashboard")
        assert links.notification_settings() == url_for("auth.notification_settings")
        assert links.join_company("t0k") == url_for("auth.join_company", token="t0k")
        assert links.unsubscribe("t0k") == url_for("auth.unsubscribe_digest", token="t0k")
        assert links.register_graduate() == url_for("auth.register", role="graduate")
        assert links.graduate_recommendations() == url_for("graduate.list_recommendations")
        assert links.graduate_profile() == url_for("graduate.edit_profile")
        assert links.join_career_office("t0k") == url_for("auth.join_career_office", token="t0k")
        assert links.reset_password("t0k") == url_for("auth.reset_password", token="t0k")
        assert links.employer_agreement(7) == url_for("employer.edit_agreement", application_id=7)
        assert links.career_agreement(7) == url_for("career.view_agreement", agreement_id=7)
        assert links.conversations() == url_for("conversations.list_conversations")
        assert links.conversation(7) == url_for("conversations.view_conversation", conversation_id=7)
        assert links.fair(7) == url_for("public.view_fair", fair_id=7)
        assert links.follow_up(7) == url_for("graduate.answer_follow_up", follow_up_id=7)


def test_absolute_links_use_the_configured_public_address(app):
    assert links.absolute("/vacancies/7") == app.config["RECRUIT_BASE_URL"].rstrip("/") + "/vacancies/7"


def test_no_service_needs_a_request():
    import pathlib
    import re

    services = pathlib.Path(__file__).resolve().parents[2] / "recruit" / "services"
    offenders = [
        path.name for path in services.rglob("*.py") if re.search(r"^\s*(from|import) flask", path.read_text(), re.M)
    ]
    assert offenders == []
