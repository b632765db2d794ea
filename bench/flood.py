"""Fairness under a flood: one person sends 300 photos at once while 20 others each send one.

Baseline, measured in the same run on the same stack after a warm-up: 20 other people's photo -> reply with
nobody flooding; then 20 more people, with other photos, while the flooder sends.
Target: their p95 under the flood within 1.5x of the baseline p95. The ledger: every other person answered
exactly once; every upload the flooder had accepted answered exactly once (accepted = what the per-person
limits counted in Redis), the rest refused with at most one notice per limit and minute.

    .venv/bin/python -m bench.flood [--flood 300] [--others 20]
"""

from __future__ import annotations

import argparse
import asyncio
import time

import httpx
import redis

from bench.harness import BENCH_SECRET, describe, is_result, mammograms, percentile, running_stack
from bench.load import QUIET_S, REPLY_TIMEOUT_S, AsyncChat, as_photo
from bot.user_limits import KEY_PREFIX, Limit
from store import pseudonymise

FLOODER = 8_500_000
OTHERS_FROM = 8_600_000
FLOOD_HEAD_START_S = 0.5
WARM_UP = 3  # photos sent (and answered) before the baseline, so that it is not the model's first run


async def others_round_trips(client: httpx.AsyncClient, first_id: int, photos: list[bytes]) -> list[float]:
    """Each of len(photos) new people consents, then sends one photo; photo -> reply ms each (exactly one)."""
    chats = [AsyncChat(client, first_id + index) for index in range(len(photos))]
    await asyncio.gather(*(chat.consent() for chat in chats))
    timings = await asyncio.gather(*(chat.photo(data) for chat, data in zip(chats, photos, strict=True)))
    await asyncio.sleep(QUIET_S)
    extra = sum(await asyncio.gather(*(chat.leftovers() for chat in chats)))
    if extra:
        raise SystemExit(f"{extra} duplicate replies to the others")
    return list(timings)


async def flood(client: httpx.AsyncClient, photos: list[bytes]) -> AsyncChat:
    """The flooder: consents, then posts every photo without waiting for any reply."""
    chat = AsyncChat(client, FLOODER)
    await chat.consent()

    async def upload(data: bytes) -> None:
        files = {"file": ("photo.jpg", data, "image/jpeg")}
        await client.post("/emulator/updates/photo", data={"user_id": str(FLOODER)}, files=files)

    await asyncio.gather(*(upload(data) for data in photos))
    return chat


async def run(
    emulator_url: str, flood_photos: list[bytes], others: list[bytes], warm_up: list[bytes]
) -> tuple[list[float], list[float], list[str]]:
    """Different photos for the baseline and the flooded round (a photo seen before is answered from the
    result cache), after a warm-up."""
    limits = httpx.Limits(max_connections=len(flood_photos) + 4 * len(others))
    half = len(others) // 2
    async with httpx.AsyncClient(base_url=emulator_url, timeout=REPLY_TIMEOUT_S, limits=limits) as client:
        await others_round_trips(client, OTHERS_FROM - len(warm_up), warm_up)
        baseline = await others_round_trips(client, OTHERS_FROM, others[:half])
        flooding = asyncio.create_task(flood(client, flood_photos))
        await asyncio.sleep(FLOOD_HEAD_START_S)
        flooded = await others_round_trips(client, OTHERS_FROM + half, others[half:])
        flooder = await flooding
        texts = await flooder_replies(client, flooder)
    return baseline, flooded, texts


async def flooder_replies(client: httpx.AsyncClient, chat: AsyncChat) -> list[str]:
    """Everything the flooder got after consenting, once the bot has been quiet for a while."""
    received: list[str] = []
    quiet_since = time.monotonic()
    while time.monotonic() - quiet_since < 10 * QUIET_S:
        response = await client.get(
            f"/emulator/chats/{FLOODER}/messages", params={"after": chat.last_seen, "timeout": 5}
        )
        messages = response.json()["messages"]
        if messages:
            chat.last_seen = max(message["message_id"] for message in messages)
            received += [message.get("text") or message.get("caption") or "" for message in messages]
            quiet_since = time.monotonic()
    return received


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--flood", type=int, default=300)
    parser.add_argument("--others", type=int, default=20)
    args = parser.parse_args()
    pool = [as_photo(png) for png in mammograms(args.flood + 2 * args.others + WARM_UP)]
    flood_photos, others, warm_up = (
        pool[: args.flood],
        pool[args.flood : args.flood + 2 * args.others],
        pool[-WARM_UP:],
    )
    with running_stack(per_person_limits=True) as config:
        baseline, flooded, texts = asyncio.run(run(config.emulator_url, flood_photos, others, warm_up))
        pseudonym = pseudonymise(FLOODER, secret=BENCH_SECRET.encode())
        accepted = redis.Redis.from_url(config.redis_url).zcard(
            f"{KEY_PREFIX}{Limit.IMAGES_PER_HOUR}:{pseudonym}"
        )
    answered = sum(is_result(text) for text in texts)
    ratio = percentile(flooded, 95) / percentile(baseline, 95)
    print(f"others, no flood   {describe(baseline)}")
    print(f"others, flood      {describe(flooded)}")
    print(f"others' p95 ratio  {ratio:.2f}x (target <= 1.5x); each of the others answered exactly once")
    print(
        f"flooder: {args.flood} sent, {accepted} accepted, {answered} answered, "
        f"lost {max(int(accepted) - answered, 0)}, duplicated {max(answered - int(accepted), 0)}, "
        f"{len(texts) - answered} limit notices"
    )


if __name__ == "__main__":
    main()
