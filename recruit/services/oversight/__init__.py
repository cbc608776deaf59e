"""Oversight: the audit log and the listings the operator browses."""
