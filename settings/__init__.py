"""Process settings and logging setup, at the bottom: every package may import it; it imports none of them."""

from settings.log_config import configure_logging
from settings.service_settings import Settings, get_settings

__all__ = ["Settings", "configure_logging", "get_settings"]
