"""A short mutation-fuzz run over the readers: nothing but the typed ImageError may escape.

The long run (>= 100,000 inputs) is by hand: `python bench/fuzz_readers.py --count 100000`.
"""

from __future__ import annotations

import warnings

from bench.fuzz_readers import fuzz, mutate, run_one, seeds


def test_seeds_are_readable() -> None:
    corpus = seeds()
    assert len(corpus) >= 8
    assert all(run_one(data) is None for data in corpus)


def test_short_fuzz_run_only_raises_typed_errors() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        outcome = fuzz(1500, seed=20261126)
    assert outcome.count == 1500
    assert outcome.escaped == [], outcome.escaped[:3]
    assert outcome.accepted > 0 and sum(outcome.refused.values()) > 0


def test_mutations_change_the_bytes() -> None:
    import random

    corpus = seeds()
    rng = random.Random(0)
    changed = sum(mutate(corpus[0], rng, corpus)[0] != corpus[0] for _ in range(50))
    assert changed >= 45
