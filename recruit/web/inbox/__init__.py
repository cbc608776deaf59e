from recruit.web.inbox.routes import bp

__all__ = ["bp"]
