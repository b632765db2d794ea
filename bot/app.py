"""Wiring: builds the python-telegram-bot Application and runs it (polling)."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.analysis_queue import AnalysisQueue
from bot.case_handlers import case_command, cases_command, newcase_command
from bot.command_handlers import (
    cancel_command,
    delete_command,
    help_command,
    history_command,
    language_command,
    on_button,
    start,
)
from bot.delivery import AnalysisDelivery
from bot.fallback_handlers import on_edited_message, on_error, on_unknown_command, on_unsupported
from bot.image_handlers import on_document, on_photo
from bot.language_handlers import set_commands
from bot.pending import PendingAnalyses
from bot.redis_client import resilient_redis
from bot.results import ResultWatcher
from bot.risk_handlers import risk_command
from bot.services import SERVICES_KEY, BotServices, services_of
from bot.text_handlers import on_text
from bot.user_limits import UserLimits
from nlu import RasaClient
from settings import Settings
from store import open_store
from workers.celery_app import create_celery

logger = logging.getLogger(__name__)

CONCURRENT_UPDATES = 64


def telegram_api_url(settings: Settings) -> str | None:
    """The Bot API server to talk to: None means real Telegram."""
    if settings.telegram_api_url:
        return settings.telegram_api_url.rstrip("/")
    if settings.uses_emulator:
        return f"http://127.0.0.1:{settings.emulator_port}"
    return None


async def _post_init(application: Application) -> None:  # type: ignore[type-arg]
    settings: Settings = application.bot_data["settings"]
    store = open_store(  # migrates the schema to head (Alembic)
        database_url=settings.database_url,
        encryption_keys=settings.encryption_key_list,
        image_dir=settings.image_folder,
    )
    redis = resilient_redis(settings.redis_url)
    pending = PendingAnalyses(redis)
    celery = create_celery(settings)
    analyses = AnalysisQueue(redis, celery)
    watcher = ResultWatcher(redis, pending, AnalysisDelivery(application.bot, store), analyses)
    application.bot_data[SERVICES_KEY] = BotServices(
        settings=settings,
        store=store,
        nlu=RasaClient(settings.rasa_url, timeout=settings.nlu_timeout_s),
        celery=celery,
        pending=pending,
        analyses=analyses,
        results=watcher,
        limits=UserLimits.from_settings(redis, settings),
    )
    watcher.start()
    await set_commands(application.bot)
    logger.info("bot ready")


async def _post_shutdown(application: Application) -> None:  # type: ignore[type-arg]
    if SERVICES_KEY not in application.bot_data:
        return
    services: BotServices = application.bot_data[SERVICES_KEY]
    await services.results.stop()
    await services.nlu.aclose()


def build_application(settings: Settings) -> Application:  # type: ignore[type-arg]
    """The configured Application; handlers in priority order, a catch-all last (never silence)."""
    builder = (
        Application.builder()
        .token(settings.bot_token)
        .concurrent_updates(CONCURRENT_UPDATES)
        # Telegram's send limits (30 a second, 20 a minute per group); a retry_after is waited out.
        .rate_limiter(AIORateLimiter(max_retries=settings.telegram_send_retries))
    )
    api_url = telegram_api_url(settings)
    if api_url is not None:
        file_url = (settings.telegram_file_url or f"{api_url}/file").rstrip("/")
        builder = builder.base_url(f"{api_url}/bot").base_file_url(f"{file_url}/bot")
    if settings.telegram_local_mode:  # a self-hosted Bot API server with --local: no 20 MB download limit
        builder = builder.local_mode(True)
    application = builder.post_init(_post_init).post_shutdown(_post_shutdown).build()
    application.bot_data["settings"] = settings

    new_messages = filters.UpdateType.MESSAGE
    commands = {
        "start": start,
        "language": language_command,
        "help": help_command,
        "history": history_command,
        "risk": risk_command,
        "delete": delete_command,
        "cancel": cancel_command,
        "newcase": newcase_command,
        "cases": cases_command,
        "case": case_command,
    }
    for name, handler in commands.items():
        application.add_handler(CommandHandler(name, handler, filters=new_messages))
    application.add_handler(CallbackQueryHandler(on_button))
    application.add_handler(MessageHandler(new_messages & filters.COMMAND, on_unknown_command))
    application.add_handler(MessageHandler(new_messages & filters.TEXT & ~filters.COMMAND, on_text))
    application.add_handler(MessageHandler(new_messages & filters.PHOTO, on_photo))
    application.add_handler(MessageHandler(new_messages & filters.Document.ALL, on_document))
    application.add_handler(MessageHandler(filters.UpdateType.EDITED, on_edited_message))
    application.add_handler(MessageHandler(filters.ALL, on_unsupported))
    application.add_error_handler(on_error)
    return application


def run_bot(settings: Settings) -> None:
    """Run the bot until SIGINT/SIGTERM: long polling, or webhook mode when TELEGRAM_WEBHOOK_URL is set."""
    from bot.webhook import add_health_server, run_webhook

    application = build_application(settings)
    target = "emulator" if settings.uses_emulator else "Telegram"
    if settings.uses_webhook:
        logger.info("starting bot (%s, webhook)", target)
        run_webhook(application, settings)
        return
    if settings.health_port is not None:
        add_health_server(application, settings.webhook_listen, settings.health_port)
    logger.info("starting bot (%s)", target)
    application.run_polling(
        allowed_updates=Update.ALL_TYPES, timeout=settings.telegram_poll_timeout_s, drop_pending_updates=False
    )


__all__ = ["build_application", "run_bot", "services_of", "telegram_api_url"]
