"""A real sentence and real images through emulator -> PTB bot -> Rasa / Redis -> Celery worker -> SQLite."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import create_engine, text

from bcdbot.processes import ManagedProcess
from bcdbot.stack import StackConfig
from store import Store, create_database_engine, pseudonymise, session_factory
from tests.chat import ChatUser
from tests.conftest import TEST_PSEUDONYM_SECRET
from tests.dicom_factory import dicom_from_png
from tests.shared_data import MINI_MIAS_IMAGES

pytestmark = pytest.mark.integration

MAMMOGRAM = MINI_MIAS_IMAGES / "mdb001.png"
PROBABILITY = re.compile(r"probability (0|1)\.\d\d")


@pytest.fixture
def chat(emulator_url: str, bot: ManagedProcess) -> Iterator[ChatUser]:
    user = ChatUser(emulator_url)
    user.consent()  # nothing is stored and no image is analysed before consent
    yield user
    user.close()


def assert_probability_reply(reply: str) -> None:
    """A result reply: the number, what it means (the band with next steps, or that the model is untrained),
    and the research-use disclaimer."""
    assert PROBABILITY.search(reply), reply
    assert "NOT trained" in reply or re.search(r"Suspicion: (LOW|INTERMEDIATE|HIGH)\. Next steps:", reply), (
        reply
    )
    assert "research tool, not a medical device" in reply


def test_symptom_sentence_gets_side_and_duration(chat: ChatUser) -> None:
    chat.send_text("I have had a painful lump in my left breast for 3 weeks")
    reply = chat.one_reply()
    assert "lump" in reply
    assert "left breast" in reply
    assert "3 weeks" in reply
    assert "within two weeks" in reply


def test_mammogram_photo_gets_one_reply_with_probability(chat: ChatUser) -> None:
    buffer = io.BytesIO()
    Image.open(MAMMOGRAM).save(buffer, format="JPEG", quality=90)
    chat.send_photo(buffer.getvalue())
    reply = chat.one_reply()
    assert_probability_reply(reply)
    assert "JPEG" in reply


def test_dicom_document_gets_one_reply_with_probability(chat: ChatUser) -> None:
    chat.send_document(dicom_from_png(MAMMOGRAM, bits=16), "mammogram.dcm", "application/dicom")
    reply = chat.one_reply()
    assert_probability_reply(reply)
    assert "DICOM" in reply


@pytest.mark.parametrize(
    ("data", "filename", "mime_type", "expected"),
    [
        (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "letter.pdf", "application/pdf", "PDF"),
        (b"my notes about the lump\n", "notes.txt", "text/plain", "DICOM"),
        (b"", "empty.png", "image/png", "empty"),
        (MAMMOGRAM.read_bytes()[:5000], "broken.png", "image/png", "damaged"),
    ],
    ids=["pdf", "text", "zero-bytes", "corrupt-png"],
)
def test_bad_files_get_one_clear_reply_and_the_worker_survives(
    chat: ChatUser, celery_worker: ManagedProcess, data: bytes, filename: str, mime_type: str, expected: str
) -> None:
    chat.send_document(data, filename, mime_type)
    reply = chat.one_reply()
    assert expected.lower() in reply.lower(), reply
    assert not PROBABILITY.search(reply)
    assert celery_worker.running
    chat.send_document(MAMMOGRAM.read_bytes(), "mdb001.png", "image/png")
    assert_probability_reply(chat.one_reply())


def test_store_holds_messages_under_the_pseudonym_only(chat: ChatUser, stack: StackConfig) -> None:
    chat.send_text("hello")
    chat.one_reply()
    chat.send_document(MAMMOGRAM.read_bytes(), "mdb001.png", "image/png")
    chat.one_reply()

    pseudonym = pseudonymise(chat.user_id, secret=TEST_PSEUDONYM_SECRET.encode())
    engine = create_engine(stack.database_url)
    with engine.connect() as connection:
        user_ids = (
            connection.execute(text("SELECT id FROM users WHERE pseudonym = :p"), {"p": pseudonym})
            .scalars()
            .all()
        )
        assert len(user_ids) == 1
        messages = connection.execute(
            text("SELECT direction, kind, text FROM messages WHERE user_id = :u ORDER BY id"),
            {"u": user_ids[0]},
        ).all()
        analyses = connection.execute(
            text("SELECT status, probability FROM analyses WHERE user_id = :u"), {"u": user_ids[0]}
        ).all()
    engine.dispose()
    # Recording starts with consent: /start and the button press came before it, the thanks after it.
    assert [(direction, kind) for direction, kind, _ in messages] == [
        ("out", "text"),
        ("in", "text"),
        ("out", "text"),
        ("in", "document"),
        ("out", "text"),
    ]
    assert messages[1][2].startswith("gAAAA")  # encrypted at rest (a Fernet token), read through the store
    assert [m.text for m in Store(session_factory(create_database_engine(stack.database_url))).messages_of(
        pseudonym=pseudonym)][1] == "hello"  # fmt: skip
    assert [status for status, _ in analyses] == ["done"]
    assert 0.0 <= analyses[0][1] <= 1.0
    raw_id = str(chat.user_id).encode()
    database_file = Path(stack.var_dir / "bcdbot.sqlite3")
    for path in [database_file, *database_file.parent.glob("bcdbot.sqlite3-*")]:
        assert raw_id not in path.read_bytes(), f"raw Telegram id found in {path.name}"
