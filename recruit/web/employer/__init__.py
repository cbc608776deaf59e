from recruit.web.employer import outcomes  # noqa: F401  (registers its routes on the blueprint)
from recruit.web.employer.routes import bp

__all__ = ["bp"]
