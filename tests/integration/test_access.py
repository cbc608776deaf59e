"""Every route, every role: who gets the page, who gets 403, who is sent to log in."""

import pytest

from recruit.models import Role

PUBLIC = "public"
ANY_ROLE = frozenset(Role)
# The expected access of every endpoint. A new route fails test_every_route_is_listed until it is added here.
ACCESS = {
    "public.index": PUBLIC,
    "public.privacy": PUBLIC,
    "public.set_language": PUBLIC,
    "public.search": PUBLIC,
    "public.view_vacancy": PUBLIC,
    "public.legacy_search": PUBLIC,
    "public.legacy_vacancy": PUBLIC,
    "public.view_company": PUBLIC,
    "public.list_fairs": PUBLIC,
    "public.view_fair": PUBLIC,
    "public.register_for_fair": {Role.GRADUATE},
    "auth.join_company": PUBLIC,
    "auth.join_career_office": PUBLIC,
    "auth.forgot_password": PUBLIC,
    "auth.reset_password": PUBLIC,
    "auth.unsubscribe_digest": PUBLIC,
    "inbox.list_notifications": ANY_ROLE,
    "inbox.open_notification": ANY_ROLE,
    "inbox.mark_all_read": ANY_ROLE,
    **{
        f"conversations.{name}": {Role.GRADUATE, Role.EMPLOYER}
        for name in (
            "list_conversations",
            "view_conversation",
            "start_conversation",
            "close_conversation",
            "report_conversation",
        )
    },
    "conversations.share_contact": {Role.GRADUATE},
    "admin.list_reports": {Role.OPERATOR},
    "admin.resolve_report": {Role.OPERATOR},
    "auth.register": PUBLIC,
    "public.favicon": PUBLIC,
    "auth.login": PUBLIC,
    "api.health": PUBLIC,
    "probes.healthz": PUBLIC,
    "probes.readyz": PUBLIC,
    "probes.metrics": PUBLIC,
    "auth.logout": ANY_ROLE,
    "auth.consent": ANY_ROLE,
    "auth.two_step": PUBLIC,
    "auth.two_factor_settings": ANY_ROLE,
    "auth.turn_off_two_factor": ANY_ROLE,
    "auth.new_recovery_codes": ANY_ROLE,
    "auth.resend_verification": ANY_ROLE,
    "auth.verify_email": PUBLIC,
    "auth.delete_account": {Role.GRADUATE, Role.EMPLOYER},
    "auth.change_password": ANY_ROLE,
    "auth.notification_settings": ANY_ROLE,
    "auth.download_my_data": ANY_ROLE,
    **{
        f"graduate.{name}": {Role.GRADUATE}
        for name in (
            "dashboard",
            "edit_profile",
            "upload_resume",
            "download_resume",
            "apply",
            "save_vacancy",
            "list_saved",
            "list_applications",
            "view_application",
            "move_application",
            "answer_interview",
            "list_recommendations",
            "hide_recommendation",
            "resume_recommendations",
            "withdraw_others",
            "confirm_agreement",
            "return_agreement",
            "answer_follow_up",
        )
    },
    **{
        f"employer.{name}": {Role.EMPLOYER}
        for name in (
            "dashboard",
            "register_company",
            "edit_company",
            "invite_colleague",
            "create_vacancy",
            "edit_vacancy",
            "change_vacancy_status",
            "list_applicants",
            "reject_applicants",
            "view_application",
            "open_application",
            "move_application",
            "schedule_interview",
            "download_resume",
            "list_candidates",
            "view_candidate",
            "invite_candidate",
            "make_offer",
            "edit_agreement",
            "confirm_insurance",
            "list_fairs",
            "edit_booth",
        )
    },
    "career.dashboard": {Role.CAREER_OFFICE},
    "career.roster": {Role.CAREER_OFFICE},
    "career.preview_roster": {Role.CAREER_OFFICE},
    "career.import_roster": {Role.CAREER_OFFICE},
    "career.list_graduates": {Role.CAREER_OFFICE},
    "career.view_graduate": {Role.CAREER_OFFICE},
    "career.export_table": {Role.CAREER_OFFICE},
    "career.new_nudge": {Role.CAREER_OFFICE},
    "career.list_nudges": {Role.CAREER_OFFICE},
    "career.view_nudge": {Role.CAREER_OFFICE},
    "career.list_agreements": {Role.CAREER_OFFICE},
    "career.view_agreement": {Role.CAREER_OFFICE},
    "admin.dashboard": {Role.OPERATOR},
    "admin.list_users": {Role.OPERATOR},
    "admin.export_table": {Role.OPERATOR},
    "admin.set_user_enabled": {Role.OPERATOR},
    "admin.create_user": {Role.OPERATOR},
    "admin.list_universities": {Role.OPERATOR},
    "admin.add_university": {Role.OPERATOR},
    "admin.edit_university": {Role.OPERATOR},
    "admin.close_university": {Role.OPERATOR},
    "admin.invite_career_office": {Role.OPERATOR},
    "career.invite_colleague": {Role.CAREER_OFFICE},
    "admin.audit_log": {Role.OPERATOR},
    "admin.list_companies": {Role.OPERATOR},
    "admin.list_campaigns": {Role.OPERATOR},
    "admin.list_announcements": {Role.OPERATOR},
    "admin.create_announcement": {Role.OPERATOR},
    "admin.create_campaign": {Role.OPERATOR},
    "admin.review_company": {Role.OPERATOR},
    "admin.subsidies_page": {Role.OPERATOR},
    "admin.list_fairs": {Role.OPERATOR},
    "admin.view_fair": {Role.OPERATOR},
    "admin.decide_booth": {Role.OPERATOR},
    "admin.export_subsidies": {Role.OPERATOR},
    "admin.matching_page": {Role.OPERATOR},
}
URL_ARGUMENTS = {"code": "en", "token": "no-such-token"}


def routes(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        method = "GET" if "GET" in rule.methods else "POST"
        yield rule.endpoint, method, rule.build({a: URL_ARGUMENTS.get(a, 1) for a in rule.arguments})[1]


def test_every_route_is_listed_and_guarded(app):
    endpoints = {endpoint for endpoint, _, _ in routes(app)}
    assert endpoints == set(ACCESS)
    for endpoint in endpoints:
        declared = getattr(app.view_functions[endpoint], "access_roles", None)
        assert declared is not None, f"{endpoint} has no access decorator"
        expected = ACCESS[endpoint]
        assert declared == (expected if expected == PUBLIC else frozenset(expected)), endpoint


def test_anonymous_users_are_sent_to_log_in(app, client):
    for endpoint, method, url in routes(app):
        if ACCESS[endpoint] == PUBLIC:
            continue
        response = client.open(url, method=method)
        assert response.status_code == 302, endpoint
        assert "/auth/login" in response.headers["Location"], endpoint


@pytest.mark.parametrize("role", list(Role))
def test_each_role_gets_its_pages_and_403_elsewhere(app, client, login_as, role):
    login_as(role)
    for endpoint, method, url in routes(app):
        expected = ACCESS[endpoint]
        if expected == PUBLIC or method != "GET":
            continue
        response = client.get(url)
        if role in expected:
            # 200, or 404 where the URL names a record (id 1, a resume) this user has none of: never 403 or 500.
            # Who may see which record is tested per capability with two users of each role.
            assert response.status_code in (200, 302, 404), f"{role} {endpoint}: {response.status_code}"
            if response.status_code == 302:  # e.g. "register your company" when it already is
                assert "/auth/login" not in response.headers["Location"], endpoint
        else:
            assert response.status_code == 403, f"{role} {endpoint}: {response.status_code}"
            assert "Your account may not see this page." in response.get_data(as_text=True)


def test_public_pages_open_to_everyone(client):
    assert client.get("/").status_code == 200
    assert client.get("/privacy").status_code == 200
    assert client.get("/auth/login").status_code == 200
    assert client.get("/api/health").get_json() == {"status": "ok"}
