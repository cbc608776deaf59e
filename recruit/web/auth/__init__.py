from recruit.web.auth import password_reset  # noqa: F401  (registers its routes on the blueprint)
from recruit.web.auth.routes import bp

__all__ = ["bp"]
