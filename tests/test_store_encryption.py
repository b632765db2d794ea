"""At rest: message texts, notes and image bytes are Fernet tokens; keys rotate without losing anything."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import text

from imaging import clean_upload
from store import (
    AnalysisResult,
    EncryptionKeyError,
    Store,
    create_database_engine,
    create_schema,
    session_factory,
)
from store.maintenance import rotate_keys
from store.review import ReviewStore
from tests.admin_seed import png

SECRET_TEXT = "my left breast has a lump near the nipple"


def make_store(url: str, keys: list[str], image_dir: Path | None) -> Store:
    engine = create_database_engine(url, encryption_keys=keys)
    create_schema(engine)
    return Store(session_factory(engine), image_dir=image_dir)


def fill(store: Store) -> None:
    store.record_message(pseudonym="a" * 64, direction="in", kind="text", text=SECRET_TEXT)
    store.save_upload(pseudonym="a" * 64, task_id="t1", upload=clean_upload(png((10, 20, 30)), seed="s"))
    store.record_analysis_result(
        task_id="t1", result=AnalysisResult(status="done", heatmap_png=png((9, 9, 9)))
    )
    store.record_escalation(
        pseudonym="a" * 64,
        red_flags=["blood_stained_discharge"],
        clarifications=[("Is there any blood in it?", "Yes, and a lump too")],
    )
    review = ReviewStore(store)
    review.add_note(review.escalations()[0].id, by="clin", text=SECRET_TEXT + " (note)")
    store.record_risk_assessment(
        pseudonym="a" * 64,
        outcome="not_applicable",
        answers={"age": 47, "brca": "yes"},
        result={"reasons": [SECRET_TEXT]},
    )


@pytest.mark.parametrize("in_files", [True, False], ids=["files", "database"])
def test_texts_and_images_are_encrypted_at_rest(database_url: str, tmp_path: Path, in_files: bool) -> None:
    key = Fernet.generate_key().decode()
    images = tmp_path / "images" if in_files else None
    store = make_store(database_url, [key], images)
    fill(store)
    with store.engine.connect() as connection:
        stored_texts = connection.execute(
            text(
                "SELECT text FROM messages UNION ALL SELECT text FROM escalation_notes UNION ALL"
                " SELECT answers FROM risk_assessments UNION ALL SELECT result FROM risk_assessments"
                " UNION ALL SELECT clarifications FROM escalations"
            )
        )
        for (value,) in stored_texts:
            assert "lump" not in value and "brca" not in value and value.startswith("gAAAA")  # Fernet tokens
        image_rows = connection.execute(text("SELECT file_name, data FROM images")).all()
    assert len(image_rows) == 2
    for file_name, data in image_rows:
        raw = (images / file_name).read_bytes() if images is not None else bytes(data)
        assert b"\x89PNG" not in raw and raw.startswith(b"gAAAA")  # the signature, not 3 base64 letters
        if images is not None:
            assert data is None and len(file_name) == 36 and file_name.endswith(".bin")
    assert [m.text for m in store.messages_of(pseudonym="a" * 64)] == [SECRET_TEXT]
    [risk] = store.risk_assessments_of(pseudonym="a" * 64)
    assert risk.answers == {"age": 47, "brca": "yes"} and risk.reasons == [SECRET_TEXT]
    assert [store.image_bytes(image)[:4] for image in store.images_of(pseudonym="a" * 64)] == [b"\x89PNG"] * 2
    if database_url.startswith("sqlite"):
        database = Path(database_url.removeprefix("sqlite:///"))
        store.engine.dispose()
        for path in database.parent.glob(database.name + "*"):
            assert b"lump" not in path.read_bytes()
    store.engine.dispose()


def test_key_rotation_re_encrypts_everything_with_the_new_key(tmp_path: Path) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    url = f"sqlite:///{tmp_path / 'rotate.sqlite3'}"
    store = make_store(url, [old], tmp_path / "images")
    fill(store)
    store.engine.dispose()

    rotating = make_store(url, [new, old], tmp_path / "images")  # new key first, old still decrypts
    assert [m.text for m in rotating.messages_of(pseudonym="a" * 64)] == [SECRET_TEXT]
    counts = rotate_keys(rotating)
    texts = ("messages.text", "escalation_notes.text", "risk_assessments.answers", "risk_assessments.result")
    assert counts == {**dict.fromkeys(texts, 1), "images": 2}
    assert rotate_keys(rotating) == {**dict.fromkeys(texts, 0), "images": 0}
    rotating.engine.dispose()

    only_new = make_store(url, [new], tmp_path / "images")  # the old key is gone
    assert [m.text for m in only_new.messages_of(pseudonym="a" * 64)] == [SECRET_TEXT]
    assert only_new.risk_assessments_of(pseudonym="a" * 64)[0].answers["brca"] == "yes"
    assert all(only_new.image_bytes(i).startswith(b"\x89PNG") for i in only_new.images_of(pseudonym="a" * 64))
    only_new.engine.dispose()
    only_old = make_store(url, [old], tmp_path / "images")
    with pytest.raises(InvalidToken):
        only_old.messages_of(pseudonym="a" * 64)
    only_old.engine.dispose()


def test_a_bad_key_is_refused_with_how_to_make_one() -> None:
    with pytest.raises(EncryptionKeyError, match="generate_key"):
        create_database_engine("sqlite://", encryption_keys=["not-a-key"])


def test_production_refuses_the_development_key() -> None:
    from pydantic import ValidationError

    from settings import Settings

    with pytest.raises(ValidationError, match="BCDBOT_ENCRYPTION_KEYS"):
        production: dict[str, Any] = {"pseudonym_secret": "x" * 40, "telegram_bot_token": "1:x"}
        Settings(_env_file=None, environment="production", **production)  # type: ignore[call-arg]
