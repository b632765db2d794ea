"""Load: many concurrent chats, each consenting, sending a text and one image. Every chat must get every
reply and none twice. Prints p50/p95 of each reply and the image throughput, against the bare predict loop
throughput of the same images measured in the same run.

    .venv/bin/python -m bench.load [--chats 200]
"""

from __future__ import annotations

import argparse
import asyncio
import io
import time
from typing import Any

import httpx
from PIL import Image

from bench.harness import describe, mammograms, running_stack
from bot.catalog import Language
from bot.catalog import text as catalog_text
from detector import DEFAULT_CONFIG, Predictor

QUIET_S = 3.0
REPLY_TIMEOUT_S = 900.0


class AsyncChat:
    def __init__(self, client: httpx.AsyncClient, user_id: int) -> None:
        self.client = client
        self.user_id = user_id
        self.last_seen = 0
        self.received: list[dict[str, Any]] = []

    async def next_message(self) -> dict[str, Any]:
        deadline = time.monotonic() + REPLY_TIMEOUT_S
        while time.monotonic() < deadline:
            response = await self.client.get(
                f"/emulator/chats/{self.user_id}/messages", params={"after": self.last_seen, "timeout": 30}
            )
            messages = response.json()["messages"]
            if messages:
                self.last_seen = messages[0]["message_id"]
                self.received.append(messages[0])
                return dict(messages[0])
        raise TimeoutError(f"chat {self.user_id}: no reply")

    async def text(self, text: str) -> float:
        started = time.perf_counter()
        await self.client.post("/emulator/updates/message", json={"user_id": self.user_id, "text": text})
        await self.next_message()
        return (time.perf_counter() - started) * 1000

    async def photo(self, data: bytes) -> float:
        started = time.perf_counter()
        files = {"file": ("photo.jpg", data, "image/jpeg")}
        await self.client.post("/emulator/updates/photo", data={"user_id": str(self.user_id)}, files=files)
        await self.next_message()
        return (time.perf_counter() - started) * 1000

    async def consent(self, language: str = "en") -> None:
        """/start, choose the language, then press "I agree" (as tests.chat.ChatUser.consent); raises when
        the bot did not answer with its thanks in that language."""
        await self.text("/start")
        await self.press(self.received[-1], f"lang:{language}")
        welcome = await self.next_message()
        await self.press(welcome, "consent:yes")
        thanks = await self.next_message()
        if thanks.get("text") != catalog_text(Language(language), "consent-given"):
            said = [str(message.get("text") or "")[:60] for message in self.received]
            raise RuntimeError(f"chat {self.user_id}: consent in {language} not confirmed: {said}")

    async def press(self, message: dict[str, Any], data: str) -> None:
        body = {"user_id": self.user_id, "message_id": message["message_id"], "data": data}
        response = await self.client.post("/emulator/updates/callback_query", json=body)
        if response.status_code != 200:
            raise RuntimeError(f"chat {self.user_id}: pressing {data}: {response.text[:200]}")

    async def leftovers(self) -> int:
        response = await self.client.get(
            f"/emulator/chats/{self.user_id}/messages", params={"after": self.last_seen}
        )
        return len(response.json()["messages"])


async def one_chat(client: httpx.AsyncClient, user_id: int, image: bytes) -> tuple[float, float, AsyncChat]:
    chat = AsyncChat(client, user_id)
    await chat.consent()
    text_ms = await chat.text("hello")
    photo_ms = await chat.photo(image)
    return text_ms, photo_ms, chat


async def run_load(emulator_url: str, images: list[bytes]) -> tuple[list[float], list[float], int, float]:
    limits = httpx.Limits(max_connections=len(images) * 2)
    async with httpx.AsyncClient(base_url=emulator_url, timeout=REPLY_TIMEOUT_S, limits=limits) as client:
        started = time.perf_counter()
        outcomes = await asyncio.gather(
            *(one_chat(client, 8_000_000 + i, data) for i, data in enumerate(images))
        )
        elapsed = time.perf_counter() - started
        await asyncio.sleep(QUIET_S)
        extra = sum(await asyncio.gather(*(chat.leftovers() for _, _, chat in outcomes)))
    return [o[0] for o in outcomes], [o[1] for o in outcomes], extra, elapsed


def as_photo(png: bytes) -> bytes:
    buffer = io.BytesIO()
    Image.open(io.BytesIO(png)).convert("L").save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--chats", type=int, default=200)
    args = parser.parse_args()
    pool = [as_photo(png) for png in mammograms(min(args.chats, 300))]
    images = [pool[i % len(pool)] for i in range(args.chats)]
    with running_stack(rasa=True) as config:
        text_ms, photo_ms, extra, elapsed = asyncio.run(run_load(config.emulator_url, images))
    predictor = Predictor(DEFAULT_CONFIG)
    started = time.perf_counter()
    for data in pool[:50]:
        predictor.predict(data)
    bare_rate = 50 / (time.perf_counter() - started)
    print(f"{args.chats} chats: every chat got its consent, text and image replies; extra replies: {extra}")
    print(f"text reply   {describe(text_ms)}")
    print(f"image reply  {describe(photo_ms)}")
    rate = args.chats / elapsed
    print(f"throughput   {rate:.2f} images/s; bare {bare_rate:.2f} img/s; ratio {rate / bare_rate:.2f}x")


if __name__ == "__main__":
    main()
