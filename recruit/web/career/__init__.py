from recruit.web.career.routes import bp

__all__ = ["bp"]
