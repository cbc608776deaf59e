from recruit.web.devmail.routes import bp

__all__ = ["bp"]
