import pytest

from recruit.reference.sme_size import Outcome, classify


@pytest.mark.parametrize(
    ("section", "division", "employees", "revenue", "assets", "expected"),
    [
        # industry (B, C, D): medium when emp >= 300 and rev >= 2,000; ceiling emp < 1,000 or rev < 40,000
        ("C", None, 300, 2000, None, Outcome.MEDIUM),
        ("C", None, 299, 50000, None, Outcome.SMALL),  # big revenue but under 1,000 staff: still an SME
        ("C", None, 20, 300, None, Outcome.SMALL),
        ("C", None, 19, 300, None, Outcome.MICRO),
        ("C", None, 1000, 40000, None, Outcome.LARGE),
        # software: medium emp >= 100 and rev >= 1,000; small emp >= 10 and rev >= 50
        ("I", "I65", 100, 1000, None, Outcome.MEDIUM),
        ("I", "I65", 10, 50, None, Outcome.SMALL),
        ("I", "I65", 9, 5000, None, Outcome.MICRO),
        ("I", "I65", 300, 10000, None, Outcome.LARGE),
        # retail vs wholesale differ within section F
        ("F", "F52", 50, 500, None, Outcome.MEDIUM),
        ("F", "F51", 50, 500, None, Outcome.MICRO),
        # construction uses revenue and assets
        ("E", None, None, 6000, 5000, Outcome.MEDIUM),
        ("E", None, None, 80000, 80000, Outcome.LARGE),
        # agriculture: revenue only
        ("A", None, None, 49, None, Outcome.MICRO),
        ("A", None, None, 20000, None, Outcome.LARGE),
        # other industries: employees only
        ("M", None, 100, None, None, Outcome.MEDIUM),
        ("M", None, 300, None, None, Outcome.LARGE),
        # finance needs the operator; public administration is not an enterprise
        ("J", None, 50, 100, None, Outcome.MANUAL),
        ("S", None, 50, 100, None, Outcome.NOT_ENTERPRISE),
    ],
)
def test_size_classes_follow_the_2011_rules(section, division, employees, revenue, assets, expected):
    assert classify(section, division, employees, revenue, assets) is expected


def test_a_split_section_needs_its_division():
    with pytest.raises(ValueError):
        classify("F", None, 10, 10)
