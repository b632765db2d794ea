"""The README's backup restores: `pg_dump -Fc` of the database and a tar of the encrypted image folder,
restored with `pg_restore` into a fresh PostgreSQL server and another folder, read back decrypted with the
same keys. Real servers (Debian's PostgreSQL), not a copy of the database file."""

from __future__ import annotations

import subprocess
import tarfile
from pathlib import Path

import psycopg
from cryptography.fernet import Fernet

from imaging import clean_upload
from store import open_store
from tests.admin_seed import png
from tests.postgres_server import PostgresServer

PERSON = "b" * 64
TEXT = "a painful lump in my left breast for 3 weeks"


def dsn(server: PostgresServer, database: str = "postgres") -> str:
    return f"postgresql://postgres@127.0.0.1:{server.port}/{database}"


def test_a_dump_and_the_image_folder_restore_into_a_fresh_server(tmp_path: Path) -> None:
    keys = [Fernet.generate_key().decode()]
    image = clean_upload(png((10, 20, 30)), seed="s")
    first, fresh = PostgresServer().start(), PostgresServer().start()
    try:
        store = open_store(database_url=first.url(), encryption_keys=keys, image_dir=tmp_path / "images")
        store.record_consent(pseudonym=PERSON, granted=True)
        store.record_message(pseudonym=PERSON, direction="in", kind="text", text=TEXT)
        store.record_analysis_queued(pseudonym=PERSON, task_id="task-1")
        store.save_upload(pseudonym=PERSON, task_id="task-1", upload=image)

        dump = tmp_path / "bcdbot.dump"
        with dump.open("wb") as out:
            subprocess.run([str(first.bindir / "pg_dump"), "-Fc", dsn(first)], stdout=out, check=True)
        with tarfile.open(tmp_path / "images.tar.gz", "w:gz") as archive:
            archive.add(tmp_path / "images", arcname=".")
        first.stop()

        # --clean --if-exists: the target database may be empty (a fresh server) or hold an older copy.
        restore = [str(fresh.bindir / "pg_restore"), "--clean", "--if-exists", "-d", dsn(fresh), str(dump)]
        subprocess.run(restore, check=True, capture_output=True)
        with tarfile.open(tmp_path / "images.tar.gz") as archive:
            archive.extractall(tmp_path / "restored-images", filter="data")
        restored = open_store(
            database_url=fresh.url(), encryption_keys=keys, image_dir=tmp_path / "restored-images"
        )
        assert [message.text for message in restored.messages_of(pseudonym=PERSON)] == [TEXT]
        assert restored.consent_of(pseudonym=PERSON) is True
        (kept,) = restored.images_of(pseudonym=PERSON)
        assert restored.image_bytes(kept) == image.data
        with psycopg.connect(dsn(fresh)) as connection:  # encrypted at rest in the restored copy too
            (stored,) = connection.execute("SELECT text FROM messages").fetchone() or ("",)
        assert TEXT not in str(stored)
    finally:
        first.stop()
        fresh.stop()
