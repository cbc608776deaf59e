from recruit.web.admin import universities  # noqa: F401  (registers its routes on the blueprint)
from recruit.web.admin.routes import bp

__all__ = ["bp"]
