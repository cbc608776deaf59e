from recruit.web.auth.routes import bp

__all__ = ["bp"]
