"""Benchmarks: `python -m bench.<name>`; each prints one JSON object per figure and never fails on time."""
