"""The worker process: one APScheduler, guarded by a database lease."""
