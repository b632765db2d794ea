"""The whole local stack as processes: redis-server, Rasa, the Telegram emulator, a Celery worker, the bot."""

from __future__ import annotations

import json
import sys
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from bcdbot.processes import ManagedProcess, free_port, http_ok, port_open

RASA_ENV = {
    "RASA_TELEMETRY_ENABLED": "false",
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
}


@dataclass
class StackConfig:
    """Where everything lives and listens; `for_tests` picks free ports and a private folder."""

    root: Path
    var_dir: Path
    redis_port: int = 6390
    rasa_port: int = 5005
    emulator_port: int = 8081
    python: str = sys.executable
    extra_env: dict[str, str] = field(default_factory=dict)

    @classmethod
    def for_tests(cls, root: Path, var_dir: Path) -> StackConfig:
        return cls(root, var_dir, redis_port=free_port(), rasa_port=free_port(), emulator_port=free_port())

    @property
    def redis_url(self) -> str:
        return f"redis://127.0.0.1:{self.redis_port}/0"

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def emulator_url(self) -> str:
        return f"http://127.0.0.1:{self.emulator_port}"

    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.var_dir / 'bcdbot.sqlite3'}"

    @property
    def rasa_bin(self) -> Path:
        return self.root / ".rasa-venv" / "bin" / "rasa"

    @property
    def rasa_model(self) -> Path:
        return self.root / "nlu" / "models" / "current.tar.gz"

    def service_env(self) -> dict[str, str]:
        """Settings for the bot and the worker, as environment variables."""
        return {
            "BCDBOT_REDIS_URL": self.redis_url,
            "BCDBOT_RASA_URL": self.rasa_url,
            "BCDBOT_DATABASE_URL": self.database_url,
            "BCDBOT_EMULATOR_PORT": str(self.emulator_port),
            "PYTHONUNBUFFERED": "1",
            **self.extra_env,
        }

    def log(self, name: str) -> Path:
        return self.var_dir / "logs" / f"{name}.log"


def redis_process(config: StackConfig) -> ManagedProcess:
    argv = [
        "redis-server",
        "--port",
        str(config.redis_port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        str(config.var_dir),
    ]
    return ManagedProcess("redis-server", argv, lambda: port_open(config.redis_port), config.log("redis"))


def rasa_process(config: StackConfig) -> ManagedProcess:
    argv = [
        str(config.rasa_bin),
        "run",
        "--enable-api",
        "-m",
        str(config.rasa_model),
        "-i",
        "127.0.0.1",
        "-p",
        str(config.rasa_port),
    ]
    ready = lambda: http_ok(f"{config.rasa_url}/status")  # noqa: E731
    return ManagedProcess("rasa", argv, ready, config.log("rasa"), env=RASA_ENV, cwd=config.root / "nlu")


def emulator_process(config: StackConfig) -> ManagedProcess:
    argv = [
        config.python,
        "-m",
        "telegram_emulator",
        "--host",
        "127.0.0.1",
        "--port",
        str(config.emulator_port),
    ]
    ready = lambda: http_ok(f"{config.emulator_url}/emulator/health")  # noqa: E731
    return ManagedProcess("emulator", argv, ready, config.log("emulator"), cwd=config.root)


def worker_process(config: StackConfig, *, concurrency: int = 1) -> ManagedProcess:
    from workers.celery_app import create_celery

    client = create_celery(config.redis_url)
    argv = [config.python, "-m", "bcdbot", "worker", "--concurrency", str(concurrency)]
    ready = lambda: bool(client.control.ping(timeout=0.5))  # noqa: E731
    return ManagedProcess(
        "worker", argv, ready, config.log("worker"), env=config.service_env(), cwd=config.root
    )


def _bot_commands_registered(config: StackConfig) -> bool:
    try:
        with urllib.request.urlopen(f"{config.emulator_url}/emulator/commands", timeout=2) as response:
            return bool(json.load(response).get("commands"))
    except OSError:
        return False


def bot_process(config: StackConfig) -> ManagedProcess:
    argv = [config.python, "-m", "bcdbot", "bot"]
    uses_emulator = "TELEGRAM_BOT_TOKEN" not in config.extra_env
    ready = (lambda: _bot_commands_registered(config)) if uses_emulator else (lambda: True)
    return ManagedProcess("bot", argv, ready, config.log("bot"), env=config.service_env(), cwd=config.root)
