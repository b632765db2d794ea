"""A small database for the admin-console tests: conversations, analyses with heatmaps, escalations, cases."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from imaging import clean_upload
from settings import Settings
from store import AnalysisResult, Store, create_database_engine, create_schema, session_factory
from store.staff import StaffStore

ADMIN_PASSWORD = "correct horse battery"
CLINICIAN_PASSWORD = "clinician password 1"
SEARCH_WORD = "nippledischarge"
# Written as people's phones write them: a zero-width non-joiner inside the Kannada word, a chandrabindu
# in the Hindi one; searched for without them (`NATIVE_SEARCHES`).
NATIVE_MESSAGES = {12: ("kn", "ನನ್ನ ಎಡ ಸ್ತನದಲ್ಲಿ ಗಡ್ಡೆ ಇದೆ, ಚಾಟ್\u200cಬಾಟ್"), 14: ("hi", "मेरे स्तन में गाँठ है")}
NATIVE_SEARCHES = {12: "ಚಾಟ್ಬಾಟ್", 14: "गांठ"}
CLARIFICATIONS = [("Is there any blood in it, or is it pink, red or brown?", "Not sure")]


def png(colour: tuple[int, int, int], size: int = 64) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (size, size), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def seeded_store(tmp_path: Path, *, database_url: str | None = None) -> Store:
    engine = create_database_engine(database_url or f"sqlite:///{tmp_path / 'admin.sqlite3'}")
    create_schema(engine)
    store = Store(session_factory(engine), image_dir=tmp_path / "images")
    staff = StaffStore(store.sessions)
    staff.create_account(username="alice", password=ADMIN_PASSWORD, role="admin")
    staff.create_account(username="bob", password=CLINICIAN_PASSWORD, role="clinician")
    for number in range(30):
        pseudonym = f"{number:02d}" + "a" * 62
        store.record_consent(pseudonym=pseudonym, granted=True)
        text = f"I noticed {SEARCH_WORD} last week" if number == 7 else f"hello number {number}"
        if number in NATIVE_MESSAGES:
            language, text = NATIVE_MESSAGES[number]
            store.record_language(pseudonym=pseudonym, language=language)
        store.record_message(pseudonym=pseudonym, direction="in", kind="text", text=text)
        store.record_message(pseudonym=pseudonym, direction="out", kind="text", text="Thank you.")
        if number % 3 == 0:
            task_id = f"task-{number}"
            store.save_upload(
                pseudonym=pseudonym, task_id=task_id, upload=clean_upload(png((200, 200, 200)), seed="s")
            )
            store.record_analysis_result(
                task_id=task_id,
                result=AnalysisResult(
                    status="done",
                    source_format="png",
                    probability=number / 30,
                    model_name="efficientnet_lite0",
                    model_version="test",
                    model_trained=False,
                    modality="ultrasound" if number % 2 else "mammography",
                    band="high" if number > 15 else "low",
                    timings={"inference_ms": 12.5},
                    heatmap_png=png((255, 0, 0)),
                ),
            )
        if number in (7, 9):
            store.record_escalation(
                pseudonym=pseudonym, red_flags=["blood_stained_discharge"], clarifications=CLARIFICATIONS
            )
    return store


def admin_settings(**overrides: object) -> Settings:
    return Settings(_env_file=None, **overrides)  # type: ignore[call-arg, arg-type]
