"""Business rules: plain functions that take the session and clock they need, never a request."""
