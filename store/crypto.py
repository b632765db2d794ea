"""Encryption at rest: message texts, notes and image bytes, with Fernet keys that can be rotated.

Keys are Fernet keys (32 url-safe base64 bytes). The first key encrypts; every key decrypts, so a new key is
put first, `bcdbot db rotate-keys` re-encrypts every stored value and file with it, and the old key is then
removed from the settings.

The cipher lives on the engine's dialect (one per engine), so the `EncryptedText` column type encrypts on
write and decrypts on read without the bot or the admin knowing: the bot keeps calling the same `Store`
methods and never sees a ciphertext.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import Dialect, Engine, Text
from sqlalchemy.types import TypeDecorator

DEVELOPMENT_ENCRYPTION_KEY = base64.urlsafe_b64encode(b"development-only-encryption-key!").decode("ascii")
_DIALECT_ATTRIBUTE = "bcdbot_cipher"


class EncryptionKeyError(ValueError):
    """A key is not a Fernet key, or no key is configured."""


class Cipher:
    """Fernet with several keys: `keys[0]` encrypts, all of them decrypt."""

    def __init__(self, keys: Sequence[str]) -> None:
        if not keys:
            raise EncryptionKeyError("Set BCDBOT_ENCRYPTION_KEYS to at least one Fernet key.")
        try:
            fernets = [Fernet(key.strip().encode("ascii")) for key in keys]
        except (ValueError, TypeError) as exc:
            raise EncryptionKeyError(
                "An encryption key is not a Fernet key: make one with "
                '`python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"`.'
            ) from exc
        self._primary = fernets[0]
        self._all = MultiFernet(fernets)

    def encrypt(self, data: bytes) -> bytes:
        return self._primary.encrypt(data)

    def decrypt(self, token: bytes) -> bytes:
        return self._all.decrypt(token)

    def rotate(self, token: bytes) -> bytes:
        """The same plaintext, encrypted with the primary key."""
        return self._all.rotate(token)

    def is_current(self, token: bytes) -> bool:
        """Whether the primary key decrypts `token` (nothing to rotate)."""
        try:
            self._primary.decrypt(token)
        except InvalidToken:
            return False
        return True


def cipher_from_setting(value: str) -> Cipher:
    """A cipher from the comma-separated keys of `BCDBOT_ENCRYPTION_KEYS`."""
    return Cipher([key for key in value.split(",") if key.strip()])


def attach_cipher(engine: Engine, cipher: Cipher) -> None:
    setattr(engine.dialect, _DIALECT_ATTRIBUTE, cipher)


def cipher_of(dialect: Dialect) -> Cipher:
    cipher = getattr(dialect, _DIALECT_ATTRIBUTE, None)
    if not isinstance(cipher, Cipher):
        raise EncryptionKeyError("This engine has no cipher: create it with store.create_database_engine.")
    return cipher


class EncryptedText(TypeDecorator[str]):
    """Text stored as a Fernet token (ASCII); plaintext never reaches the database."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return cipher_of(dialect).encrypt(str(value).encode("utf-8")).decode("ascii")

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return cipher_of(dialect).decrypt(str(value).encode("ascii")).decode("utf-8")
