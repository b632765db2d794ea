"""The console's two cookies, their names and flags, set and cleared alike.

Over HTTPS (`admin_cookie_secure`, the default) the names carry the `__Host-` prefix, which browsers only
accept from a secure origin with `Path=/` and no `Domain`: no sibling host or plain-HTTP page can plant or
overwrite them. Plain-HTTP development drops the prefix, since browsers refuse it there. Every cookie,
including the empty one that clears it at logout, is HttpOnly, SameSite=Strict and (over HTTPS) Secure.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Response

SECURE_PREFIX = "__Host-"
SESSION = "bcdbot_admin"
LOGIN_CSRF = "bcdbot_login_csrf"


@dataclass(frozen=True)
class Cookies:
    """Names and flags of the session and login-form cookies, for one setting of `admin_cookie_secure`."""

    secure: bool

    def _name(self, base: str) -> str:
        return SECURE_PREFIX + base if self.secure else base

    @property
    def session(self) -> str:
        return self._name(SESSION)

    @property
    def login_csrf(self) -> str:
        return self._name(LOGIN_CSRF)

    def set(self, response: Response, name: str, value: str, *, max_age_s: int) -> None:
        response.set_cookie(
            name, value, max_age=max_age_s, path="/", httponly=True, secure=self.secure, samesite="strict"
        )

    def clear(self, response: Response, name: str) -> None:
        response.delete_cookie(name, path="/", httponly=True, secure=self.secure, samesite="strict")
