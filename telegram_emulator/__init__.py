"""A local Telegram Bot API emulator for tests, benchmarks and demos (not Telegram). Imports nothing of
this project."""

from .app import create_app
from .state import EmulatorState

__all__ = ["EmulatorState", "create_app"]
