from recruit.web.public.routes import bp

__all__ = ["bp"]
