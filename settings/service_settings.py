"""One settings object per process, read from the environment and an optional `.env` file.

Every variable is prefixed `BCDBOT_` except `TELEGRAM_BOT_TOKEN`. The README lists them all.
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEVELOPMENT_PSEUDONYM_SECRET = "development-only-pseudonym-secret"
DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # Telegram's getFile limit for bots

DEVELOPMENT_ENCRYPTION_KEYS = "ZGV2ZWxvcG1lbnQtb25seS1lbmNyeXB0aW9uLWtleSE="  # store.crypto's development key

WEBHOOK_SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what Telegram accepts as secret_token


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
    detector_engine: Literal["torch", "onnx"] = Field(
        default="onnx",
        description="onnxruntime is 2-3x faster than eager PyTorch on the CPU (bench/bench_engines.py); "
        "a CUDA device always runs PyTorch.",
    )
    cache_dir: Path = Field(
        default_factory=lambda: Path.home() / ".cache" / "bcdbot",
        validation_alias=AliasChoices("BCDBOT_CACHE", "BCDBOT_CACHE_DIR"),
        description="Writable cache (the install script's too); the detector keeps its ONNX exports here.",
    )
    worker_threads: int | None = None
    log_level: str = "INFO"

    # The store and admin console.
    encryption_keys: SecretStr = Field(
        default=SecretStr(DEVELOPMENT_ENCRYPTION_KEYS),
        description="Comma-separated Fernet keys; the first encrypts, all decrypt (rotation).",
    )
    image_storage: Literal["file", "database"] = "file"
    image_dir: Path = Path("var/images")
    retention_days: int = Field(default=30, ge=1)
    retention_check_s: float = 3600.0
    admin_host: str = "127.0.0.1"
    admin_port: int = 8090
    admin_session_idle_s: int = 30 * 60
    admin_cookie_secure: bool = True
    admin_login_max_failures: int = 5
    admin_login_window_s: int = 15 * 60
    admin_trusted_proxies: str = Field(
        default="",
        description="Comma-separated addresses or networks of the reverse proxies whose X-Forwarded-For and "
        "X-Forwarded-Proto the console believes; default none, so every client is the connecting address.",
    )

    # Deployment: webhook mode, a self-hosted Bot API server (README "Deployment").
    telegram_webhook_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("TELEGRAM_WEBHOOK_URL", "BCDBOT_TELEGRAM_WEBHOOK_URL"),
        description="Public HTTPS URL Telegram posts updates to (webhook mode); unset: long polling.",
    )
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8080
    webhook_path: str | None = Field(default=None, description="Local path; default: the URL's path.")
    health_port: int | None = Field(default=None, description="Polling mode: serve GET /healthz here.")
    telegram_file_url: str | None = Field(
        default=None, description="Base file URL of the Bot API server; default: <api url>/file/bot."
    )
    telegram_local_mode: bool = Field(
        default=False, description="The Bot API server runs with --local: files up to 2 GB, read from disk."
    )
    telegram_send_retries: int = Field(
        default=3, ge=0, description="Tries of a send Telegram refused with retry_after, after it."
    )

    # Per-person limits, shared by every bot replica through Redis (bot/user_limits.py).
    limit_messages_per_minute: int = Field(default=20, ge=1)
    limit_images_per_hour: int = Field(default=12, ge=1)
    limit_images_per_day: int = Field(default=40, ge=1)
    limit_pending_analyses: int = Field(default=4, ge=1, description="One mammogram set: two views a side.")
    health_worker_limit_factor: int = Field(default=10, ge=1, description="Health workers get N times each.")

    @model_validator(mode="after")
    def _refuse_placeholder_secrets(self) -> Settings:
        if self.environment == "production":
            if self.pseudonym_secret.get_secret_value() == DEVELOPMENT_PSEUDONYM_SECRET:
                raise ValueError("Set BCDBOT_PSEUDONYM_SECRET to a long random value in production.")
            if self.encryption_keys.get_secret_value() == DEVELOPMENT_ENCRYPTION_KEYS:
                raise ValueError("Set BCDBOT_ENCRYPTION_KEYS to your own Fernet key(s) in production.")
            if self.telegram_bot_token is None and self.telegram_api_url is None:
                raise ValueError("Set TELEGRAM_BOT_TOKEN in production.")
            if self.telegram_webhook_url and self.webhook_secret is None:
                raise ValueError("Set BCDBOT_WEBHOOK_SECRET (A-Z a-z 0-9 _ -) with TELEGRAM_WEBHOOK_URL.")
        secret = self.webhook_secret.get_secret_value() if self.webhook_secret else None
        if secret is not None and not WEBHOOK_SECRET_PATTERN.match(secret):
            raise ValueError("BCDBOT_WEBHOOK_SECRET: 1-256 characters from A-Z, a-z, 0-9, _ and - only.")
        return self

    @field_validator("admin_trusted_proxies")
    @classmethod
    def _refuse_unparseable_proxies(cls, value: str) -> str:
        for entry in _comma_separated(value):
            try:
                ipaddress.ip_network(entry, strict=False)
            except ValueError:
                raise ValueError(
                    f"BCDBOT_ADMIN_TRUSTED_PROXIES: {entry!r} is not an IP address or network (10.0.0.0/8)."
                ) from None
        return value

    @property
    def admin_trusted_proxy_list(self) -> list[str]:
        """The proxies named in BCDBOT_ADMIN_TRUSTED_PROXIES; empty: forwarded headers are ignored."""
        return _comma_separated(self.admin_trusted_proxies)

    @property
    def uses_webhook(self) -> bool:
        """True when TELEGRAM_WEBHOOK_URL is set: the bot serves HTTP instead of long polling."""
        return bool(self.telegram_webhook_url)

    @property
    def local_webhook_path(self) -> str:
        """The path the bot's HTTP server answers updates on (a reverse proxy may map another onto it)."""
        path = self.webhook_path or urlsplit(self.telegram_webhook_url or "").path or "/telegram"
        return path if path.startswith("/") else f"/{path}"

    @property
    def encryption_key_list(self) -> list[str]:
        return _comma_separated(self.encryption_keys.get_secret_value())

    @property
    def image_folder(self) -> Path | None:
        """Where encrypted image files go; None keeps them in the database."""
        return self.image_dir if self.image_storage == "file" else None

    @property
    def uses_emulator(self) -> bool:
        """True when no real token is set: the bot talks to the local Telegram emulator."""
        return self.telegram_bot_token is None

    @property
    def bot_token(self) -> str:
        if self.telegram_bot_token is not None:
            return self.telegram_bot_token.get_secret_value()
        return self.emulator_token


def _comma_separated(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once at the entry point."""
    return Settings()
