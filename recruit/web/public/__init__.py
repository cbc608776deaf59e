from recruit.web.public import fairs  # noqa: F401  (registers its routes on the blueprint)
from recruit.web.public.routes import bp

__all__ = ["bp"]
