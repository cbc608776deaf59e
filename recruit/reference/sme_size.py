"""SME size classes under the 2011 classification rules (中小企业划型标准规定, 工信部联企业〔2011〕300号)."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Sector(enum.StrEnum):
    """The rows of the 2011 rules; most follow a GB/T 4754 section, some one division of it."""

    AGRICULTURE = "agriculture"
    INDUSTRY = "industry"
    CONSTRUCTION = "construction"
    WHOLESALE = "wholesale"
    RETAIL = "retail"
    TRANSPORT = "transport"
    WAREHOUSING = "warehousing"
    POSTAL = "postal"
    ACCOMMODATION = "accommodation"
    CATERING = "catering"
    TELECOM = "telecom"
    SOFTWARE = "software"
    REAL_ESTATE_DEVELOPMENT = "real_estate_development"
    PROPERTY_MANAGEMENT = "property_management"
    LEASING_BUSINESS = "leasing_business"
    OTHER = "other"
    FINANCE = "finance"


class Outcome(enum.StrEnum):
    MEDIUM = "medium"
    SMALL = "small"
    MICRO = "micro"
    LARGE = "large"  # above the SME ceiling: cannot take part
    MANUAL = "manual"  # finance: the operator sets the class during verification
    NOT_ENTERPRISE = "not_enterprise"  # public administration, international organisations


@dataclass(frozen=True)
class Rule:
    # Each threshold is a (measure, value) pair; measures: "emp", "rev", "assets" (10,000 yuan).
    ceiling: tuple[tuple[str, int], ...]  # an SME is below at least one of these ("or")
    medium: tuple[tuple[str, int], ...]  # medium when it meets all of these
    small: tuple[tuple[str, int], ...]  # small when it meets all of these


RULES: dict[Sector, Rule] = {
    Sector.AGRICULTURE: Rule((("rev", 20000),), (("rev", 500),), (("rev", 50),)),
    Sector.INDUSTRY: Rule((("emp", 1000), ("rev", 40000)), (("emp", 300), ("rev", 2000)), (("emp", 20), ("rev", 300))),
    Sector.CONSTRUCTION: Rule(
        (("rev", 80000), ("assets", 80000)), (("rev", 6000), ("assets", 5000)), (("rev", 300), ("assets", 300))
    ),
    Sector.WHOLESALE: Rule((("emp", 200), ("rev", 40000)), (("emp", 20), ("rev", 5000)), (("emp", 5), ("rev", 1000))),
    Sector.RETAIL: Rule((("emp", 300), ("rev", 20000)), (("emp", 50), ("rev", 500)), (("emp", 10), ("rev", 100))),
    Sector.TRANSPORT: Rule((("emp", 1000), ("rev", 30000)), (("emp", 300), ("rev", 3000)), (("emp", 20), ("rev", 200))),
    Sector.WAREHOUSING: Rule(
        (("emp", 200), ("rev", 30000)), (("emp", 100), ("rev", 1000)), (("emp", 20), ("rev", 100))
    ),
    Sector.POSTAL: Rule((("emp", 1000), ("rev", 30000)), (("emp", 300), ("rev", 2000)), (("emp", 20), ("rev", 100))),
    Sector.ACCOMMODATION: Rule(
        (("emp", 300), ("rev", 10000)), (("emp", 100), ("rev", 2000)), (("emp", 10), ("rev", 100))
    ),
    Sector.CATERING: Rule((("emp", 300), ("rev", 10000)), (("emp", 100), ("rev", 2000)), (("emp", 10), ("rev", 100))),
    Sector.TELECOM: Rule((("emp", 2000), ("rev", 100000)), (("emp", 100), ("rev", 1000)), (("emp", 10), ("rev", 100))),
    Sector.SOFTWARE: Rule((("emp", 300), ("rev", 10000)), (("emp", 100), ("rev", 1000)), (("emp", 10), ("rev", 50))),
    Sector.REAL_ESTATE_DEVELOPMENT: Rule(
        (("rev", 200000), ("assets", 10000)), (("rev", 1000), ("assets", 5000)), (("rev", 100), ("assets", 2000))
    ),
    Sector.PROPERTY_MANAGEMENT: Rule(
        (("emp", 1000), ("rev", 5000)), (("emp", 300), ("rev", 1000)), (("emp", 100), ("rev", 500))
    ),
    Sector.LEASING_BUSINESS: Rule(
        (("emp", 300), ("assets", 120000)), (("emp", 100), ("assets", 8000)), (("emp", 10), ("assets", 100))
    ),
    Sector.OTHER: Rule((("emp", 300),), (("emp", 100),), (("emp", 10),)),
}

# The sector each GB/T 4754 section falls in when it is not split by division.
SECTION_SECTORS = {
    "A": Sector.AGRICULTURE,
    "B": Sector.INDUSTRY,
    "C": Sector.INDUSTRY,
    "D": Sector.INDUSTRY,
    "E": Sector.CONSTRUCTION,
    "J": Sector.FINANCE,
    "L": Sector.LEASING_BUSINESS,
    "M": Sector.OTHER,
    "N": Sector.OTHER,
    "O": Sector.OTHER,
    "P": Sector.OTHER,
    "Q": Sector.OTHER,
    "R": Sector.OTHER,
    "K": Sector.OTHER,
}

# Sections split by division: the choices offered for each, as (division key, sector).
DIVISION_SECTORS: dict[str, tuple[tuple[str, Sector], ...]] = {
    "F": (("F51", Sector.WHOLESALE), ("F52", Sector.RETAIL)),
    "G": (("G53-58", Sector.TRANSPORT), ("G59", Sector.WAREHOUSING), ("G60", Sector.POSTAL)),
    "H": (("H61", Sector.ACCOMMODATION), ("H62", Sector.CATERING)),
    "I": (("I63-64", Sector.TELECOM), ("I65", Sector.SOFTWARE)),
    "K": (("K7010", Sector.REAL_ESTATE_DEVELOPMENT), ("K7020", Sector.PROPERTY_MANAGEMENT), ("K-other", Sector.OTHER)),
}


def sector_for(section: str, division: str | None = None) -> Sector | None:
    """Return the rule row for an industry section (and division where the rules split it)."""
    if section in ("S", "T"):
        return None
    if section in DIVISION_SECTORS and section != "K":
        return dict(DIVISION_SECTORS[section]).get(division or "")
    if section == "K":
        return dict(DIVISION_SECTORS["K"]).get(division or "", Sector.OTHER)
    return SECTION_SECTORS.get(section)


def _meets_all(thresholds, measures: dict[str, int | None]) -> bool:
    return all((measures.get(m) or 0) >= value for m, value in thresholds)


def _below_any(thresholds, measures: dict[str, int | None]) -> bool:
    return any(measures.get(m) is not None and measures[m] < value for m, value in thresholds)


def required_measures(sector: Sector) -> set[str]:
    """Return which figures (emp, rev, assets) the rules need for `sector`."""
    rule = RULES.get(sector)
    if rule is None:
        return set()
    return {m for group in (rule.ceiling, rule.medium, rule.small) for m, _ in group}


def classify(
    section: str, division: str | None, employees: int | None, revenue: int | None, assets: int | None = None
) -> Outcome:
    """Classify a company: medium, small or micro SME, or large, or needing the operator (finance)."""
    if section in ("S", "T"):
        return Outcome.NOT_ENTERPRISE
    sector = sector_for(section, division)
    if sector is Sector.FINANCE:
        return Outcome.MANUAL
    if sector is None:
        raise ValueError(f"section {section} needs a division")
    rule = RULES[sector]
    measures = {"emp": employees, "rev": revenue, "assets": assets}
    if not _below_any(rule.ceiling, measures):
        return Outcome.LARGE
    if _meets_all(rule.medium, measures):
        return Outcome.MEDIUM
    if _meets_all(rule.small, measures):
        return Outcome.SMALL
    return Outcome.MICRO
