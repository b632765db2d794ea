"""getUpdates (long polling) and the webhook methods."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from ..errors import bad_request, conflict
from ..notifier import wait_until
from ..state import BotState, Webhook
from .call import Call, Described, Method

MAX_LIMIT = 100
MAX_POLL_TIMEOUT_S = 3600.0
SECRET_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
WEBHOOK_ACTIVE = (
    "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
)
TERMINATED = "terminated by other getUpdates request; make sure that only one bot instance is running"


def _allowed_updates(call: Call) -> None:
    allowed = call.params.json_or_none("allowed_updates")
    if allowed is None:
        return
    if not isinstance(allowed, list) or not all(isinstance(kind, str) for kind in allowed):
        raise bad_request("can't parse allowed_updates JSON array")
    call.bot.allowed_updates = list(allowed)


async def get_updates(call: Call) -> Any:
    """Confirm updates below ``offset``, then answer at once or when one arrives within ``timeout``."""
    bot = call.bot
    if bot.webhook is not None:
        raise conflict(WEBHOOK_ACTIVE)
    offset = call.params.int_or_none("offset")
    if offset is not None:
        bot.confirm(offset)
    limit = min(max(call.params.int_or_none("limit") or MAX_LIMIT, 1), MAX_LIMIT)
    timeout = min(max(call.params.float_or("timeout", 0.0), 0.0), MAX_POLL_TIMEOUT_S)
    _allowed_updates(call)
    bot.poll_generation += 1
    generation = bot.poll_generation
    bot.notifier.notify()  # an older poll still waiting answers 409, as Telegram does
    await wait_until(
        bot.notifier,
        lambda: bool(bot.updates) or bot.poll_generation != generation or bot.webhook is not None,
        timeout,
    )
    if bot.poll_generation != generation:
        raise conflict(TERMINATED)
    if bot.webhook is not None:
        raise conflict(WEBHOOK_ACTIVE)
    return bot.updates[:limit]


async def set_webhook(call: Call) -> Any:
    url = call.params.str_or_none("url") or ""
    if not url:
        return await delete_webhook(call)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    secret = call.params.str_or_none("secret_token")
    if secret is not None and not SECRET_TOKEN.match(secret):
        raise bad_request("secret token contains unallowed characters")
    _allowed_updates(call)
    if call.params.bool_or("drop_pending_updates", False):
        call.bot.drop_pending()
    max_connections = call.params.int_or_none("max_connections") or 40
    call.bot.webhook = Webhook(url=url, secret_token=secret or None, max_connections=max_connections)
    call.webhooks.start(call.bot)  # also wakes a waiting getUpdates, which then answers 409
    return Described(True, "Webhook was set")


async def delete_webhook(call: Call) -> Any:
    bot = call.bot
    had_webhook = bot.webhook is not None
    bot.webhook = None
    if call.params.bool_or("drop_pending_updates", False):
        bot.drop_pending()
    bot.notifier.notify()
    return Described(True, "Webhook was deleted" if had_webhook else "Webhook is already deleted")


def webhook_info(bot: BotState) -> dict[str, Any]:
    info: dict[str, Any] = {"url": "", "has_custom_certificate": False}
    info["pending_update_count"] = len(bot.updates)
    hook = bot.webhook
    if hook is None:
        return info
    info.update(url=hook.url, max_connections=hook.max_connections)
    if bot.allowed_updates:
        info["allowed_updates"] = list(bot.allowed_updates)
    if hook.last_error_date is not None:
        info.update(last_error_date=hook.last_error_date, last_error_message=hook.last_error_message)
    return info


async def get_webhook_info(call: Call) -> Any:
    return webhook_info(call.bot)


METHODS: dict[str, Method] = {
    "getUpdates": get_updates,
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
}
