"""Every status transition, for every role: the allowed ones happen and are recorded; the forbidden ones are
refused with a clear message and change nothing."""

import itertools
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from recruit import clock
from recruit.models import ApplicationEvent, ApplicationStatus, Notification, Role, VacancyStatus
from recruit.services.errors import PermissionDenied, ServiceError, ValidationError
from recruit.services.hiring import applications
from recruit.services.hiring.applications import TRANSITIONS
from recruit.services.hiring.offers import OfferTerms

S = ApplicationStatus
EXPECTED = {
    (S.SUBMITTED, S.VIEWED): "employer",
    (S.VIEWED, S.SHORTLISTED): "employer",
    (S.SHORTLISTED, S.INTERVIEW): "employer",
    (S.INTERVIEW, S.OFFERED): "employer",
    (S.OFFERED, S.HIRED): "graduate",
    (S.OFFERED, S.DECLINED): "graduate",
    (S.SUBMITTED, S.REJECTED): "employer",
    (S.VIEWED, S.REJECTED): "employer",
    (S.SHORTLISTED, S.REJECTED): "employer",
    (S.INTERVIEW, S.REJECTED): "employer",
    (S.SUBMITTED, S.WITHDRAWN): "graduate",
    (S.VIEWED, S.WITHDRAWN): "graduate",
    (S.SHORTLISTED, S.WITHDRAWN): "graduate",
    (S.INTERVIEW, S.WITHDRAWN): "graduate",
    (S.OFFERED, S.WITHDRAWN): "graduate",
}
ACTORS = ("graduate", "employer", "other_graduate", "other_employer", "career_office", "operator")


def test_the_transition_table_is_the_documented_pipeline():
    assert {pair: role.value for pair, role in TRANSITIONS.items()} == EXPECTED


OFFER_TERMS = OfferTerms("软件工程师", 8000, clock.today() + timedelta(days=40), clock.today() + timedelta(days=7))


@pytest.fixture
def world(make):
    company = make.company()
    employer = make.employer(company=company)
    graduate = make.graduate()
    vacancy = make.vacancy(company=company, headcount=3)
    return {
        "vacancy": vacancy,
        "graduate": graduate.user,
        "employer": employer,
        "other_graduate": make.graduate().user,
        "other_employer": make.employer(),
        "career_office": make.user(Role.CAREER_OFFICE),
        "operator": make.user(Role.OPERATOR),
    }


def count_events(db, application) -> int:
    return db.session.scalar(
        select(func.count()).select_from(ApplicationEvent).where(ApplicationEvent.application_id == application.id)
    )


@pytest.mark.parametrize(("from_status", "to_status"), list(itertools.product(S, S)))
def test_each_move_for_each_actor(db, make, world, from_status, to_status):
    for actor_name in ACTORS:
        application = make.application(
            vacancy=world["vacancy"], graduate=world["graduate"].graduate_profile, status=from_status
        )
        actor = world[actor_name]
        events_before = count_events(db, application)
        allowed = EXPECTED.get((from_status, to_status)) == actor_name
        terms = OFFER_TERMS if to_status is S.OFFERED else None  # an offer carries its terms
        if allowed:
            event = applications.transition(db.session, application, to_status, actor, note="checked", terms=terms)
            db.session.commit()
            assert application.status is to_status
            assert event.actor_id == actor.id and event.from_status is from_status and event.note == "checked"
            assert count_events(db, application) == events_before + 1
        else:
            with pytest.raises(ServiceError) as refused:
                applications.transition(db.session, application, to_status, actor, terms=terms)
            db.session.rollback()
            assert str(refused.value.message)  # a message the user can read
            db.session.refresh(application)
            assert application.status is from_status
            assert count_events(db, application) == events_before
        # one application per (vacancy, graduate): clear the way for the next actor
        db.session.delete(application)
        db.session.commit()


def test_forbidden_moves_say_why(db, make, world):
    application = make.application(vacancy=world["vacancy"], graduate=world["graduate"].graduate_profile)
    with pytest.raises(ValidationError) as wrong_step:
        applications.transition(db.session, application, S.OFFERED, world["employer"])
    assert str(wrong_step.value.message) == "An application that is submitted cannot become offered."
    with pytest.raises(PermissionDenied) as wrong_role:
        applications.transition(db.session, application, S.VIEWED, world["graduate"])
    assert str(wrong_role.value.message) == "Only the employer can make this change."
    with pytest.raises(PermissionDenied) as wrong_company:
        applications.transition(db.session, application, S.VIEWED, world["other_employer"])
    assert str(wrong_company.value.message) == "This application was made to another company."


def test_each_change_notifies_the_graduate(db, make, world):
    application = make.application(vacancy=world["vacancy"], graduate=world["graduate"].graduate_profile)
    for step in (S.VIEWED, S.SHORTLISTED, S.INTERVIEW):
        applications.transition(db.session, application, step, world["employer"], note=f"note {step}")
    db.session.commit()
    titles = db.session.scalars(
        select(Notification.title).where(Notification.user_id == world["graduate"].id).order_by(Notification.id)
    ).all()
    assert titles == [
        f"The employer has read your application for {world['vacancy'].title}.",
        f"You are shortlisted for {world['vacancy'].title}.",
        f"You are invited to an interview for {world['vacancy'].title}.",
    ]


def test_hires_fill_the_headcount_and_then_the_vacancy(db, make):
    company = make.company()
    employer = make.employer(company=company)
    vacancy = make.vacancy(company=company, headcount=2)
    offers = [make.application(vacancy=vacancy, status=S.OFFERED) for _ in range(3)]
    applications.transition(db.session, offers[0], S.HIRED, offers[0].graduate.user)
    db.session.commit()
    assert vacancy.hired_count == 1 and vacancy.status is VacancyStatus.PUBLISHED
    applications.transition(db.session, offers[1], S.HIRED, offers[1].graduate.user)
    db.session.commit()
    assert vacancy.hired_count == 2 and vacancy.status is VacancyStatus.FILLED
    with pytest.raises(ValidationError) as full:
        applications.transition(db.session, offers[2], S.HIRED, offers[2].graduate.user)
    db.session.rollback()
    assert str(full.value.message) == "All places of this vacancy have been filled."
    db.session.refresh(offers[2])
    assert offers[2].status is S.OFFERED
    # the company's employer was notified of each acceptance
    assert (
        db.session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.user_id == employer.id, Notification.kind == "application.hired")
        )
        == 2
    )


def test_reject_many_is_all_or_nothing(db, make):
    company = make.company()
    employer = make.employer(company=company)
    vacancy = make.vacancy(company=company)
    open_ones = [make.application(vacancy=vacancy) for _ in range(2)]
    hired = make.application(vacancy=vacancy, status=S.HIRED)
    with pytest.raises(ValidationError):
        applications.reject_many(db.session, [*open_ones, hired], employer, "Thank you")
    db.session.rollback()
    assert all(db.session.get(type(a), a.id).status is S.SUBMITTED for a in open_ones)
    assert applications.reject_many(db.session, open_ones, employer, "Thank you for applying") == 2
    db.session.commit()
    for application in open_ones:
        db.session.refresh(application)
        assert application.status is S.REJECTED
        assert application.events[-1].note == "Thank you for applying"
