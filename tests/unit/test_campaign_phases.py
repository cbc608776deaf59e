from datetime import date

from recruit.services.campaign.campaigns import default_phases


def test_default_phases_cover_the_hundred_days_without_gaps():
    start = date(2026, 4, 1)
    phases = default_phases(start)
    assert [p.name for p in phases] == ["launch", "matching", "sprint", "wrap-up"]
    assert [(p.starts_on - start).days + 1 for p in phases] == [1, 11, 71, 96]
    assert [(p.ends_on - start).days + 1 for p in phases] == [10, 70, 95, 100]
    for before, after in zip(phases, phases[1:], strict=False):
        assert (after.starts_on - before.ends_on).days == 1
