from recruit.web.employer.routes import bp

__all__ = ["bp"]
