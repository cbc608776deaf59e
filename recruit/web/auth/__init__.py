from recruit.web.auth import email_links, password_reset  # noqa: F401  (they register their routes on the blueprint)
from recruit.web.auth.routes import bp

__all__ = ["bp"]
