from recruit.web.conversations.routes import bp

__all__ = ["bp"]
