"""An offer's terms: what the employer offers (position, monthly salary, start date) and the day by which the graduate
answers. `applications.transition` records them with the "offered" step; an offer still unanswered after its day
expires (`applications.expire_offers`, run by the worker)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from recruit import clock
from recruit.i18n import lazy_gettext as _l
from recruit.models import Application, ApplicationStatus, Offer
from recruit.models.outcomes import MAX_SALARY
from recruit.services.errors import ValidationError

# The longest an offer may stay open, and how far ahead its start may be.
MAX_ANSWER_DAYS = 60
MAX_START_DAYS = 730


@dataclass(frozen=True)
class OfferTerms:
    """What the employer offers, as entered."""

    position: str
    monthly_salary: int | None
    start_on: date | None
    answer_by: date | None


def check(terms: OfferTerms, today: date) -> OfferTerms:
    """The terms cleaned, or a ValidationError naming the field that is wrong."""
    position = " ".join((terms.position or "").split())
    if not position:
        raise ValidationError(_l("Name the position offered."), field="position")
    if len(position) > 100:
        raise ValidationError(_l("The position may be at most 100 characters."), field="position")
    if terms.monthly_salary is None or not 1 <= terms.monthly_salary <= MAX_SALARY:
        raise ValidationError(_l("Enter a monthly salary between 1 and 1,000,000 yuan."), field="monthly_salary")
    if terms.answer_by is None:
        raise ValidationError(_l("Say by when the graduate should answer."), field="answer_by")
    if not today <= terms.answer_by <= date.fromordinal(today.toordinal() + MAX_ANSWER_DAYS):
        raise ValidationError(_l("The answer is due between today and 60 days from now."), field="answer_by")
    if terms.start_on is None:
        raise ValidationError(_l("Enter the first day of work."), field="start_on")
    if not terms.answer_by <= terms.start_on <= date.fromordinal(today.toordinal() + MAX_START_DAYS):
        raise ValidationError(
            _l("The first day of work comes after the answer is due, and within two years."), field="start_on"
        )
    return OfferTerms(position, terms.monthly_salary, terms.start_on, terms.answer_by)


def record(session, application: Application, terms: OfferTerms) -> Offer:
    """Keep the terms of the application's offer (checked by `check`)."""
    offer = session.scalar(select(Offer).where(Offer.application_id == application.id))
    if offer is None:
        offer = Offer(application_id=application.id)
        session.add(offer)
    offer.position, offer.monthly_salary = terms.position, terms.monthly_salary
    offer.start_on, offer.answer_by = terms.start_on, terms.answer_by
    offer.created_at, offer.expired_at = clock.now(), None
    session.flush()
    return offer


def offer_of(session, application: Application) -> Offer | None:
    """The application's offer, if one was made."""
    return session.scalar(select(Offer).where(Offer.application_id == application.id))


def overdue(session, today: date, limit: int = 500) -> list[Offer]:
    """Offers still waiting for an answer after their answer-by day."""
    return list(
        session.scalars(
            select(Offer)
            .join(Application, Application.id == Offer.application_id)
            .where(Offer.answer_by < today, Application.status == ApplicationStatus.OFFERED)
            .order_by(Offer.id)
            .limit(limit)
        )
    )
