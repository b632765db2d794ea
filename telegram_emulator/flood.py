"""Telegram's flood control on demand: the next N sends answer 429 with a retry_after (tests set it)."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import too_many_requests


@dataclass
class FloodControl:
    sends_refused: int = 0
    retry_after_s: int = 1

    def refuse_next(self, sends: int, retry_after_s: int) -> None:
        self.sends_refused, self.retry_after_s = sends, retry_after_s

    def check(self) -> None:
        """Raise the 429 for this send while refusals are left."""
        if self.sends_refused > 0:
            self.sends_refused -= 1
            raise too_many_requests(self.retry_after_s)
