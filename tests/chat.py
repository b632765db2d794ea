"""A person chatting with the bot through the emulator's control API, as the chat page does."""

from __future__ import annotations

import itertools
import time
from pathlib import Path
from typing import Any

import httpx

QUIET_PERIOD_S = 1.5
REPLY_TIMEOUT_S = 120.0

_user_ids = itertools.count(7_000_000_001)

Message = dict[str, Any]


class ChatUser:
    """One person: sends messages and reads what the bot sent back to them."""

    def __init__(self, emulator_url: str, *, user_id: int | None = None) -> None:
        self.user_id = user_id if user_id is not None else next(_user_ids)
        self._http = httpx.Client(base_url=emulator_url, timeout=REPLY_TIMEOUT_S + 10)
        self._last_seen = 0

    def send_text(self, text: str) -> None:
        response = self._http.post("/emulator/updates/message", json={"user_id": self.user_id, "text": text})
        response.raise_for_status()

    def send_photo(self, data: bytes, filename: str = "photo.jpg") -> None:
        self._upload("/emulator/updates/photo", data, filename, "image/jpeg")

    def send_document(self, data: bytes, filename: str, mime_type: str) -> int:
        """Upload a file; returns the message id Telegram gave it."""
        return self._upload("/emulator/updates/document", data, filename, mime_type)

    def send_file(self, path: Path, mime_type: str) -> None:
        self.send_document(path.read_bytes(), path.name, mime_type)

    def _upload(self, endpoint: str, data: bytes, filename: str, mime_type: str) -> int:
        files = {"file": (filename, data, mime_type)}
        response = self._http.post(endpoint, data={"user_id": str(self.user_id)}, files=files)
        response.raise_for_status()
        return int(response.json()["message_id"])

    def _fetch(self, timeout_s: float) -> list[Message]:
        response = self._http.get(
            f"/emulator/chats/{self.user_id}/messages",
            params={"after": self._last_seen, "timeout": int(min(max(timeout_s, 0), 60))},
        )
        response.raise_for_status()
        messages: list[Message] = response.json()["messages"]
        if messages:
            self._last_seen = max(message["message_id"] for message in messages)
        return messages

    def next_replies(self, *, timeout_s: float = REPLY_TIMEOUT_S) -> list[Message]:
        """Wait for the bot's next message(s), then for a quiet period, and return all that came."""
        deadline = time.monotonic() + timeout_s
        received: list[Message] = []
        while not received and time.monotonic() < deadline:
            received = self._fetch(deadline - time.monotonic())
        if not received:
            raise AssertionError(f"no reply within {timeout_s:.0f} s")
        time.sleep(QUIET_PERIOD_S)
        return received + self._fetch(0)

    def next_replies_now(self) -> list[Message]:
        """Whatever the bot sent since the last read, without waiting."""
        return self._fetch(0)

    def one_reply(self, *, timeout_s: float = REPLY_TIMEOUT_S) -> str:
        """The text of the single reply the bot sends next; fails if it sends none or several."""
        messages = self.next_replies(timeout_s=timeout_s)
        texts = [message.get("text") or message.get("caption") or "" for message in messages]
        assert len(messages) == 1, f"expected exactly one reply, got {len(messages)}: {texts}"
        return texts[0]

    def press(self, message: Message, data: str) -> None:
        """Press the inline button with callback `data` on one of the bot's messages."""
        body = {"user_id": self.user_id, "message_id": message["message_id"], "data": data}
        self._http.post("/emulator/updates/callback_query", json=body).raise_for_status()

    def download(self, file_id: str) -> bytes:
        """The bytes of a file the bot sent (a photo's ``file_id``), through the emulator's control API."""
        response = self._http.get(f"/emulator/files/{file_id}")
        response.raise_for_status()
        return response.content

    def send_raw(self, update: dict[str, Any]) -> None:
        """Queue any update body (stickers, voice, locations, edited messages, ...)."""
        self._http.post("/emulator/updates/raw", json={"update": update}).raise_for_status()

    def next_message(self, *, timeout_s: float = REPLY_TIMEOUT_S) -> Message:
        """The bot's next message, as soon as it comes (no quiet period: use when the count is not tested)."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            response = self._http.get(
                f"/emulator/chats/{self.user_id}/messages",
                params={
                    "after": self._last_seen,
                    "timeout": int(min(max(deadline - time.monotonic(), 0), 60)),
                },
            )
            response.raise_for_status()
            messages: list[Message] = response.json()["messages"]
            if messages:
                self._last_seen = messages[0]["message_id"]
                return messages[0]
        raise AssertionError(f"no reply within {timeout_s:.0f} s")

    def consent(self, language: str = "en") -> None:
        """/start, choose the language, then press "I agree" (what every person must do before intake or
        images)."""
        self.choose_language(language)
        welcome = self.next_message()
        self.press(welcome, "consent:yes")
        self.next_message()

    def choose_language(self, language: str) -> None:
        """/start, then press the language's button (the welcome follows)."""
        self.send_text("/start")
        self.press(self.next_message(), f"lang:{language}")

    def close(self) -> None:
        self._http.close()
