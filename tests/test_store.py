"""The store on a real SQLite file: pseudonymous users, messages, analyses."""

from __future__ import annotations

from pathlib import Path

from store import AnalysisResult, Store, create_database_engine, create_schema, pseudonymise, session_factory


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
