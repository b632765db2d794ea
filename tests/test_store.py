"""The store on a real SQLite file: pseudonymous users, messages, analyses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from imaging import clean_upload
from store import (
    HEALTH_WORKER,
    AnalysisResult,
    Store,
    create_database_engine,
    create_schema,
    pseudonymise,
    session_factory,
)
from store.models import Base


def make_store(tmp_path: Path) -> Store:
    engine = create_database_engine(f"sqlite:///{tmp_path / 'nested' / 'db.sqlite3'}")
    create_schema(engine)
    return Store(session_factory(engine))


def test_pseudonym_is_stable_keyed_and_hides_the_id() -> None:
    first = pseudonymise(123456789, secret=b"one")
    assert first == pseudonymise(123456789, secret=b"one")
    assert first != pseudonymise(123456789, secret=b"two")
    assert first != pseudonymise(123456780, secret=b"one")
    assert "123456789" not in first
    assert len(first) == 64


def test_messages_are_kept_in_order_per_user(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.record_message(pseudonym="a" * 64, direction="in", kind="text", text="hello", intent="greet")
    store.record_message(pseudonym="b" * 64, direction="in", kind="photo")
    store.record_message(pseudonym="a" * 64, direction="out", kind="text", text="Hello!")
    messages = store.messages_of(pseudonym="a" * 64)
    assert [(m.direction, m.text, m.intent) for m in messages] == [
        ("in", "hello", "greet"),
        ("out", "Hello!", None),
    ]
    assert [m.kind for m in store.messages_of(pseudonym="b" * 64)] == ["photo"]


def test_analysis_goes_from_queued_to_done(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.record_analysis_queued(pseudonym="c" * 64, task_id="task-1")
    assert [a.status for a in store.analyses_of(pseudonym="c" * 64)] == ["queued"]
    result = AnalysisResult(
        status="done",
        source_format="png",
        probability=0.25,
        model_name="m",
        model_version="v",
        model_trained=False,
    )
    store.record_analysis_result(task_id="task-1", result=result)
    (analysis,) = store.analyses_of(pseudonym="c" * 64)
    assert (analysis.status, analysis.probability, analysis.model_trained) == ("done", 0.25, False)
    assert analysis.completed_at is not None


def test_result_for_an_unknown_task_is_ignored(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.record_analysis_result(task_id="nope", result=AnalysisResult(status="done"))
    assert store.analyses_of(pseudonym="d" * 64) == []


def test_consent_is_unknown_until_chosen_and_creates_nothing_before(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    assert store.consent_of(pseudonym="e" * 64) is None
    store.record_consent(pseudonym="e" * 64, granted=False)
    assert store.consent_of(pseudonym="e" * 64) is False
    store.record_consent(pseudonym="e" * 64, granted=True)
    assert store.consent_of(pseudonym="e" * 64) is True


def test_language_is_unknown_until_chosen_changes_and_is_erased(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    assert store.language_of(pseudonym="l" * 64) is None
    store.record_language(pseudonym="l" * 64, language="kn")
    assert store.language_of(pseudonym="l" * 64) == "kn"
    assert store.consent_of(pseudonym="l" * 64) is None  # choosing a language is not consenting
    store.record_language(pseudonym="l" * 64, language="hi")
    assert store.language_of(pseudonym="l" * 64) == "hi"
    assert store.delete_user(pseudonym="l" * 64)
    assert store.language_of(pseudonym="l" * 64) is None


def test_conversation_state_round_trips_as_json(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    assert store.load_conversation(pseudonym="f" * 64) is None
    store.save_conversation(pseudonym="f" * 64, state="ask_side", data={"symptoms": ["lump"], "age": 40})
    store.save_conversation(pseudonym="f" * 64, state="ask_age", data={"symptoms": ["lump"]})
    assert store.load_conversation(pseudonym="f" * 64) == ("ask_age", {"symptoms": ["lump"]})


def test_roles_are_granted_once_and_checked(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    assert not store.has_role(pseudonym="g" * 64, role=HEALTH_WORKER)
    store.grant_role(pseudonym="g" * 64, role=HEALTH_WORKER)
    store.grant_role(pseudonym="g" * 64, role=HEALTH_WORKER)
    assert store.has_role(pseudonym="g" * 64, role=HEALTH_WORKER)
    with pytest.raises(ValueError, match="unknown role"):
        store.grant_role(pseudonym="g" * 64, role="admin")


def test_cases_sort_red_flags_first_then_highest_probability(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    worker = "h" * 64
    plain, suspicious, flagged = (store.open_case(pseudonym=worker) for _ in range(3))
    for number, case_id in enumerate([plain, suspicious]):
        store.record_analysis_queued(pseudonym=worker, task_id=f"t{number}")
        store.record_analysis_result(
            task_id=f"t{number}", result=AnalysisResult(status="done", probability=0.1 + 0.7 * number)
        )
        store.attach_analysis_to_case(pseudonym=worker, public_id=case_id, task_id=f"t{number}")
    store.update_case(pseudonym=worker, public_id=flagged, answers={"age": 50}, red_flags=["ulceration"])
    cases = store.cases_of(pseudonym=worker)
    assert [case.public_id for case in cases] == [flagged, suspicious, plain]
    assert cases[0].red_flags == ("ulceration",) and cases[0].answers == {"age": 50}
    assert cases[1].max_probability == pytest.approx(0.8)
    assert store.case_of(pseudonym=worker, public_id=plain.lower()) is not None
    assert store.case_of(pseudonym="i" * 64, public_id=plain) is None


def test_delete_user_leaves_nothing_about_the_person(tmp_path: Path) -> None:
    from store.review import ReviewStore
    from tests.admin_seed import png

    engine = create_database_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    create_schema(engine)
    store = Store(session_factory(engine), image_dir=tmp_path / "images")
    person, other = "j" * 64, "k" * 64
    for pseudonym in (person, other):
        store.record_consent(pseudonym=pseudonym, granted=True)
        store.record_message(pseudonym=pseudonym, direction="in", kind="text", text="a lump")
        store.save_conversation(pseudonym=pseudonym, state="idle", data={})
        store.grant_role(pseudonym=pseudonym, role=HEALTH_WORKER)
        case_id = store.open_case(pseudonym=pseudonym)
        task_id = f"task-{pseudonym[0]}"
        store.record_analysis_queued(pseudonym=pseudonym, task_id=task_id)
        store.save_upload(pseudonym=pseudonym, task_id=task_id, upload=clean_upload(png((1, 2, 3)), seed="s"))
        store.record_analysis_result(
            task_id=task_id, result=AnalysisResult(status="done", heatmap_png=png((255, 0, 0)))
        )
        store.attach_analysis_to_case(pseudonym=pseudonym, public_id=case_id, task_id=task_id)
        store.record_escalation(pseudonym=pseudonym, red_flags=["ulceration"], case_id=case_id)
        for case in (None, case_id):
            store.record_risk_assessment(
                pseudonym=pseudonym,
                case_id=case,
                outcome="estimate",
                answers={"age": 45, "race": 1},
                result={"five_year_risk_percent": 1.9},
            )
    review = ReviewStore(store)
    for escalation in review.escalations():
        review.add_note(escalation.id, by="clinician", text="called the person")

    def counts() -> dict[str, int]:
        with engine.connect() as connection:
            return {
                table.name: connection.execute(text(f"SELECT COUNT(*) FROM {table.name}")).scalar_one()
                for table in Base.metadata.sorted_tables
            }

    before = counts()
    assert store.delete_user(pseudonym=person)
    assert not store.delete_user(pseudonym=person)
    after = counts()
    for table, count in before.items():
        assert after[table] * 2 == count, table  # only the other person's rows are left
    assert before["images"] == 4 and len(list((tmp_path / "images").iterdir())) == 2
    assert before["risk_assessments"] == 4 and store.risk_assessments_of(pseudonym=person) == []
    assert len(store.risk_assessments_of(pseudonym=other)) == 2
    assert store.consent_of(pseudonym=other) is True
    assert len(store.open_escalations()) == 1
    with engine.connect() as connection:
        pseudonyms = connection.execute(text("SELECT pseudonym FROM users")).scalars().all()
    assert pseudonyms == [other]
    for path in tmp_path.glob("db.sqlite3*"):  # secure_delete and a WAL checkpoint: no old copy on disk
        assert person.encode() not in path.read_bytes(), path.name
    engine.dispose()


def test_grant_role_command_stores_the_role_under_the_pseudonym(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bcdbot import cli
    from settings import get_settings

    database = tmp_path / "roles.sqlite3"
    monkeypatch.setenv("BCDBOT_DATABASE_URL", f"sqlite:///{database}")
    monkeypatch.setenv("BCDBOT_PSEUDONYM_SECRET", "secret-for-this-test")
    get_settings.cache_clear()
    try:
        with pytest.raises(SystemExit) as exit_info:
            cli.main(["grant-role", "--telegram-id", "555000111", "--role", "health_worker"])
    finally:
        get_settings.cache_clear()
    assert exit_info.value.code == 0
    assert "555000111" not in capsys.readouterr().out
    engine = create_database_engine(f"sqlite:///{database}")
    store = Store(session_factory(engine))
    pseudonym = pseudonymise(555000111, secret=b"secret-for-this-test")
    assert store.has_role(pseudonym=pseudonym, role=HEALTH_WORKER)
    engine.dispose()
    assert b"555000111" not in database.read_bytes()


def test_grant_role_command_opens_the_store_like_every_entry_point(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The configured encryption keys and image folder, and the schema at the Alembic head."""
    from alembic.script import ScriptDirectory
    from cryptography.fernet import Fernet

    import store as store_package
    from bcdbot import cli
    from settings import get_settings
    from store.database import alembic_config, current_revision

    database, key = tmp_path / "roles.sqlite3", Fernet.generate_key().decode()
    monkeypatch.setenv("BCDBOT_DATABASE_URL", f"sqlite:///{database}")
    monkeypatch.setenv("BCDBOT_ENCRYPTION_KEYS", key)
    monkeypatch.setenv("BCDBOT_IMAGE_DIR", str(tmp_path / "images"))
    opened: list[dict[str, object]] = []
    real_open_store = store_package.open_store

    def open_store(**arguments: Any) -> Store:
        opened.append(arguments)
        return real_open_store(**arguments)

    monkeypatch.setattr(store_package, "open_store", open_store)
    get_settings.cache_clear()
    try:
        with pytest.raises(SystemExit) as exit_info:
            cli.main(["grant-role", "--telegram-id", "555000111", "--role", "health_worker"])
    finally:
        get_settings.cache_clear()
    assert exit_info.value.code == 0
    (arguments,) = opened
    assert arguments["encryption_keys"] == [key] and arguments["image_dir"] == tmp_path / "images"
    engine = create_database_engine(f"sqlite:///{database}", encryption_keys=[key])
    assert current_revision(engine) == ScriptDirectory.from_config(alembic_config()).get_current_head()
    engine.dispose()
