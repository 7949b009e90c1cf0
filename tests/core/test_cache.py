"""Byte-budget caches: never over budget, least recently used evicted first, safe across threads."""

from __future__ import annotations

import threading

import pytest

from cnnstudio.core.cache import ByteBudgetCache, budgets, configure


def make(budget: int, name: str = "test") -> ByteBudgetCache[str, bytes]:
    return ByteBudgetCache(name, budget, len)


def test_the_least_recently_used_entry_goes_first_and_the_total_stays_within_budget():
    cache = make(10)
    cache.put("a", b"aaaa")
    cache.put("b", b"bbbb")
    assert cache.get("a") == b"aaaa"  # a is now the most recently used
    cache.put("c", b"cccc")
    assert "b" not in cache and "a" in cache and "c" in cache
    assert cache.nbytes == 8 <= cache.budget


def test_an_entry_larger_than_the_whole_budget_is_not_kept():
    cache = make(10)
    cache.put("small", b"12")
    assert cache.put("huge", b"x" * 11) is False
    assert "huge" not in cache and cache.get("small") == b"12" and cache.nbytes == 2


def test_replacing_a_key_counts_its_size_once():
    cache = make(10)
    cache.put("a", b"12345678")
    cache.put("a", b"123")
    assert cache.nbytes == 3 and len(cache) == 1


def test_lowering_the_budget_evicts_at_once_and_configure_sets_it_by_name():
    cache = make(100, name="test-configure")
    for key in "abcd":
        cache.put(key, b"x" * 20)
    configure(**{"test-configure": 50 / 2**20})
    assert cache.budget == 50 and cache.nbytes == 40 and "a" not in cache and "b" not in cache
    assert budgets()["test-configure"] == 50
    with pytest.raises(KeyError, match="no cache named"):
        configure(nonexistent=1)


def test_concurrent_puts_never_exceed_the_budget():
    cache = make(1000, name="test-threads")

    def worker(offset: int) -> None:
        for i in range(500):
            cache.put(f"{offset}-{i}", b"x" * (1 + (i * 7 + offset) % 90))
            assert cache.nbytes <= 1000

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert 0 < cache.nbytes <= 1000
