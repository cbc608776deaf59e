"""Deterministic, realistic seed data: `recruit seed` and the demo campaign."""
