"""Contract tests for telegram_emulator: real HTTP, python-telegram-bot as the client, no mocks."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest
import telegram
from telegram import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Conflict, InvalidToken

import telegram_emulator
from tests.emulator.conftest import TOKEN, USER_ID, Emulator, bot_messages, png_bytes, say


def test_public_api_is_sorted() -> None:
    assert telegram_emulator.__all__ == sorted(telegram_emulator.__all__)


async def test_get_me(bot: telegram.Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.is_bot, me.first_name, me.username) == (123456, True, "bcdbot", "bcdbot_emulator_bot")


async def test_error_envelopes(emulator: Emulator, bot: telegram.Bot, control: httpx.AsyncClient) -> None:
    with pytest.raises(BadRequest, match=r"(?i)method not found"):
        await bot.do_api_request("noSuchMethod")
    response = await control.post(f"/bot{TOKEN}/noSuchMethod")
    assert response.status_code == 400
    assert response.json() == {"ok": False, "error_code": 400, "description": "Bad Request: method not found"}
    response = await control.get("/botnot-a-token/getMe")
    assert response.status_code == 401
    assert response.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
    with pytest.raises(InvalidToken):
        await telegram.Bot("not-a-token", base_url=f"{emulator.url}/bot").get_me()
    with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
        await bot.send_message(USER_ID, "   ")
    response = await control.post(f"/bot{TOKEN}/SENDMESSAGE", json={"text": "no chat"})
    assert response.json()["description"] == "Bad Request: chat_id is empty"


async def test_text_message_and_offsets(bot: telegram.Bot, control: httpx.AsyncClient) -> None:
    first = await say(control, "hello")
    await say(control, "again")
    updates = await bot.get_updates()
    assert [u.update_id for u in updates] == [first["update_id"], first["update_id"] + 1]
    message = updates[0].message
    assert message is not None and message.from_user is not None
    assert (message.text, message.message_id, message.chat.id, message.chat.type) == (
        "hello",
        first["message_id"],
        USER_ID,
        "private",
    )
    assert (message.from_user.id, message.from_user.is_bot, message.from_user.first_name) == (
        USER_ID,
        False,
        "Ada",
    )
    assert message.from_user.language_code == "en"
    assert len(await bot.get_updates(offset=updates[0].update_id + 1)) == 1
    assert await bot.get_updates(offset=updates[-1].update_id + 1) == ()


async def test_long_polling(bot: telegram.Bot, control: httpx.AsyncClient) -> None:
    started = time.monotonic()
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.3)
    await say(control, "wake up")
    updates = await poll
    assert time.monotonic() - started < 2
    assert [u.message.text for u in updates if u.message] == ["wake up"]

    started = time.monotonic()
    assert await bot.get_updates(offset=updates[-1].update_id + 1, timeout=1) == ()
    assert 0.9 <= time.monotonic() - started < 3


async def test_second_poller_conflicts_first(bot: telegram.Bot, control: httpx.AsyncClient) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.2)
    second = await control.post(f"/bot{TOKEN}/getUpdates", data={"timeout": "0"})
    assert second.json() == {"ok": True, "result": []}
    with pytest.raises(Conflict, match=r"(?i)terminated by other getUpdates"):
        await first


async def test_photo_and_document_downloads(bot: telegram.Bot, control: httpx.AsyncClient) -> None:
    image = png_bytes()
    dicom = b"\0" * 128 + b"DICM" + bytes(range(256))
    photo = await control.post(
        "/emulator/updates/photo",
        data={"user_id": str(USER_ID), "caption": "left breast"},
        files={"file": ("mammo.png", image, "image/png")},
    )
    doc = await control.post(
        "/emulator/updates/document",
        data={"user_id": str(USER_ID)},
        files={"file": ("scan.dcm", dicom, "application/dicom")},
    )
    assert photo.status_code == doc.status_code == 200
    assert set(photo.json()) == {"update_id", "message_id", "chat_id"}
    photo_message, doc_message = (u.message for u in await bot.get_updates())
    assert photo_message is not None and doc_message is not None and doc_message.document is not None
    size = photo_message.photo[-1]
    assert (size.width, size.height, size.file_size, photo_message.caption) == (
        64,
        48,
        len(image),
        "left breast",
    )
    assert bytes(await (await bot.get_file(size.file_id)).download_as_bytearray()) == image
    document = doc_message.document
    assert (document.file_name, document.mime_type, document.file_size) == (
        "scan.dcm",
        "application/dicom",
        len(dicom),
    )
    assert bytes(await (await bot.get_file(document.file_id)).download_as_bytearray()) == dicom
    raw = (await control.post(f"/bot{TOKEN}/getFile", data={"file_id": document.file_id})).json()["result"]
    assert raw["file_path"].startswith("documents/") and raw["file_path"].endswith(".dcm")


async def test_send_message_with_markup_and_formatting(bot: telegram.Bot, control: httpx.AsyncClient) -> None:
    question = await say(control, "start")
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="yes")]])
    sent = await bot.send_message(
        USER_ID, "Proceed?\nReply below.", reply_markup=keyboard, reply_to_message_id=question["message_id"]
    )
    assert sent.from_user is not None and sent.from_user.is_bot
    assert sent.reply_to_message is not None and sent.reply_to_message.text == "start"
    assert sent.reply_markup == keyboard
    (seen,) = await bot_messages(control)
    assert seen["text"] == "Proceed?\nReply below." and seen["message_id"] == sent.message_id
    assert seen["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "yes"
    assert (seen["edited"], seen["deleted"], seen["from"]["is_bot"]) == (False, False, True)

    html = await bot.send_message(USER_ID, "<b>Risk</b> &lt;low&gt;", parse_mode="HTML")
    assert html.text == "Risk <low>" and html.entities[0].type == "bold" and html.entities[0].length == 4
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot.send_message(USER_ID, "<b>unclosed", parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"(?i)reserved"):
        await bot.send_message(USER_ID, "Done.", parse_mode="MarkdownV2")


async def test_send_photo_and_document_uploads(bot: telegram.Bot, control: httpx.AsyncClient) -> None:
    image = png_bytes(30, 20)
    sent = await bot.send_photo(USER_ID, photo=image, caption="heatmap")
    size = sent.photo[-1]
    assert (size.width, size.height, sent.caption) == (30, 20, "heatmap")
    download = await control.get(f"/emulator/files/{size.file_id}")
    assert download.content == image and download.headers["content-type"] == "image/png"
    again = await bot.send_photo(USER_ID, photo=size.file_id)
    assert again.photo[-1].file_id == size.file_id

    report = await bot.send_document(USER_ID, document=b"%PDF-1.4 report", filename="report.pdf")
    assert report.document is not None
    assert (report.document.file_name, report.document.mime_type) == ("report.pdf", "application/pdf")
    assert (await control.get(f"/emulator/files/{report.document.file_id}")).content == b"%PDF-1.4 report"
    with pytest.raises(BadRequest, match=r"(?i)IMAGE_PROCESS_FAILED"):
        await bot.send_photo(USER_ID, photo=b"not an image")


async def test_edit_and_delete(bot: telegram.Bot, control: httpx.AsyncClient) -> None:
    assert await bot.send_chat_action(USER_ID, "typing")
    actions = (await control.get(f"/emulator/chats/{USER_ID}/actions")).json()["actions"]
    assert [a["action"] for a in actions] == ["typing"]
    sent = await bot.send_message(USER_ID, "Analysing…")
    edited = await bot.edit_message_text("Done", chat_id=USER_ID, message_id=sent.message_id)
    assert isinstance(edited, telegram.Message) and edited.text == "Done" and edited.edit_date is not None
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("Done", chat_id=USER_ID, message_id=sent.message_id)
    (seen,) = await bot_messages(control)
    assert (seen["text"], seen["edited"]) == ("Done", True)
    assert await bot_messages(control, after=sent.message_id) == []
    assert await bot.delete_message(USER_ID, sent.message_id)
    assert (await bot_messages(control))[0]["deleted"] is True


async def test_callback_query_round_trip(bot: telegram.Bot, control: httpx.AsyncClient) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="yes")]])
    sent = await bot.send_message(USER_ID, "Consent?", reply_markup=markup)
    wrong = await control.post(
        "/emulator/updates/callback_query",
        json={"user_id": USER_ID, "message_id": sent.message_id, "data": "nope"},
    )
    assert wrong.status_code == 400
    pressed = await control.post(
        "/emulator/updates/callback_query",
        json={"user_id": USER_ID, "message_id": sent.message_id, "data": "yes"},
    )
    (update,) = await bot.get_updates()
    query = update.callback_query
    assert query is not None and query.message is not None
    assert (query.id, query.data, query.message.message_id) == (
        pressed.json()["callback_query_id"],
        "yes",
        sent.message_id,
    )
    assert await bot.answer_callback_query(query.id, text="Noted")
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_callback_query(query.id)
    answers = (await control.get(f"/emulator/chats/{USER_ID}/callback_answers")).json()["answers"]
    assert [(a["callback_query_id"], a["text"], a["show_alert"]) for a in answers] == [
        (query.id, "Noted", False)
    ]


async def test_commands(bot: telegram.Bot, control: httpx.AsyncClient) -> None:
    commands = [BotCommand("start", "Start over"), BotCommand("help", "What I can do")]
    assert await bot.set_my_commands(commands)
    assert tuple(await bot.get_my_commands()) == tuple(commands)
    listed = (await control.get("/emulator/commands")).json()["commands"]
    assert listed == [
        {"command": "start", "description": "Start over"},
        {"command": "help", "description": "What I can do"},
    ]
    with pytest.raises(BadRequest):
        await bot.set_my_commands([BotCommand("Bad-Name", "x")])
    assert await bot.delete_my_commands()
    assert await bot.get_my_commands() == ()


async def test_raw_update(bot: telegram.Bot, control: httpx.AsyncClient) -> None:
    sticker = {
        "file_id": "st1",
        "file_unique_id": "u1",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    }
    user = {"id": USER_ID, "is_bot": False, "first_name": "Ada"}
    body = {"message": {"chat": {"id": USER_ID, "type": "private"}, "from": user, "sticker": sticker}}
    injected = (await control.post("/emulator/updates/raw", json={"update": body})).json()
    (update,) = await bot.get_updates()
    assert update.update_id == injected["update_id"]
    assert update.message is not None and update.message.sticker is not None
    assert update.message.message_id == injected["message_id"]
