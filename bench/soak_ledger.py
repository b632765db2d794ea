"""The soak's people and faults, and its ledger: what each person sent and what came back, read from the
emulator's transcripts, Redis and the database at the end (`bench/soak.py`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import redis

from bench.harness import BENCH_SECRET, RunningStack, is_result
from bot.analysis_queue import PUBLISHED_PREFIX
from bot.pending import DELIVERED_PREFIX, PENDING_KEY, analysis_task_id
from settings import Settings
from store import pseudonymise
from workers.celery_app import create_celery
from workers.payload import upload_key

RED_FLAG_MARK = "⚠️"
FAULT_WINDOW_S = 60.0


@dataclass
class Sent:
    kind: str  # "upload", "text" or "red flag"
    message_id: int
    at: float
    text: str = ""
    first_reply_at: float | None = None
    unanswered: bool = False


@dataclass
class Person:
    user_id: int
    plan: list[tuple[float, str, bytes | str]]
    language: str = "en"
    sent: list[Sent] = field(default_factory=list)


@dataclass
class Fault:
    name: str
    at_fraction: float
    inject: Callable[[], Awaitable[None]]
    started: float = 0.0
    ended: float = 0.0


def replied_to(message: dict[str, Any]) -> int | None:
    original = message.get("reply_to_message")
    return int(original["message_id"]) if original else None


def words(message: dict[str, Any], *, whole: bool = False) -> str:
    said = message.get("text") or message.get("caption") or ""
    return said if whole else said[:160]


@dataclass
class Ledger:
    uploads: int = 0
    answered_once: int = 0  # exactly one reply: a result, or the words for a refused image
    results: int = 0
    lost: int = 0
    duplicated: int = 0
    texts: int = 0
    texts_unanswered: int = 0
    red_flags: int = 0
    red_flags_missed: int = 0
    red_flags_repeated: int = 0  # a flag already answered in the conversation, mentioned again
    problems: list[str] = field(default_factory=list)


def read_ledger(
    people: list[Person], transcripts: list[list[dict[str, Any]]], red_flag_texts: dict[str, str]
) -> Ledger:
    """Every upload answered once, every text answered, the first mention of each red flag warned about."""
    ledger = Ledger()
    for person, transcript in zip(people, transcripts, strict=True):
        by_id = {sent.message_id: sent for sent in person.sent}
        bot_messages = [m for m in transcript if m["from_bot"]]
        warned: set[str] = set()
        for sent in person.sent:
            if sent.kind == "upload":
                ledger.uploads += 1
                replies = [m for m in bot_messages if replied_to(m) == sent.message_id]
                ledger.answered_once += len(replies) == 1
                ledger.results += sum(is_result(words(m, whole=True), person.language) for m in replies)
                if len(replies) > 1:
                    ledger.problems.append(
                        f"upload answered {len(replies)} times: {[words(m) for m in replies]}"
                    )
                ledger.lost += not replies
                ledger.duplicated += max(len(replies) - 1, 0)
                continue
            later = [s.message_id for s in person.sent if s.message_id > sent.message_id]
            until = min(later, default=10**12)
            window = [
                m
                for m in bot_messages
                if (sent.message_id < m["message_id"] < until and replied_to(m) not in by_id)
                or replied_to(m) == sent.message_id
            ]
            ledger.texts += 1
            ledger.texts_unanswered += not window
            if sent.kind == "red flag":
                ledger.red_flags += 1
                flag = red_flag_texts[sent.text]
                if RED_FLAG_MARK in " ".join(m.get("text") or "" for m in window):
                    warned.add(flag)
                elif flag in warned:
                    ledger.red_flags_repeated += 1
                else:
                    ledger.red_flags_missed += 1
                    ledger.problems.append(f"red flag {sent.text!r}: {[words(m) for m in window]}")
    return ledger


def fault_costs(faults: list[Fault], people: list[Person]) -> list[str]:
    sent = [s for person in people for s in person.sent]
    lines = []
    for fault in faults:
        after = [s for s in sent if s.at >= fault.started and s.first_reply_at is not None]
        first = min((s.first_reply_at for s in after if s.first_reply_at is not None), default=None)
        window = [s for s in after if s.at < fault.started + FAULT_WINDOW_S]
        slowest = max(((s.first_reply_at or s.at) - s.at for s in window), default=0.0)
        recovery = "never" if first is None else f"{first - fault.started:6.1f} s"
        lines.append(
            f"{fault.name:40s} injected in {fault.ended - fault.started:5.1f} s; first reply after it "
            f"{recovery}; slowest reply to a message sent in the minute after: {slowest:6.1f} s"
        )
    return lines


def explain_lost_uploads(stack: RunningStack, people: list[Person], ledger: Ledger) -> None:
    """For each upload no reply referred to: where its analysis got to (pending entry, outbox image,
    published, the result backend's state, delivered marker, the database row)."""
    client = redis.Redis.from_url(stack.config.redis_url)
    celery = create_celery(Settings(_env_file=None, redis_url=stack.config.redis_url))  # type: ignore[call-arg]
    path = stack.config.database_url.removeprefix("sqlite:///")
    for person in people:
        pseudonym = pseudonymise(person.user_id, secret=BENCH_SECRET.encode())
        for sent in person.sent:
            if sent.kind != "upload" or sent.first_reply_at is not None:
                continue
            task_id = analysis_task_id(pseudonym=pseudonym, message_id=sent.message_id)
            with sqlite3.connect(path) as connection:
                row = connection.execute(
                    "SELECT status FROM analyses WHERE task_id = ?", (task_id,)
                ).fetchone()
            ledger.problems.append(
                f"upload without a reply, sent at {sent.at - people_start(people):.0f} s: "
                f"pending entry {bool(client.hexists(PENDING_KEY, task_id))}, "
                f"outbox image {bool(client.exists(upload_key(task_id)))}, "
                f"published {bool(client.exists(PUBLISHED_PREFIX + task_id))}, "
                f"backend state {celery.AsyncResult(task_id).state}, "
                f"delivered {bool(client.exists(DELIVERED_PREFIX + task_id))}, "
                f"database row {row[0] if row else None}"
            )


def people_start(people: list[Person]) -> float:
    return min((s.at for person in people for s in person.sent), default=0.0)


def duplicated_analyses(stack: RunningStack) -> int:
    path = stack.config.database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT COUNT(*) FROM (SELECT task_id FROM analyses GROUP BY task_id HAVING COUNT(*) > 1)"
        ).fetchone()
    return int(rows[0])
