from recruit.web.career import agreements, colleagues, graduates, nudges  # noqa: F401  (register their routes on the blueprint)
from recruit.web.career.routes import bp

__all__ = ["bp"]
