"""Two users of each role: each sees and changes only what is theirs."""

from io import BytesIO

import pytest

from recruit.models import ApplicationStatus, Role, VacancyStatus
from tests.support.pdfs import pdf_with_text


@pytest.fixture
def two_of_each(make, client, login):
    companies = [make.company(), make.company()]
    employers = [make.employer(company=c) for c in companies]
    vacancies = [make.vacancy(company=c) for c in companies]
    drafts = [
        make.vacancy(company=c, status=VacancyStatus.DRAFT, title=f"草稿岗位{i}") for i, c in enumerate(companies)
    ]
    graduates = [make.graduate(), make.graduate()]
    applications = [make.application(vacancy=vacancies[i], graduate=graduates[i]) for i in range(2)]
    for graduate in graduates:  # each graduate has a resume
        login(graduate.user)
        client.post(
            "/graduate/resume",
            data={"resume": (BytesIO(pdf_with_text("CV")), "cv.pdf")},
            content_type="multipart/form-data",
        )
        client.post("/auth/logout")
    return {
        "employers": employers,
        "vacancies": vacancies,
        "drafts": drafts,
        "graduates": graduates,
        "applications": applications,
        "offices": [make.user(Role.CAREER_OFFICE) for _ in range(2)],
        "operators": [make.user(Role.OPERATOR) for _ in range(2)],
    }


def test_employers_see_and_change_only_their_own_company(client, login, two_of_each):
    w = two_of_each
    login(w["employers"][0])
    mine, theirs = w["applications"]
    assert client.get(f"/employer/vacancies/{w['vacancies'][0].id}/applicants").status_code == 200
    assert client.get(f"/employer/vacancies/{w['vacancies'][1].id}/applicants").status_code == 404
    assert client.get(f"/employer/vacancies/{w['vacancies'][1].id}/edit").status_code == 404
    assert (
        client.post(f"/employer/vacancies/{w['vacancies'][1].id}/status", data={"action": "close"}).status_code == 404
    )
    assert client.get(f"/employer/applications/{mine.id}").status_code == 200
    assert client.get(f"/employer/applications/{theirs.id}").status_code == 404
    assert client.post(f"/employer/applications/{theirs.id}/move", data={"to_status": "rejected"}).status_code == 404
    assert (
        client.post(
            f"/employer/vacancies/{w['vacancies'][0].id}/reject", data={"application_ids": [str(theirs.id)]}
        ).status_code
        == 404
    )
    assert client.get(f"/vacancies/{w['drafts'][0].id}").status_code == 200  # own draft: visible to its company
    assert client.get(f"/vacancies/{w['drafts'][1].id}").status_code == 404


def test_graduates_see_and_change_only_their_own(client, db, login, two_of_each):
    w = two_of_each
    mine, theirs = w["applications"]
    login(w["graduates"][0].user)
    assert client.get(f"/graduate/applications/{mine.id}").status_code == 200
    assert client.get(f"/graduate/applications/{theirs.id}").status_code == 404
    assert client.post(f"/graduate/applications/{theirs.id}/move", data={"to_status": "withdrawn"}).status_code == 404
    db.session.refresh(theirs)
    assert theirs.status is ApplicationStatus.SUBMITTED
    assert w["graduates"][1].full_name not in client.get("/graduate/applications").get_data(as_text=True)


def test_a_resume_downloads_for_its_owner_and_the_employers_applied_to_only(client, login, two_of_each):
    w = two_of_each
    mine, theirs = w["applications"]
    login(w["graduates"][0].user)
    own = client.get("/graduate/resume")
    assert own.status_code == 200 and own.headers["Content-Disposition"].startswith("attachment")
    client.post("/auth/logout")

    login(w["employers"][0])  # graduate 0 applied to company 0
    response = client.get(f"/employer/applications/{mine.id}/resume")
    assert response.status_code == 200 and response.data.startswith(b"%PDF-")
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert client.get(f"/employer/applications/{theirs.id}/resume").status_code == 404
    client.post("/auth/logout")

    for user in [*w["offices"], *w["operators"]]:
        login(user)
        assert client.get(f"/employer/applications/{mine.id}/resume").status_code == 403
        assert client.get("/graduate/resume").status_code == 403
        client.post("/auth/logout")
    assert client.get(f"/employer/applications/{mine.id}/resume").status_code == 302  # anonymous: log in first


def test_career_offices_and_operators_cannot_act_in_the_pipeline(client, login, two_of_each):
    w = two_of_each
    for user in [*w["offices"], *w["operators"]]:
        login(user)
        for application in w["applications"]:
            assert (
                client.post(f"/employer/applications/{application.id}/move", data={"to_status": "rejected"}).status_code
                == 403
            )
            assert (
                client.post(
                    f"/graduate/applications/{application.id}/move", data={"to_status": "withdrawn"}
                ).status_code
                == 403
            )
        client.post("/auth/logout")
