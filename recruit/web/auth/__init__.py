from recruit.web.auth import email_links, password_reset, two_factor_pages  # noqa: F401  (they register routes on the blueprint)
from recruit.web.auth.routes import bp

__all__ = ["bp"]
