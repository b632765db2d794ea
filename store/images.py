"""Image bytes at rest: always encrypted, kept in a folder (random file names) or in the `images` table.

A file name is 32 random hex characters: never the upload's name, the person's pseudonym or anything derived
from the image, so a directory listing says nothing about anyone.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterable
from pathlib import Path

from store.crypto import Cipher
from store.models import StoredImage

FILE_SUFFIX = ".bin"


class ImageVault:
    """Writes, reads and removes image bytes; `directory=None` keeps them in the database row."""

    def __init__(self, cipher: Cipher, directory: Path | None) -> None:
        self._cipher = cipher
        self.directory = directory

    def put(self, image: StoredImage, data: bytes) -> None:
        """Encrypt `data` into a new file or into `image.data`."""
        token = self._cipher.encrypt(data)
        if self.directory is None:
            image.data = token
            return
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        name = secrets.token_hex(16) + FILE_SUFFIX
        self._write(self.directory / name, token)
        image.file_name = name

    def read(self, image: StoredImage) -> bytes:
        if image.file_name is not None:
            if self.directory is None:
                raise FileNotFoundError("image kept as a file but no image folder is configured")
            return self._cipher.decrypt((self.directory / image.file_name).read_bytes())
        if image.data is None:
            raise FileNotFoundError(f"image {image.id} has no bytes")
        return self._cipher.decrypt(image.data)

    def remove_files(self, file_names: Iterable[str | None]) -> None:
        """Delete the files (after the rows are gone); a missing file is fine."""
        if self.directory is None:
            return
        for name in file_names:
            if name:
                with contextlib.suppress(FileNotFoundError):
                    (self.directory / name).unlink()

    def rotate(self, image: StoredImage) -> bool:
        """Re-encrypt with the primary key; True when something changed."""
        if image.file_name is not None and self.directory is not None:
            path = self.directory / image.file_name
            token = path.read_bytes()
            if self._cipher.is_current(token):
                return False
            self._write(path, self._cipher.rotate(token))
            return True
        if image.data is not None and not self._cipher.is_current(image.data):
            image.data = self._cipher.rotate(image.data)
            return True
        return False

    def file_names(self) -> set[str]:
        if self.directory is None or not self.directory.is_dir():
            return set()
        return {path.name for path in self.directory.iterdir() if path.name.endswith(FILE_SUFFIX)}

    @staticmethod
    def _write(path: Path, token: bytes) -> None:
        temporary = path.with_suffix(".tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(token)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
