"""Privacy end to end: a full conversation with a DICOM carrying a patient name leaves no Telegram id, name
or message text in any log line; the stored DICOM is de-identified; a JPEG sent as a file is stored without
its EXIF GPS position; /delete leaves no row and no file."""

from __future__ import annotations

import io
import time
from pathlib import Path

import numpy as np
import pydicom
import pytest
from PIL import Image
from sqlalchemy import text

from bcdbot.processes import ManagedProcess
from bcdbot.stack import StackConfig
from imaging import clean_upload
from store import Store, create_database_engine, pseudonymise, session_factory
from tests.chat import ChatUser
from tests.conftest import TEST_PSEUDONYM_SECRET
from tests.dicom_factory import dicom_from_png
from tests.photo_metadata import GPS_IFD, phone_jpeg, planted_strings
from tests.shared_data import MINI_MIAS_IMAGES

pytestmark = pytest.mark.integration

PATIENT_NAME = "Quarrington^Philippa"
SECRET_TEXT = "I found a lump in my right breast while on holiday in Aberystwyth"
EMULATOR_LOGS = {"emulator"}  # Telegram's side of the wire, not ours


def our_log_lines(stack: StackConfig) -> list[tuple[str, str]]:
    lines = []
    for log in sorted((stack.var_dir / "logs").glob("*.log")):
        if log.stem not in EMULATOR_LOGS:
            lines += [(log.name, line) for line in log.read_text(errors="replace").splitlines()]
    return lines


def test_no_phi_in_logs_deidentified_storage_and_erasure(
    emulator_url: str, bot: ManagedProcess, stack: StackConfig
) -> None:
    person = ChatUser(emulator_url)
    person.consent()
    person.send_text(SECRET_TEXT)
    person.next_replies()
    person.send_document(
        dicom_from_png(MINI_MIAS_IMAGES / "mdb001.png", patient_name=PATIENT_NAME),
        "Philippa.dcm",
        "application/dicom",
    )
    assert "probability" in person.one_reply()

    pseudonym = pseudonymise(person.user_id, secret=TEST_PSEUDONYM_SECRET.encode())
    engine = create_database_engine(stack.database_url)
    store = Store(session_factory(engine), image_dir=stack.var_dir / "images")
    uploads = [image for image in store.images_of(pseudonym=pseudonym) if image.purpose == "upload"]
    assert len(uploads) == 1 and uploads[0].deidentified
    stored = store.image_bytes(uploads[0])
    dataset = pydicom.dcmread(io.BytesIO(stored))
    assert (
        dataset.PatientIdentityRemoved == "YES" and b"Quarrington" not in stored and b"Philippa" not in stored
    )
    files = {image.file_name for image in store.images_of(pseudonym=pseudonym)}
    assert all(name and "Philippa" not in name for name in files)

    forbidden = [str(person.user_id), "Quarrington", "Philippa", SECRET_TEXT, "Aberystwyth", pseudonym]
    for log_name, line in our_log_lines(stack):
        for value in forbidden:
            assert value not in line, f"{log_name}: {line}"

    person.send_text("/delete")
    confirm = person.next_message()
    person.press(confirm, "delete:yes")
    person.next_message()
    with engine.connect() as connection:
        assert (
            connection.execute(
                text("SELECT COUNT(*) FROM users WHERE pseudonym = :p"), {"p": pseudonym}
            ).scalar_one()
            == 0
        )
        known_files = set(connection.execute(text("SELECT file_name FROM images")).scalars())
    left = {path.name for path in (stack.var_dir / "images").iterdir()}
    assert not files & left and left == known_files
    database = Path(stack.database_url.removeprefix("sqlite:///"))
    for path in database.parent.glob(database.name + "*"):
        assert pseudonym.encode() not in path.read_bytes(), path.name  # secure_delete + WAL checkpoint
    engine.dispose()
    person.close()


def test_a_jpeg_document_is_analysed_and_stored_without_its_gps_position(
    emulator_url: str, bot: ManagedProcess, stack: StackConfig
) -> None:
    with Image.open(MINI_MIAS_IMAGES / "mdb001.png") as mammogram:
        photo = phone_jpeg(mammogram.convert("L"))  # EXIF with GPS, camera and owner, XMP, IPTC, a comment
    person = ChatUser(emulator_url)
    person.consent()
    person.send_document(photo, "IMG_2041.jpg", "image/jpeg")  # a file: Telegram would pass the EXIF on
    assert "probability" in person.one_reply()

    pseudonym = pseudonymise(person.user_id, secret=TEST_PSEUDONYM_SECRET.encode())
    engine = create_database_engine(stack.database_url)
    store = Store(session_factory(engine), image_dir=stack.var_dir / "images")
    (upload,) = [image for image in store.images_of(pseudonym=pseudonym) if image.purpose == "upload"]
    stored = store.image_bytes(upload)
    assert upload.media_type == "image/jpeg"
    for planted in planted_strings("jpeg"):
        assert planted not in stored, planted
    with Image.open(io.BytesIO(stored)) as kept, Image.open(io.BytesIO(photo)) as sent:
        assert sent.getexif().get_ifd(GPS_IFD) and not kept.getexif().get_ifd(GPS_IFD)
        assert not dict(kept.getexif())
        assert np.array_equal(np.asarray(kept), np.asarray(sent))  # the pixels themselves are untouched
    engine.dispose()
    person.close()


def test_the_maintenance_beat_purges_expired_messages_and_images(
    stack: StackConfig, redis_url: str, tmp_path: Path
) -> None:
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import update

    from bcdbot.stack import maintenance_process
    from store import create_schema
    from store.models import Message, StoredImage
    from tests.admin_seed import png

    url = f"sqlite:///{tmp_path / 'retention.sqlite3'}"
    engine = create_database_engine(url)
    create_schema(engine)
    store = Store(session_factory(engine), image_dir=tmp_path / "images")
    store.record_message(pseudonym="r" * 64, direction="in", kind="text", text="old")
    store.save_upload(pseudonym="r" * 64, task_id="old", upload=clean_upload(png((1, 1, 1)), seed="s"))
    with store.sessions.begin() as session:
        for model in (Message, StoredImage):
            session.execute(update(model).values(created_at=datetime.now(UTC) - timedelta(days=3)))
    env = {
        "BCDBOT_DATABASE_URL": url,
        "BCDBOT_IMAGE_DIR": str(tmp_path / "images"),
        "BCDBOT_RETENTION_DAYS": "2",
        "BCDBOT_RETENTION_CHECK_S": "1",
    }
    process = maintenance_process(stack, env=env).start().wait_ready(120)
    try:
        deadline = time.monotonic() + 60
        while store.messages_of(pseudonym="r" * 64) and time.monotonic() < deadline:
            time.sleep(0.5)
    finally:
        process.stop()
    assert store.messages_of(pseudonym="r" * 64) == []
    assert store.images_of(pseudonym="r" * 64) == [] and list((tmp_path / "images").iterdir()) == []
    engine.dispose()
