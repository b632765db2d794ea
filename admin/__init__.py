"""The admin console: FastAPI + Jinja2, server-rendered, for admins and clinicians (`bcdbot admin`).
Imports settings, clinical, store, and the detector's reader to show a DICOM image."""

from admin.app import create_app

__all__ = ["create_app"]
