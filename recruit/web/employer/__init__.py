from recruit.web.employer import fairs, outcomes  # noqa: F401  (register their routes on the blueprint)
from recruit.web.employer.routes import bp

__all__ = ["bp"]
