"""What a staff password and username must be.

| a password must be                                                 | refused, for example          |
| ------------------------------------------------------------------ | ----------------------------- |
| `MIN_PASSWORD_LENGTH` to `MAX_PASSWORD_LENGTH` characters            | `short`                       |
| more than whitespace                                               | twelve spaces                 |
| `MIN_DISTINCT_CHARACTERS` or more different characters               | `aaaaaaaaaaaa`, `abababababab` |
| no straight run of digits, letters or keyboard keys                | `123456789012`, `qwertyuiopas` |
| no common password, ignoring case, spaces and trailing digits/symbols | `password1234`, `Passw0rd!!!!` |
| free of the username                                               | `alice-is-admin` for alice    |

The common passwords are the 20,000 of `common_passwords.txt.gz` (see `common_passwords.LICENSE`).
A username is 1-64 ASCII letters, digits, `.`, `_` or `-`: no look-alike letters from other scripts.
"""

from __future__ import annotations

import gzip
import re
from functools import cache
from pathlib import Path

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1000
MIN_DISTINCT_CHARACTERS = 5
COMMON_PASSWORDS = Path(__file__).resolve().parent / "common_passwords.txt.gz"
USERNAME_PATTERN = re.compile(r"[A-Za-z0-9._-]{1,64}")
USERNAME_RULE = "a username is 1-64 ASCII letters, digits, '.', '_' or '-'"
# Cycles a lazy password walks along; each is repeated so that runs may wrap around.
_RUNS = ("0123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm", "1qaz2wsx3edc4rfv5tgb6yhn")
_TRAILING_DIGITS_AND_SYMBOLS = re.compile(r"[\W\d_]+$")


@cache
def common_passwords() -> frozenset[str]:
    with gzip.open(COMMON_PASSWORDS, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines if line.strip())


def _is_run(text: str) -> bool:
    for cycle in _RUNS:
        repeated = cycle * (len(text) // len(cycle) + 2)
        if text in repeated or text in repeated[::-1]:
            return True
    return False


def _is_common(password: str) -> bool:
    folded = "".join(password.lower().split())
    stem = _TRAILING_DIGITS_AND_SYMBOLS.sub("", folded)
    known = common_passwords()
    return folded in known or (len(stem) >= 4 and stem in known)


def password_problem(password: str, *, username: str = "") -> str | None:
    """Why `password` is refused, as a sentence for the person choosing it; None when it is fine."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"A password needs at least {MIN_PASSWORD_LENGTH} characters."
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"A password has at most {MAX_PASSWORD_LENGTH} characters."
    if not password.strip():
        return "A password cannot be only spaces."
    if len(set(password.lower())) < MIN_DISTINCT_CHARACTERS:
        return f"A password needs at least {MIN_DISTINCT_CHARACTERS} different characters."
    if _is_run(password.lower()):
        return "A password cannot be a run of keys or letters (like 123456789012 or qwertyuiop)."
    if _is_common(password):
        return "That password is on the list of common passwords: choose another."
    if len(username) >= 3 and username.lower() in password.lower():
        return "A password cannot contain the username."
    return None


def username_problem(username: str) -> str | None:
    """Why `username` is refused; None when it is fine."""
    return None if USERNAME_PATTERN.fullmatch(username) else USERNAME_RULE.capitalize() + "."
