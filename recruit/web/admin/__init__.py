from recruit.web.admin.routes import bp

__all__ = ["bp"]
