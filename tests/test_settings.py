"""Settings: defaults for local use, refusals of placeholder secrets in production."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from pydantic import ValidationError

from bot.app import telegram_api_url
from settings import Settings


def test_local_mode_uses_the_emulator(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.uses_emulator
    assert telegram_api_url(settings) == "http://127.0.0.1:8081"


def test_a_token_means_real_telegram(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "42:real-token")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert not settings.uses_emulator
    assert settings.bot_token == "42:real-token"
    assert telegram_api_url(settings) is None
    assert "real-token" not in repr(settings)


def test_production_refuses_the_development_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "42:real-token")
    monkeypatch.setenv("BCDBOT_ENVIRONMENT", "production")
    with pytest.raises(ValidationError, match="BCDBOT_PSEUDONYM_SECRET"):
        Settings(_env_file=None)  # type: ignore[call-arg]
    monkeypatch.setenv("BCDBOT_PSEUDONYM_SECRET", "a-long-random-secret-value")
    with pytest.raises(ValidationError, match="BCDBOT_ENCRYPTION_KEYS"):
        Settings(_env_file=None)  # type: ignore[call-arg]
    monkeypatch.setenv("BCDBOT_ENCRYPTION_KEYS", Fernet.generate_key().decode())
    assert Settings(_env_file=None).environment == "production"  # type: ignore[call-arg]


def test_no_proxy_is_trusted_unless_named() -> None:
    assert Settings(_env_file=None).admin_trusted_proxy_list == []  # type: ignore[call-arg]
    named = Settings(_env_file=None, admin_trusted_proxies="10.0.0.5, 172.16.0.0/12")  # type: ignore[call-arg]
    assert named.admin_trusted_proxy_list == ["10.0.0.5", "172.16.0.0/12"]


@pytest.mark.parametrize("value", ["*", "localhost", "10.0.0.0/33"])
def test_a_trusted_proxy_must_be_an_address_or_network(value: str) -> None:
    with pytest.raises(ValidationError, match="BCDBOT_ADMIN_TRUSTED_PROXIES"):
        Settings(_env_file=None, admin_trusted_proxies=value)  # type: ignore[call-arg]
