"""The login form's CSRF token: issued and signed by this console, so a made-up cookie and field pair fails.

A token is `<issued unix time>.<random>.<HMAC-SHA256 of both>`; the login form sends it in a hidden field and
a cookie (double submit) and the console accepts it only if both match, the signature is its own, and the
token is younger than `max_age_s`. The key is random per console process: a restart only makes an open login
form ask for a reload.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

DEFAULT_MAX_AGE_S = 3600


class LoginCsrf:
    """Issues and checks login-form tokens with a key that never leaves the process."""

    def __init__(self, *, max_age_s: int = DEFAULT_MAX_AGE_S, key: bytes | None = None) -> None:
        self.max_age_s = max_age_s
        self._key = key if key is not None else secrets.token_bytes(32)

    def _signature(self, payload: str) -> str:
        return hmac.new(self._key, payload.encode("ascii"), hashlib.sha256).hexdigest()

    def issue(self) -> str:
        payload = f"{int(time.time())}.{secrets.token_urlsafe(24)}"
        return f"{payload}.{self._signature(payload)}"

    def accepts(self, field: str, cookie: str) -> bool:
        """True if the form's field and cookie carry the same unexpired token that this console signed."""
        if not field or not hmac.compare_digest(field.encode(), cookie.encode()):
            return False
        payload, _, signature = field.rpartition(".")
        issued, _, _ = payload.partition(".")
        expected = self._signature(payload) if payload.isascii() else ""
        if not expected or not hmac.compare_digest(signature.encode(), expected.encode()):
            return False
        return issued.isdigit() and 0 <= time.time() - int(issued) <= self.max_age_s
