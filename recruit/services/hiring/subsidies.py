"""The one-time job-expansion subsidy (一次性扩岗补助): which confirmed hires meet the rule of their year.

A hire qualifies when its agreement is confirmed by all three; the graduate graduated in the rule's year, or up to
`window_years` before it and had no placement before this one (unemployed); the employer signed a labour contract and
has paid the unemployment, work-injury and pension insurance for at least `min_insurance_months` (as it confirmed);
it does not claim the employment absorption subsidy for the hire; and no other employer's hire of the same graduate
has been flagged (once per graduate). The rule of a year is data the operator sets; the hire's year is the year of
its first day of work. The flag is set when the employer confirms the insurance months, under a lock on the graduate
so that two employers confirming at once cannot both take the graduate's one subsidy.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from recruit import clock
from recruit.i18n import lazy_gettext as _l
from recruit.models import AgreementStatus, Application, EmploymentAgreement, GraduateProfile, Role, SubsidyRule, User
from recruit.services.errors import PermissionDenied, ValidationError
from recruit.services.hiring.agreements import party_of
from recruit.services.oversight import audit

MAX_INSURANCE_MONTHS = 600


@dataclass(frozen=True)
class RuleTerms:
    """A year's rule as the operator enters it."""

    year: int | None
    window_years: int | None
    min_insurance_months: int | None
    amount_yuan: int | None


def rules(session) -> list[SubsidyRule]:
    """Every year's rule, the latest first."""
    return list(session.scalars(select(SubsidyRule).order_by(SubsidyRule.year.desc())))


def rule_for(session, year: int) -> SubsidyRule | None:
    """The rule of a hiring year, if the operator set one."""
    return session.scalar(select(SubsidyRule).where(SubsidyRule.year == year))


def set_rule(session, operator: User, terms: RuleTerms) -> SubsidyRule:
    """Add a year's rule, or change it (hires already flagged keep their flag)."""
    checks = (
        ("year", terms.year, 2000, 2100, _l("Enter a year between 2000 and 2100.")),
        ("window_years", terms.window_years, 0, 10, _l("Between 0 and 10 years.")),
        ("min_insurance_months", terms.min_insurance_months, 1, 60, _l("Between 1 and 60 months.")),
        ("amount_yuan", terms.amount_yuan, 1, 1_000_000, _l("Between 1 and 1,000,000 yuan.")),
    )
    for field, value, low, high, message in checks:
        if value is None or not low <= value <= high:
            raise ValidationError(message, field=field)
    rule = rule_for(session, terms.year) or SubsidyRule(year=terms.year)
    rule.window_years, rule.min_insurance_months = terms.window_years, terms.min_insurance_months
    rule.amount_yuan = terms.amount_yuan
    session.add(rule)
    session.flush()
    audit.record(
        session,
        operator,
        "subsidy.rule",
        None,
        {"year": rule.year, "window_years": rule.window_years, "months": rule.min_insurance_months},
    )
    return rule


def reasons_not_eligible(session, agreement: EmploymentAgreement) -> list:
    """Why the hire does not (yet) meet its year's rule, in words for the employer and operator; [] when it does."""
    if agreement.subsidy_flagged_at is not None:
        return []
    reasons = []
    if agreement.status is not AgreementStatus.CONFIRMED:
        reasons.append(_l("The agreement is not yet confirmed by all three."))
    rule = rule_for(session, agreement.start_on.year) if agreement.start_on else None
    if rule is None:
        reasons.append(_l("No subsidy rule is set for the year of the first day of work."))
        return reasons
    graduate = agreement.application.graduate
    year = graduate.graduation_year
    if year is None or year > rule.year or year < rule.year - rule.window_years:
        reasons.append(
            _l("The graduate left school more than %(n)d years before the hire.", n=rule.window_years)
            if year is not None and year < rule.year - rule.window_years
            else _l("The graduate's graduation year does not fall within the rule.")
        )
    elif year < rule.year and _placed_before(session, agreement):
        reasons.append(_l("The graduate was employed before this hire."))
    if not agreement.is_labour_contract:
        reasons.append(_l("No labour contract was signed."))
    if not agreement.has_social_insurance or agreement.insurance_months < rule.min_insurance_months:
        reasons.append(_l("Fewer than %(n)d months of social insurance are confirmed.", n=rule.min_insurance_months))
    if agreement.claims_absorption_subsidy:
        reasons.append(_l("The employer claims the employment absorption subsidy for this hire."))
    if _claimed_elsewhere(session, agreement):
        reasons.append(_l("Another employer has already claimed the subsidy for this graduate."))
    return reasons


def confirm_insurance(session, agreement: EmploymentAgreement, employer: User, months: int | None) -> bool:
    """The employer confirms how many months of insurance it has paid for the hire; flags the hire when it now meets
    the rule. Returns whether it is flagged."""
    if party_of(agreement, employer) is not Role.EMPLOYER:
        raise PermissionDenied(_l("Only the employer confirms the insurance it paid."))
    if agreement.status is not AgreementStatus.CONFIRMED:
        raise ValidationError(
            _l("Confirm insurance once the agreement is confirmed by all three."), field="insurance_months"
        )
    if months is None or not 0 <= months <= MAX_INSURANCE_MONTHS:
        raise ValidationError(_l("Between 0 and 600 months."), field="insurance_months")
    # One graduate, one subsidy: lock the graduate's profile before looking at their other hires (PostgreSQL).
    graduate_id = agreement.application.graduate_id
    session.execute(select(GraduateProfile.id).where(GraduateProfile.id == graduate_id).with_for_update())
    agreement.insurance_months, agreement.insurance_confirmed_at = months, clock.now()
    session.flush()
    flagged = not reasons_not_eligible(session, agreement)
    if flagged and agreement.subsidy_flagged_at is None:
        agreement.subsidy_rule_id = rule_for(session, agreement.start_on.year).id
        agreement.subsidy_flagged_at = clock.now()
        session.flush()
        audit.record(session, employer, "subsidy.flag", agreement.application.graduate, {"agreement": agreement.id})
    return agreement.subsidy_flagged_at is not None


def flagged(session, year: int | None = None) -> list[EmploymentAgreement]:
    """The hires flagged for the subsidy (of one rule year, or all), oldest first: the operator's list to process."""
    statement = (
        select(EmploymentAgreement)
        .join(SubsidyRule, SubsidyRule.id == EmploymentAgreement.subsidy_rule_id)
        .where(EmploymentAgreement.subsidy_flagged_at.is_not(None))
    )
    if year is not None:
        statement = statement.where(SubsidyRule.year == year)
    return list(session.scalars(statement.order_by(EmploymentAgreement.subsidy_flagged_at, EmploymentAgreement.id)))


def _others_of_graduate(agreement: EmploymentAgreement):
    return (
        select(EmploymentAgreement)
        .join(Application, Application.id == EmploymentAgreement.application_id)
        .where(
            Application.graduate_id == agreement.application.graduate_id,
            EmploymentAgreement.id != agreement.id,
        )
    )


def _claimed_elsewhere(session, agreement: EmploymentAgreement) -> bool:
    return (
        session.scalar(_others_of_graduate(agreement).where(EmploymentAgreement.subsidy_flagged_at.is_not(None)))
        is not None
    )


def _placed_before(session, agreement: EmploymentAgreement) -> bool:
    """Whether the graduate had a confirmed placement that started before this one (so was not unemployed)."""
    earlier = _others_of_graduate(agreement).where(
        EmploymentAgreement.status == AgreementStatus.CONFIRMED,
        EmploymentAgreement.start_on < agreement.start_on,
    )
    return session.scalar(earlier) is not None
