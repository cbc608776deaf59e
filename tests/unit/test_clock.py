from datetime import UTC, date, datetime, timedelta

import pytest

from recruit import clock
from recruit.config import DEFAULT_TIMEZONE


def test_the_clock_can_be_frozen_and_moved():
    moment = datetime(2026, 4, 1, 1, 0, tzinfo=UTC)
    clock.set_now(moment)
    assert clock.now() == moment
    clock.advance(timedelta(days=99))
    assert clock.now() == moment + timedelta(days=99)
    clock.reset()
    assert abs(clock.now() - datetime.now(UTC)) < timedelta(seconds=5)


def test_today_is_the_date_in_the_configured_time_zone():
    # 17:00 UTC on 31 March is already 1 April in Asia/Shanghai.
    with clock.frozen_at(datetime(2026, 3, 31, 17, 0, tzinfo=UTC)):
        assert clock.today() == date(2026, 4, 1)
        clock.configure("UTC")
        try:
            assert clock.today() == date(2026, 3, 31)
        finally:
            clock.configure(DEFAULT_TIMEZONE)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError):
        clock.set_now(datetime(2026, 4, 1))
