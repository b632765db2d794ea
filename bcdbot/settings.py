"""One settings object per process, read from the environment and an optional `.env` file.

Every variable is prefixed `BCDBOT_` except `TELEGRAM_BOT_TOKEN`. The README lists them all.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEVELOPMENT_PSEUDONYM_SECRET = "development-only-pseudonym-secret"
DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # Telegram's getFile limit for bots


class Settings(BaseSettings):
    """Configuration of every bcdbot process (bot, worker, emulator, demo)."""

    model_config = SettingsConfigDict(env_prefix="BCDBOT_", env_file=".env", extra="ignore")

    environment: Literal["development", "production"] = "development"

    telegram_bot_token: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("TELEGRAM_BOT_TOKEN", "BCDBOT_TELEGRAM_BOT_TOKEN")
    )
    telegram_api_url: str | None = Field(
        default=None,
        description="Base URL of a Telegram Bot API server (the local emulator, or a self-hosted one). "
        "Unset with a token: real Telegram.",
    )
    emulator_token: str = "123456:local-emulator-token"
    emulator_port: int = 8081
    telegram_poll_timeout_s: int = 10

    redis_url: str = "redis://127.0.0.1:6390/0"
    rasa_url: str = "http://127.0.0.1:5005"
    database_url: str = "sqlite:///var/bcdbot.sqlite3"
    pseudonym_secret: SecretStr = SecretStr(DEVELOPMENT_PSEUDONYM_SECRET)

    nlu_timeout_s: float = 2.0
    analysis_timeout_s: float = 180.0
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES

    image_queue: str = "images.cpu"
    task_soft_time_limit_s: float = 60.0
    task_time_limit_s: float = 90.0
    broker_visibility_timeout_s: int = 300
    max_task_deliveries: int = 3
    analysis_cache_ttl_s: int = 24 * 3600
    worker_metrics_port: int | None = None
    worker_metrics_host: str = "127.0.0.1"
    gpu_batch_size: int = 32
    gpu_batch_wait_ms: int = 20

    detector_checkpoint: Path | None = None
    detector_device: str | None = None
    worker_threads: int | None = None
    log_level: str = "INFO"

    @model_validator(mode="after")
    def _refuse_placeholder_secrets(self) -> Settings:
        if self.environment == "production":
            if self.pseudonym_secret.get_secret_value() == DEVELOPMENT_PSEUDONYM_SECRET:
                raise ValueError("Set BCDBOT_PSEUDONYM_SECRET to a long random value in production.")
            if self.telegram_bot_token is None and self.telegram_api_url is None:
                raise ValueError("Set TELEGRAM_BOT_TOKEN in production.")
        return self

    @property
    def uses_emulator(self) -> bool:
        """True when no real token is set: the bot talks to the local Telegram emulator."""
        return self.telegram_bot_token is None

    @property
    def bot_token(self) -> str:
        if self.telegram_bot_token is not None:
            return self.telegram_bot_token.get_secret_value()
        return self.emulator_token


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once at the entry point."""
    return Settings()
