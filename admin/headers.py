"""The security headers every console response carries, error pages (500 included) too.

TLS ends at the reverse proxy in front of the console (README, "Deployment"). With `admin_cookie_secure`
(the default: the console is served over HTTPS) it also sends HSTS for a year; browsers ignore the header
on plain HTTP, and it names no subdomains, which are not the console's to decide.
"""

from __future__ import annotations

from fastapi import Response

from settings import Settings

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",  # pages hold health data: never in a shared or back-button cache
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
HSTS = "max-age=31536000"


def security_headers(settings: Settings) -> dict[str, str]:
    """The headers for this console's settings."""
    if settings.admin_cookie_secure:
        return {**SECURITY_HEADERS, "Strict-Transport-Security": HSTS}
    return dict(SECURITY_HEADERS)


def add_security_headers(response: Response, headers: dict[str, str]) -> Response:
    for name, value in headers.items():
        response.headers.setdefault(name, value)
    return response
