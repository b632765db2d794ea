"""In-memory emulator state: bots and their update queues, chats and messages, files, callback queries."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field

from .flood import FloodControl
from .media import extension_for
from .notifier import Notifier
from .objects import JsonDict, human_user, private_chat

DEFAULT_FIRST_NAME = "Test user"
# Telegram leaves these out unless a bot lists them in allowed_updates.
OPT_IN_UPDATE_TYPES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
MESSAGE_UPDATE_TYPES = ("message", "edited_message", "channel_post", "edited_channel_post")
PHOTO = "photo"
DOCUMENT = "document"
FILE_ID_PREFIX = {PHOTO: "AgAC", DOCUMENT: "BQAC"}
FILE_FOLDER = {PHOTO: "photos", DOCUMENT: "documents"}
CALLBACK_ID_BASE = 7_000_000_000_000_000


def now() -> int:
    return int(time.time())


def update_type(update: JsonDict) -> str | None:
    """The update's kind: its one key besides ``update_id``."""
    return next((key for key in update if key != "update_id"), None)


@dataclass
class StoredFile:
    """A file the bot or a user sent; downloadable by file_id and by file_path."""

    file_id: str
    file_unique_id: str
    file_path: str
    kind: str
    data: bytes
    mime_type: str
    file_name: str | None = None
    width: int = 0
    height: int = 0


@dataclass
class StoredMessage:
    """A message in a chat, its Telegram JSON, and what the control API adds."""

    message: JsonDict
    from_bot: bool
    reply_keyboard: JsonDict | None = None
    edited: bool = False
    deleted: bool = False
    version: int = 0

    @property
    def message_id(self) -> int:
        return int(self.message["message_id"])

    def control_view(self) -> JsonDict:
        """The Telegram Message plus ``edited``, ``deleted``, ``from_bot`` and ``reply_keyboard``."""
        return {
            **self.message,
            "edited": self.edited,
            "deleted": self.deleted,
            "from_bot": self.from_bot,
            "reply_keyboard": self.reply_keyboard,
        }


@dataclass
class ChatState:
    """A private chat between one user and the bot; message ids count up per chat."""

    chat_id: int
    first_name: str
    messages: dict[int, StoredMessage] = field(default_factory=dict)
    next_message_id: int = 1
    callback_answers: list[JsonDict] = field(default_factory=list)
    actions: list[JsonDict] = field(default_factory=list)

    def as_json(self) -> JsonDict:
        return private_chat(self.chat_id, self.first_name)


@dataclass
class Webhook:
    """A bot's webhook configuration and its last delivery error."""

    url: str
    secret_token: str | None = None
    max_connections: int = 40
    last_error_date: int | None = None
    last_error_message: str | None = None


@dataclass
class BotState:
    """One bot token's queue of unconfirmed updates, webhook and commands."""

    bot_id: int
    updates: list[JsonDict] = field(default_factory=list)
    allowed_updates: list[str] = field(default_factory=list)
    webhook: Webhook | None = None
    commands: dict[tuple[str, str], list[JsonDict]] = field(default_factory=dict)
    poll_generation: int = 0
    notifier: Notifier = field(default_factory=Notifier)

    def accepts(self, kind: str | None) -> bool:
        if self.allowed_updates:
            return kind in self.allowed_updates
        return kind not in OPT_IN_UPDATE_TYPES

    def confirm(self, offset: int) -> None:
        """Forget updates below ``offset``; a negative offset keeps only the last ``-offset`` ones."""
        if offset < 0:
            del self.updates[: max(0, len(self.updates) + offset)]
        else:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]

    def drop_pending(self) -> None:
        self.updates.clear()
        self.notifier.notify()


@dataclass
class CallbackQueryRecord:
    query_id: str
    chat_id: int
    user_id: int
    answered: bool = False


class EmulatorState:
    """Everything the emulator remembers; one instance per server, no persistence."""

    def __init__(self) -> None:
        self.bots: dict[int, BotState] = {}
        self.chats: dict[int, ChatState] = {}
        self.user_names: dict[int, str] = {}
        self.files: dict[str, StoredFile] = {}
        self.callback_queries: dict[str, CallbackQueryRecord] = {}
        self.messages_changed = Notifier()
        self.flood = FloodControl()
        self._orphan_updates: list[JsonDict] = []
        self._next_update_id = 1
        self._next_file_number = 1
        self._next_callback_number = 1
        self._version = 0

    def wake_all_for_shutdown(self) -> None:
        """Answer every open long poll (bots' getUpdates, the chat page's) now instead of at its timeout."""
        self.messages_changed.close()
        for bot in self.bots.values():
            bot.notifier.close()

    # bots and updates

    def bot(self, bot_id: int) -> BotState:
        """The bot for a token's numeric id; the first one seen takes updates queued before it came."""
        bot = self.bots.get(bot_id)
        if bot is None:
            bot = self.bots[bot_id] = BotState(bot_id)
            bot.updates.extend(u for u in self._orphan_updates if bot.accepts(update_type(u)))
            self._orphan_updates.clear()
        return bot

    def default_bot(self) -> BotState | None:
        """The most recently registered bot, for control endpoints that need one."""
        return next(reversed(self.bots.values()), None)

    def enqueue(self, body: JsonDict) -> int:
        """Queue an update for every known bot (or until one appears); returns its update_id."""
        update_id = self._next_update_id
        self._next_update_id += 1
        update = {"update_id": update_id, **{k: v for k, v in body.items() if k != "update_id"}}
        if not self.bots:
            self._orphan_updates.append(update)
        for bot in self.bots.values():
            if bot.accepts(update_type(update)):
                bot.updates.append(update)
                bot.notifier.notify()
        return update_id

    # users, chats and messages

    def user(self, user_id: int, first_name: str | None = None) -> JsonDict:
        if first_name:
            self.user_names[user_id] = first_name
        return human_user(user_id, self.user_names.get(user_id, DEFAULT_FIRST_NAME))

    def chat(self, chat_id: int, first_name: str | None = None) -> ChatState:
        chat = self.chats.get(chat_id)
        if chat is None:
            name = first_name or self.user_names.get(chat_id, DEFAULT_FIRST_NAME)
            chat = self.chats[chat_id] = ChatState(chat_id, name)
        elif first_name:
            chat.first_name = first_name
        return chat

    @property
    def version(self) -> int:
        """Counts every change to any message; the chat page polls for changes past it."""
        return self._version

    def touch(self, stored: StoredMessage) -> None:
        """Record that a message was added, edited or deleted, and wake the pollers."""
        self._version += 1
        stored.version = self._version
        self.messages_changed.notify()

    def add_message(
        self,
        chat: ChatState,
        sender: JsonDict,
        content: JsonDict,
        *,
        from_bot: bool,
        reply_keyboard: JsonDict | None = None,
    ) -> StoredMessage:
        message_id = chat.next_message_id
        chat.next_message_id += 1
        message = {"message_id": message_id, "from": sender, "chat": chat.as_json(), "date": now(), **content}
        stored = StoredMessage(message, from_bot=from_bot, reply_keyboard=reply_keyboard)
        chat.messages[message_id] = stored
        self.touch(stored)
        return stored

    def record_incoming(self, message: JsonDict) -> None:
        """Store a message from a raw update, filling in message_id and date when missing."""
        chat_json = message.get("chat")
        if not isinstance(chat_json, dict) or not isinstance(chat_json.get("id"), int):
            return
        chat = self.chat(chat_json["id"], chat_json.get("first_name"))
        message.setdefault("date", now())
        message_id = message.setdefault("message_id", chat.next_message_id)
        if not isinstance(message_id, int) or message_id in chat.messages:
            return
        chat.next_message_id = max(chat.next_message_id, message_id + 1)
        chat.messages[message_id] = StoredMessage(message, from_bot=False)
        self.touch(chat.messages[message_id])

    # files

    def add_file(
        self,
        kind: str,
        data: bytes,
        mime_type: str,
        *,
        file_name: str | None = None,
        width: int = 0,
        height: int = 0,
    ) -> StoredFile:
        number = self._next_file_number
        self._next_file_number += 1
        stored = StoredFile(
            file_id=f"{FILE_ID_PREFIX[kind]}{number}_{secrets.token_hex(8)}",
            file_unique_id=f"AQAD{number}{secrets.token_hex(3)}",
            file_path=f"{FILE_FOLDER[kind]}/file_{number}{extension_for(file_name, mime_type)}",
            kind=kind,
            data=data,
            mime_type=mime_type,
            file_name=file_name,
            width=width,
            height=height,
        )
        self.files[stored.file_id] = stored
        return stored

    def file_by_path(self, file_path: str) -> StoredFile | None:
        return next((f for f in self.files.values() if f.file_path == file_path), None)

    # callback queries

    def add_callback_query(self, chat_id: int, user_id: int) -> CallbackQueryRecord:
        query_id = str(CALLBACK_ID_BASE + self._next_callback_number)
        self._next_callback_number += 1
        record = self.callback_queries[query_id] = CallbackQueryRecord(query_id, chat_id, user_id)
        return record

    def reset(self) -> None:
        """Forget everything except counters, so clients still polling keep valid offsets."""
        self.chats.clear()
        self.user_names.clear()
        self.files.clear()
        self.callback_queries.clear()
        self._orphan_updates.clear()
        self.flood = FloodControl()
        for bot in self.bots.values():
            bot.allowed_updates.clear()
            bot.webhook = None
            bot.commands.clear()
            bot.drop_pending()
        self._version += 1
        self.messages_changed.notify()
