"""Files for running recruit in production: the gunicorn configuration (systemd units are in docs/deploy/)."""
