from recruit.web.admin import fairs, matching, reports, subsidies, universities  # noqa: F401  (register their routes)
from recruit.web.admin.routes import bp

__all__ = ["bp"]
