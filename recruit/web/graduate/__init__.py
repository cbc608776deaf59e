from recruit.web.graduate.routes import bp

__all__ = ["bp"]
