"""Benchmarks, run by hand (never timed in CI): each prints ratios against a baseline from the same run."""
