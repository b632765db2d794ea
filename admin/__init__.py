"""The admin console: FastAPI + Jinja2, server-rendered, for admins and clinicians (`bcdbot admin`)."""

from admin.app import create_app

__all__ = ["create_app"]
