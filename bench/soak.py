"""A long fault soak: many people talk to the bot for half an hour while its parts fail one after another.

100 people send 1,000 images and 2,000 texts between them, spread over the run (default 30 minutes), each
waiting for a reply before sending again, as a person does. Meanwhile a schedule SIGKILLs a worker process
mid-task, restarts redis-server, SIGKILLs the bot and starts it again, stops Rasa for a minute, and holds
an exclusive lock on the SQLite database for a few seconds. Everything runs on 127.0.0.1.

The ledger, read from the emulator's transcripts and the database at the end: every upload answered
exactly once, every text answered, every red-flag text answered with the see-a-clinician reply, no
analysis in the database twice; and for each fault, the time from the fault to the first reply to a
message sent after it, and the slowest reply to a message sent in the minute after it.

    .venv/bin/python -m bench.soak [--minutes 30] [--users 100] [--uploads 1000] [--texts 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import sqlite3
import statistics
import time
from typing import Any

import httpx

from bench.harness import RunningStack, describe, mammograms, running_processes
from bench.load import AsyncChat, as_photo
from bench.soak_ledger import (
    Fault,
    Ledger,
    Person,
    Sent,
    duplicated_analyses,
    explain_lost_uploads,
    fault_costs,
    read_ledger,
    replied_to,
)
from settings import Settings
from workers.celery_app import create_celery

FIRST_USER = 9_100_000
LANGUAGES = ("en", "en", "hi", "kn")  # what each person chooses at /start, in turn
REPLY_TIMEOUT_S = 600.0  # then the message counts as unanswered and the person goes on
RASA_DOWN_S = 60.0
SQLITE_LOCK_S = 5.0
START_TIMEOUT_S = 300.0

ORDINARY_TEXTS = (
    "hello",
    "what can you do?",
    "how do I check my breasts?",
    "thank you",
    "my breast feels a bit sore before my period",
    "namaste",
    "mujhe jankari chahiye",
    "nanage sahaya beku",
)
# Each states everything its red flag needs (a lump needs the age), so the first mention of each flag in a
# conversation must be answered with the red-flag reply whatever else is failing at the time (a flag
# already answered in the same conversation is not repeated).
RED_FLAG_TEXTS = {
    "there is blood coming from my nipple": "blood-stained discharge",
    "nipple se khoon aa raha hai": "blood-stained discharge",
    "I am 45 and I found a hard lump in my left breast": "lump at 30 or over",
    "meri umar 52 saal hai aur mere stan mein gaanth hai": "lump at 30 or over",
    "the skin of my breast looks like orange peel": "peau d'orange",
}


class Soak:
    def __init__(self, stack: RunningStack, client: httpx.AsyncClient) -> None:
        self.stack = stack
        self.client = client
        self.celery = create_celery(Settings(_env_file=None, redis_url=stack.config.redis_url))  # type: ignore[call-arg]

    async def person(self, person: Person, started: float) -> None:
        await AsyncChat(self.client, person.user_id).consent(person.language)
        for offset, kind, payload in person.plan:
            await asyncio.sleep(max(started + offset - time.monotonic(), 0.0))
            if isinstance(payload, bytes):
                files = {"file": ("photo.jpg", payload, "image/jpeg")}
                response = await self.client.post(
                    "/emulator/updates/photo", data={"user_id": str(person.user_id)}, files=files
                )
            else:
                body = {"user_id": person.user_id, "text": payload}
                response = await self.client.post("/emulator/updates/message", json=body)
            text = payload if isinstance(payload, str) else ""
            sent = Sent(kind, int(response.json()["message_id"]), time.monotonic(), text)
            person.sent.append(sent)
            await self._await_reply(person.user_id, sent)

    async def _await_reply(self, user_id: int, sent: Sent) -> None:
        """Until the first reply to `sent` (for an upload, the bot message that replies to it), or until
        `REPLY_TIMEOUT_S` without one: then it is noted as unanswered, and the ledger says why."""
        after = sent.message_id
        deadline = time.monotonic() + REPLY_TIMEOUT_S
        while time.monotonic() < deadline:
            try:
                message = await self._next_bot_message(user_id, after=after, until=deadline)
            except TimeoutError:
                break
            after = message["message_id"]
            if sent.kind != "upload" or replied_to(message) == sent.message_id:
                sent.first_reply_at = time.monotonic()
                return
        sent.unanswered = True
        print(f"  no reply within {REPLY_TIMEOUT_S:.0f} s to a {sent.kind} (user {user_id})", flush=True)

    async def _next_bot_message(self, user_id: int, *, after: int, until: float) -> dict[str, Any]:
        while time.monotonic() < until:
            response = await self.client.get(
                f"/emulator/chats/{user_id}/messages", params={"after": after, "timeout": 20}
            )
            messages = response.json()["messages"]
            if messages:
                return dict(messages[0])
        raise TimeoutError("no reply")

    async def transcript(self, user_id: int) -> list[dict[str, Any]]:
        response = await self.client.get(
            f"/emulator/chats/{user_id}/messages", params={"after": 0, "include_user": "true"}
        )
        return list(response.json()["messages"])

    # --- faults ---------------------------------------------------------------------------------------

    def faults(self) -> list[Fault]:
        return [
            Fault("SIGKILL of a worker process mid-task", 0.12, self.kill_worker_process),
            Fault("redis-server restarted", 0.28, self.restart_redis),
            Fault("bot SIGKILLed and started again", 0.44, self.restart_bot),
            Fault(f"Rasa stopped for {RASA_DOWN_S:.0f} s", 0.60, self.stop_rasa_a_while),
            Fault(f"SQLite locked for {SQLITE_LOCK_S:.0f} s", 0.78, self.lock_database),
        ]

    async def kill_worker_process(self) -> None:
        def busy_pid() -> int | None:
            for tasks in (self.celery.control.inspect(timeout=1.0).active() or {}).values():
                for task in tasks:
                    return int(task["worker_pid"])
            return None

        deadline = time.monotonic() + 120
        while (pid := await asyncio.to_thread(busy_pid)) is None and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
        if pid is None:
            raise SystemExit("no task became active to kill its worker process")
        os.kill(pid, signal.SIGKILL)

    async def restart_redis(self) -> None:
        await self._restart("redis-server")

    async def restart_bot(self) -> None:
        bot = self.stack.processes["bot"]
        bot.kill(signal.SIGKILL)
        if bot.process is not None:
            await asyncio.to_thread(bot.process.wait, 10)
        await asyncio.to_thread(lambda: bot.start().wait_ready(START_TIMEOUT_S))

    async def stop_rasa_a_while(self) -> None:
        rasa = self.stack.processes["rasa"]
        await asyncio.to_thread(rasa.stop)
        await asyncio.sleep(RASA_DOWN_S)
        await asyncio.to_thread(lambda: rasa.start().wait_ready(START_TIMEOUT_S))

    async def lock_database(self) -> None:
        path = self.stack.config.database_url.removeprefix("sqlite:///")

        def hold() -> None:
            connection = sqlite3.connect(path, timeout=30, isolation_level=None)
            try:
                connection.execute("BEGIN EXCLUSIVE")
                time.sleep(SQLITE_LOCK_S)
                connection.execute("ROLLBACK")
            finally:
                connection.close()

        await asyncio.to_thread(hold)

    async def _restart(self, name: str) -> None:
        process = self.stack.processes[name]
        await asyncio.to_thread(process.stop)
        await asyncio.to_thread(lambda: process.start().wait_ready(START_TIMEOUT_S))


def plans(users: int, uploads: int, texts: int, duration_s: float, seed: int) -> list[Person]:
    """Who sends what when: uploads and texts dealt round-robin, at random times over the whole run."""
    rng = random.Random(seed)
    photos = [as_photo(png) for png in mammograms(uploads)]
    actions: list[list[tuple[str, bytes | str]]] = [[] for _ in range(users)]
    for index, photo in enumerate(photos):
        actions[index % users].append(("upload", photo))
    for index in range(texts):
        red_flag = rng.random() < 0.15
        text = rng.choice(list(RED_FLAG_TEXTS) if red_flag else ORDINARY_TEXTS)
        actions[(index * 7) % users].append(("red flag" if red_flag else "text", text))
    people = []
    for number, mine in enumerate(actions):
        times = sorted(rng.uniform(0, duration_s) for _ in mine)
        rng.shuffle(mine)
        plan = [(at, kind, payload) for at, (kind, payload) in zip(times, mine, strict=True)]
        people.append(Person(FIRST_USER + number, plan, language=LANGUAGES[number % len(LANGUAGES)]))
    return people


async def run(stack: RunningStack, people: list[Person], duration_s: float) -> tuple[list[Fault], Ledger]:
    limits = httpx.Limits(max_connections=4 * len(people) + 10)
    async with httpx.AsyncClient(
        base_url=stack.config.emulator_url, timeout=REPLY_TIMEOUT_S, limits=limits
    ) as client:
        soak = Soak(stack, client)
        faults = soak.faults()
        started = time.monotonic()
        talking = asyncio.gather(*(soak.person(person, started) for person in people))
        for fault in faults:
            await asyncio.sleep(max(started + fault.at_fraction * duration_s - time.monotonic(), 0.0))
            fault.started = time.monotonic()
            print(f"{fault.started - started:7.1f} s  {fault.name}", flush=True)
            await fault.inject()
            fault.ended = time.monotonic()
        await talking
        await asyncio.sleep(10.0)  # a late duplicate would show up here
        transcripts = await asyncio.gather(*(soak.transcript(person.user_id) for person in people))
    return faults, read_ledger(people, list(transcripts), RED_FLAG_TEXTS)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--uploads", type=int, default=1000)
    parser.add_argument("--texts", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20261204)
    args = parser.parse_args()
    duration_s = args.minutes * 60
    people = plans(args.users, args.uploads, args.texts, duration_s, args.seed)
    with running_processes(rasa=True, worker_concurrency=2) as stack:
        faults, ledger = asyncio.run(run(stack, people, duration_s))
        duplicates = duplicated_analyses(stack)
        explain_lost_uploads(stack, people, ledger)
    sent = [s for person in people for s in person.sent]
    first = min(s.at for s in sent)
    last = max(s.first_reply_at or s.at for s in sent)
    latencies = [
        ((s.first_reply_at or s.at) - s.at) * 1000
        for person in people
        for s in person.sent
        if s.first_reply_at
    ]
    print(
        f"\n{args.users} people, {(last - first) / 60:.1f} min from the first message to the last reply "
        f"(plan {args.minutes:.0f} min), seed {args.seed}"
    )
    print(
        f"uploads  {ledger.uploads}: answered exactly once {ledger.answered_once} "
        f"({ledger.results} with a result, the others with the words for a refused image), "
        f"lost {ledger.lost}, duplicated {ledger.duplicated}"
    )
    print(f"texts    {ledger.texts}: unanswered {ledger.texts_unanswered}")
    print(
        f"red flags {ledger.red_flags}: first mention without the see-a-clinician reply "
        f"{ledger.red_flags_missed}; mentioned again after it {ledger.red_flags_repeated}"
    )
    print(f"analyses in the database twice: {duplicates}")
    print(f"first reply  {describe(latencies)}   mean {statistics.fmean(latencies):.0f} ms")
    for line in fault_costs(faults, people):
        print(line)
    for problem in ledger.problems:
        print("problem:", problem)


if __name__ == "__main__":
    main()
