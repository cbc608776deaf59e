"""Where messages point: the paths of the pages a notification or e-mail links to, built without a request, and
absolute addresses on the public site (RECRUIT_BASE_URL). tests/integration/test_links.py checks every path
against the route that serves it, so the two cannot drift apart."""

from __future__ import annotations

from recruit.runtime import settings


def absolute(path: str) -> str:
    """`path` on the public site, for e-mail."""
    return settings().base_url + path


def graduate_application(application_id: int) -> str:
    """A graduate's page of one of their applications."""
    return f"/graduate/applications/{application_id}"


def employer_application(application_id: int) -> str:
    """An employer's page of one application to their company."""
    return f"/employer/applications/{application_id}"


def employer_agreement(application_id: int) -> str:
    """An employer's page of the employment agreement of an accepted offer."""
    return f"/employer/applications/{application_id}/agreement"


def career_agreement(agreement_id: int) -> str:
    """A career office's page of one of its graduates' employment agreements."""
    return f"/career/agreements/{agreement_id}"


def follow_up(follow_up_id: int) -> str:
    """A placed graduate's page answering whether they are still employed."""
    return f"/graduate/follow-ups/{follow_up_id}"


def conversations() -> str:
    """The signed-in person's conversations."""
    return "/conversations"


def conversation(conversation_id: int) -> str:
    """One conversation between a graduate and a company."""
    return f"/conversations/{conversation_id}"


def fair(fair_id: int) -> str:
    """A job fair's public page."""
    return f"/fairs/{fair_id}"


def vacancy(vacancy_id: int) -> str:
    """A vacancy's public page."""
    return f"/vacancies/{vacancy_id}"


def vacancy_search() -> str:
    """The vacancy search page."""
    return "/vacancies"


def inbox() -> str:
    """The inbox."""
    return "/notifications/"


def home() -> str:
    """The landing page."""
    return "/"


def log_in() -> str:
    """The log-in page."""
    return "/auth/login"


def verify_email(token: str) -> str:
    """Where the owner of an address proves it."""
    return f"/auth/verify/{token}"


def employer_home() -> str:
    """The employer's dashboard."""
    return "/employer/"


def career_home() -> str:
    """The career office's dashboard."""
    return "/career/"


def notification_settings() -> str:
    """Where a user chooses which e-mails they receive."""
    return "/auth/settings"


def join_company(token: str) -> str:
    """Where an invited colleague joins a company."""
    return f"/auth/join/{token}"


def unsubscribe(token: str) -> str:
    """Where a digest reader unsubscribes."""
    return f"/auth/unsubscribe/{token}"


def register_graduate() -> str:
    """Where a graduate registers."""
    return "/auth/register?role=graduate"


def graduate_recommendations() -> str:
    """A graduate's full list of recommended vacancies."""
    return "/graduate/recommendations"


def graduate_profile() -> str:
    """Where a graduate edits their profile."""
    return "/graduate/profile"


def join_career_office(token: str) -> str:
    """Where an invited person opens a university's career-office account."""
    return f"/auth/join-office/{token}"


def reset_password(token: str) -> str:
    """Where a user chooses a new password with the link from their e-mail."""
    return f"/auth/reset/{token}"
