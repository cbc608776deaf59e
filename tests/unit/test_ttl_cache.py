from recruit.ttl_cache import TTLCache


class Timer:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_entries_expire_and_the_least_recently_used_goes_first():
    timer = Timer()
    cache = TTLCache(size=2, seconds=30, timer=timer)
    calls = []

    def compute(value):
        calls.append(value)
        return value

    assert cache.get_or_compute("a", lambda: compute(1)) == 1
    assert cache.get_or_compute("a", lambda: compute(2)) == 1  # cached
    timer.now = 31
    assert cache.get_or_compute("a", lambda: compute(3)) == 3  # expired
    cache.get_or_compute("b", lambda: compute(4))
    cache.get_or_compute("a", lambda: compute(5))  # touch a
    cache.get_or_compute("c", lambda: compute(6))  # evicts b
    assert cache.get_or_compute("b", lambda: compute(7)) == 7
    assert calls == [1, 3, 4, 6, 7]
    assert (cache.hits, cache.misses) == (2, 5)


def test_zero_seconds_turns_it_off():
    cache = TTLCache(size=10, seconds=0)
    values = iter(range(10))
    assert [cache.get_or_compute("k", lambda: next(values)) for _ in range(3)] == [0, 1, 2]
