"""Scripted conversations through the emulator, the real Rasa server, the worker and the bot.

One path per test: consent declined, intake with a red flag, red flags phrased several ways, image then
/history, /delete leaving nothing, the health-worker case flow, unknown update types, and Rasa stopping
in the middle of a conversation (a second emulator and bot whose Rasa goes through a proxy we close).
"""

from __future__ import annotations

import dataclasses
import io
import os
import subprocess
import threading
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import create_engine, inspect, text

from bcdbot.processes import ManagedProcess, free_port
from bcdbot.stack import StackConfig, bot_process, emulator_process, worker_process
from bot import replies
from bot.catalog import english
from store import pseudonymise
from tests.chat import ChatUser, Message
from tests.conftest import START_TIMEOUT_S, TEST_PSEUDONYM_SECRET
from tests.escalations import escalations_of
from tests.shared_data import MINI_MIAS_IMAGES

pytestmark = pytest.mark.integration

MAMMOGRAM = MINI_MIAS_IMAGES / "mdb001.png"
WITHIN_TWO_WEEKS = "within two weeks"


def text_of(message: Message) -> str:
    return str(message.get("text") or message.get("caption") or "")


def buttons(message: Message) -> list[str]:
    markup = message.get("reply_markup") or {}
    return [button["callback_data"] for row in markup.get("inline_keyboard", []) for button in row]


def only(chat: ChatUser) -> Message:
    messages = chat.next_replies()
    assert len(messages) == 1, [text_of(m) for m in messages]
    return messages[0]


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.open(MAMMOGRAM).save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def rows_of(stack: StackConfig, telegram_id: int) -> dict[str, int]:
    """How many rows each table holds for the person (by user id), and whether the user row exists."""
    pseudonym = pseudonymise(telegram_id, secret=TEST_PSEUDONYM_SECRET.encode())
    engine = create_engine(stack.database_url)
    counts: dict[str, int] = {}
    with engine.connect() as connection:
        user_id = connection.execute(
            text("SELECT id FROM users WHERE pseudonym = :p"), {"p": pseudonym}
        ).scalar_one_or_none()
        counts["users"] = 0 if user_id is None else 1
        for table in inspect(connection).get_table_names():
            columns = {column["name"] for column in inspect(connection).get_columns(table)}
            for column in ("user_id", "owner_id"):
                if column in columns and user_id is not None:
                    query = text(f"SELECT COUNT(*) FROM {table} WHERE {column} = :u")
                    counts[table] = (
                        counts.get(table, 0) + connection.execute(query, {"u": user_id}).scalar_one()
                    )
    engine.dispose()
    return counts


# --- consent -------------------------------------------------------------------------------------------


def test_start_asks_the_language_then_explains_and_asks_for_consent(person: ChatUser) -> None:
    person.send_text("/start")
    choice = only(person)
    assert buttons(choice) == ["lang:en", "lang:kn", "lang:hi"]
    person.press(choice, "lang:en")
    welcome = only(person)
    assert "I do not give a diagnosis" in text_of(welcome) and "/delete" in text_of(welcome)
    assert buttons(welcome) == ["consent:yes", "consent:no"]


def test_declining_still_allows_education_and_stores_only_the_choice(
    person: ChatUser, stack: StackConfig
) -> None:
    person.choose_language("en")
    person.press(person.next_message(), "consent:no")
    assert only(person)["text"] == replies.CONSENT_DECLINED
    person.send_text("how do I examine my breasts")
    assert person.one_reply() == replies.SELF_EXAM
    person.send_text("there is blood coming from my nipple")
    assert WITHIN_TWO_WEEKS in person.one_reply()  # red-flag advice, even without consent
    person.send_photo(jpeg_bytes())
    refusal = only(person)
    assert text_of(refusal) == replies.IMAGE_NEEDS_CONSENT and "consent:yes" in buttons(refusal)
    counts = rows_of(stack, person.user_id)
    assert counts.pop("consents") == 1 and counts.pop("users") == 1 and counts.pop("language_choices") == 1
    assert set(counts.values()) == {0}, counts


# --- intake and red flags ------------------------------------------------------------------------------


def test_intake_asks_what_is_missing_and_escalates_a_red_flag(
    consented: ChatUser, stack: StackConfig
) -> None:
    consented.send_text("I found a lump in my left breast 2 weeks ago")
    first = consented.one_reply()
    assert "lump" in first and "left breast" in first and replies.ASK_AGE in first
    consented.send_text("I'm 44")
    flagged = only(consented)
    assert WITHIN_TWO_WEEKS in text_of(flagged)
    assert buttons(flagged) == ["preg:pregnant", "preg:breastfeeding", "preg:neither"]
    consented.press(flagged, "preg:neither")
    family = only(consented)
    assert buttons(family) == ["fam:yes", "fam:no", "fam:unsure"]
    consented.press(family, "fam:no")
    assert replies.INTAKE_DONE in consented.one_reply()
    assert escalations_of(stack, consented.user_id) == ["lump_age_30_plus"]


def test_cancel_stops_the_questions(consented: ChatUser) -> None:
    consented.send_text("my breast has been sore")
    assert replies.ASK_SIDE in consented.one_reply()
    consented.send_text("/cancel")
    assert consented.one_reply() == replies.CANCELLED
    consented.send_text("/cancel")
    assert consented.one_reply() == replies.NOTHING_TO_CANCEL


RED_FLAG_MESSAGES = [
    ("there is blood-stained discharge from my right nipple", "blood_stained_discharge"),
    ("my bra has blood on it from the nipple", "blood_stained_discharge"),
    ("my left nipple has recently turned inwards", "nipple_retraction"),
    ("the nipple looks pulled in since last month", "nipple_retraction"),
    ("the skin on my breast is dimpled", "skin_tethering"),
    ("there is puckering of the skin when I raise my arm", "skin_tethering"),
    ("my breast skin looks like orange peel", "peau_d_orange"),
    ("peau d'orange on the right breast", "peau_d_orange"),
    ("I have an open sore on my breast", "ulceration"),
    ("there's an ulcer on my left breast", "ulceration"),
    ("I'm 52 and found a hard lump in my breast", "lump_age_30_plus"),
    ("lump in my boob, I am 38 years old", "lump_age_30_plus"),
    ("I'm 41 and there is a lump in my armpit", "armpit_lump_age_30_plus"),
    ("a swollen lymph node under my arm, I'm 60", "armpit_lump_age_30_plus"),
    ("eczema on my nipple that won't go away", "nipple_eczema_not_clearing"),
    ("itchy scaly rash on my nipple for 2 months", "nipple_eczema_not_clearing"),
    ("I'm a man and I've found a lump behind my nipple", "lump_in_a_man"),
    ("my husband has a lump in his chest", "lump_in_a_man"),
]


@pytest.mark.parametrize(("message", "flag"), RED_FLAG_MESSAGES)
def test_each_red_flag_is_answered_and_recorded(
    consented: ChatUser, stack: StackConfig, message: str, flag: str
) -> None:
    consented.send_text(message)
    reply = consented.one_reply()
    assert WITHIN_TWO_WEEKS in reply, reply
    assert replies.RED_FLAG_WORDS[flag] in reply
    assert flag in escalations_of(stack, consented.user_id)


# --- images, /history, /delete -------------------------------------------------------------------------


def test_image_then_history_lists_the_result(consented: ChatUser) -> None:
    consented.send_text("how do I send my mammogram")
    assert "DICOM" in consented.one_reply()
    consented.send_photo(jpeg_bytes())
    assert "probability" in consented.one_reply()
    consented.send_text("/history")
    history = consented.one_reply()
    assert history.startswith(replies.HISTORY_HEADER) and "model output 0." in history


def test_delete_leaves_nothing_about_the_person(consented: ChatUser, stack: StackConfig) -> None:
    consented.send_text("I'm 50, my nipple is bleeding")
    consented.next_message()
    consented.send_document(MAMMOGRAM.read_bytes(), "mdb001.png", "image/png")
    consented.next_message()
    assert rows_of(stack, consented.user_id)["messages"] > 0
    consented.send_text("please delete all my data")
    confirm = only(consented)
    assert buttons(confirm) == ["delete:yes", "delete:no"]
    consented.press(confirm, "delete:yes")
    assert consented.one_reply() == replies.DELETED
    assert rows_of(stack, consented.user_id) == {"users": 0}
    consented.send_text("hello")
    consented.one_reply()
    assert rows_of(stack, consented.user_id) == {"users": 0}  # nothing stored again without consent


# --- health workers ------------------------------------------------------------------------------------


def grant_health_worker(stack: StackConfig, telegram_id: int) -> None:
    subprocess.run(
        [
            stack.python,
            "-m",
            "bcdbot",
            "grant-role",
            "--telegram-id",
            str(telegram_id),
            "--role",
            "health_worker",
        ],
        env={**os.environ, **stack.service_env()},
        cwd=stack.root,
        check=True,
        capture_output=True,
    )


def test_case_commands_need_the_role(consented: ChatUser) -> None:
    consented.send_text("/newcase")
    assert consented.one_reply() == replies.HEALTH_WORKER_ONLY


def test_health_worker_cases_sorted_red_flags_first(consented: ChatUser, stack: StackConfig) -> None:
    grant_health_worker(stack, consented.user_id)
    consented.send_text("/newcase")
    calm_case = consented.one_reply().split()[1]
    consented.send_text("pain in the right breast")
    consented.next_message()
    consented.send_document(MAMMOGRAM.read_bytes(), "mdb001.png", "image/png")
    assert f"Attached to case {calm_case}" in text_of(consented.next_message())
    consented.send_text("new case")
    urgent_case = consented.one_reply().split()[1]
    consented.send_text("she is 57 and has a lump in the left breast")
    assert WITHIN_TWO_WEEKS in consented.one_reply()
    consented.send_text("/cases")
    listing = consented.one_reply().splitlines()
    assert listing[1].startswith(f"• {urgent_case}: ⚠️") and listing[2].startswith(
        f"• {calm_case}: no red flag"
    )
    assert listing[2].endswith(", 1 image") and "highest model output 0." in listing[2]
    consented.send_text(f"/case {calm_case.lower()}")
    assert english("case-reopened", case=calm_case) in consented.one_reply()
    consented.send_text("/case C-000000")
    assert consented.one_reply() == english("case-not-found", case="C-000000")


# --- never silence -------------------------------------------------------------------------------------


def _raw_message(user_id: int, **content: Any) -> dict[str, Any]:
    return {
        "chat": {"id": user_id, "type": "private", "first_name": "Test"},
        "from": {"id": user_id, "is_bot": False, "first_name": "Test"},
        **content,
    }


def test_unknown_updates_get_a_polite_reply(person: ChatUser) -> None:
    uid = person.user_id
    sticker = {"file_id": "s1", "file_unique_id": "us1", "width": 512, "height": 512, "is_animated": False,
               "is_video": False, "type": "regular"}  # fmt: skip
    person.send_raw({"message": _raw_message(uid, sticker=sticker)})
    assert person.one_reply() == replies.UNSUPPORTED_UPDATE
    person.send_raw(
        {"message": _raw_message(uid, voice={"file_id": "v1", "file_unique_id": "uv1", "duration": 3})}
    )
    assert person.one_reply() == replies.UNSUPPORTED_UPDATE
    person.send_raw({"message": _raw_message(uid, location={"latitude": 51.5, "longitude": -0.1})})
    assert person.one_reply() == replies.UNSUPPORTED_UPDATE
    person.send_raw({"edited_message": _raw_message(uid, message_id=999_999, text="edited", edit_date=1)})
    assert person.one_reply() == replies.EDITED_MESSAGE
    person.send_text("/frobnicate")
    assert person.one_reply() == replies.UNKNOWN_COMMAND
    person.send_text("hello")
    assert person.one_reply() == replies.GREETING  # still alive


# --- Rasa stopped mid-conversation ---------------------------------------------------------------------


class _RasaProxy:
    """Forwards HTTP to the real Rasa server until `close()`, after which its port refuses connections."""

    def __init__(self, target: str) -> None:
        target_url = target

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                request = urllib.request.Request(
                    target_url + self.path, data=body, headers={"Content-Type": "application/json"}
                )
                with urllib.request.urlopen(request, timeout=10) as response:
                    payload = response.read()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def rasa_proxy(rasa_url: str) -> Iterator[_RasaProxy]:
    proxy = _RasaProxy(rasa_url)
    yield proxy
    proxy.close()


@pytest.fixture
def second_stack(
    stack: StackConfig, redis_url: str, celery_worker: ManagedProcess, rasa_proxy: _RasaProxy
) -> Iterator[StackConfig]:
    """A second emulator, bot and worker (same redis-server and database) whose Rasa is the proxy.

    It gets its own Redis database: bots talking to different Telegram servers (two emulators) must not
    share the pending-analysis hash, or one would answer the other's uploads on the wrong server.
    """
    config = dataclasses.replace(
        stack, emulator_port=free_port(), redis_db=4, var_dir=stack.var_dir, extra_env=dict(stack.extra_env)
    )
    config.extra_env["BCDBOT_RASA_URL"] = rasa_proxy.url
    config.extra_env["BCDBOT_NLU_TIMEOUT_S"] = "1"
    # Named processes log to their own files, and the bot's readiness reads its own log.
    processes = [
        emulator_process(config, name="emulator-2"),
        worker_process(config, name="worker-2"),
        bot_process(config, name="bot-2"),
    ]
    try:
        for process in processes:
            process.start().wait_ready(START_TIMEOUT_S)
        yield config
    finally:
        for process in reversed(processes):
            process.stop()


def test_rasa_stopped_mid_conversation(second_stack: StackConfig, rasa_proxy: _RasaProxy) -> None:
    chat = ChatUser(second_stack.emulator_url)
    chat.consent()
    chat.send_text("hello there")
    assert chat.one_reply() == replies.GREETING
    rasa_proxy.close()
    chat.send_text("how do I check my breasts")
    degraded = only(chat)
    assert text_of(degraded) == replies.NLU_UNAVAILABLE
    assert "menu:selfexam" in buttons(degraded)
    chat.press(degraded, "menu:selfexam")
    assert chat.one_reply() == replies.SELF_EXAM
    chat.send_text("there is blood coming out of my nipple")
    assert WITHIN_TWO_WEEKS in chat.one_reply()  # the keyword backstop needs no NLU
    chat.send_photo(jpeg_bytes())
    assert "probability" in chat.one_reply()
    chat.close()
