from recruit.web.admin import fairs, subsidies, universities  # noqa: F401  (register their routes on the blueprint)
from recruit.web.admin.routes import bp

__all__ = ["bp"]
