from recruit.web.graduate import outcomes  # noqa: F401  (registers its routes on the blueprint)
from recruit.web.graduate.routes import bp

__all__ = ["bp"]
