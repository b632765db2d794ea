"""Pseudonymous user ids: an HMAC of the Telegram id, so the raw id is never stored."""

from __future__ import annotations

import hashlib
import hmac


def pseudonymise(telegram_id: int, *, secret: bytes) -> str:
    """Return the stable pseudonym (hex HMAC-SHA256) of a Telegram user or chat id."""
    return hmac.new(secret, str(telegram_id).encode("ascii"), hashlib.sha256).hexdigest()
