"""The whole local stack as processes: redis-server, Rasa, the Telegram emulator, a Celery worker, the bot."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from bcdbot.processes import ManagedProcess, free_port, http_ok, port_open

BOT_READY_LOG_LINE = "bot ready"
# Settings that lift the per-person limits, for tests and benchmarks where one chat sends what a crowd would.
NO_PER_PERSON_LIMITS = {
    f"BCDBOT_LIMIT_{name}": "100000"
    for name in ("MESSAGES_PER_MINUTE", "IMAGES_PER_HOUR", "IMAGES_PER_DAY", "PENDING_ANALYSES")
}
RASA_ENV = {
    "RASA_TELEMETRY_ENABLED": "false",
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
}

# `rasa` itself, except at the end: after its server stopped, the interpreter spent 3-5 s collecting
# TensorFlow's garbage before exiting. Nothing is left to save by then, so it leaves at once.
RASA_MAIN = """
import logging, os, sys
from rasa.__main__ import main
sys.argv[0] = "rasa"
code = 0
try:
    main()
except SystemExit as stop:
    code = stop.code if isinstance(stop.code, int) else int(stop.code is not None)
logging.shutdown()
sys.stdout.flush()
sys.stderr.flush()
os._exit(code)
"""


@dataclass
class StackConfig:
    """Where everything lives and listens; `for_tests` picks free ports and a private folder."""

    root: Path
    var_dir: Path
    redis_port: int = 6390
    rasa_port: int = 5005
    emulator_port: int = 8081
    admin_port: int = 8090  # the admin console
    redis_db: int = 0
    python: str = sys.executable
    extra_env: dict[str, str] = field(default_factory=dict)

    @classmethod
    def for_tests(cls, root: Path, var_dir: Path) -> StackConfig:
        return cls(root, var_dir, redis_port=free_port(), rasa_port=free_port(), emulator_port=free_port())

    @property
    def redis_url(self) -> str:
        return f"redis://127.0.0.1:{self.redis_port}/{self.redis_db}"

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
    def rasa_python(self) -> Path:
        return self.root / ".rasa-venv" / "bin" / "python"

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
            "BCDBOT_IMAGE_DIR": str(self.var_dir / "images"),  # encrypted uploads and heatmaps
            "PYTHONUNBUFFERED": "1",
            **self.extra_env,
        }

    def log(self, name: str) -> Path:
        return self.var_dir / "logs" / f"{name}.log"


def redis_process(config: StackConfig) -> ManagedProcess:
    """redis-server with an append-only file: queued images and pending replies survive a restart."""
    argv = [
        "redis-server",
        "--port", str(config.redis_port),
        "--bind", "127.0.0.1",
        "--save", "",
        "--appendonly", "yes",
        "--appendfsync", "always",
        "--dir", str(config.var_dir),
    ]  # fmt: skip
    ready = lambda: port_open(config.redis_port)  # noqa: E731
    return ManagedProcess("redis-server", argv, ready, config.log("redis"), port=config.redis_port)


def rasa_process(config: StackConfig) -> ManagedProcess:
    argv = [
        str(config.rasa_python),
        "-c",
        RASA_MAIN,
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
    return ManagedProcess(
        "rasa", argv, ready, config.log("rasa"), env=RASA_ENV, cwd=config.root / "nlu", port=config.rasa_port
    )


def emulator_process(config: StackConfig, *, name: str = "emulator") -> ManagedProcess:
    port = str(config.emulator_port)
    argv = [config.python, "-m", "telegram_emulator", "--host", "127.0.0.1", "--port", port]
    ready = lambda: http_ok(f"{config.emulator_url}/emulator/health")  # noqa: E731
    return ManagedProcess(name, argv, ready, config.log(name), cwd=config.root, port=config.emulator_port)


def worker_process(
    config: StackConfig,
    *,
    name: str = "worker",
    kind: str = "cpu",
    concurrency: int = 1,
    queues: str | None = None,
    env: dict[str, str] | None = None,
) -> ManagedProcess:
    """A CPU worker; ready once its own node (not just any worker) answers a ping."""
    from socket import gethostname

    from settings import Settings
    from workers.celery_app import create_celery

    client = create_celery(Settings(_env_file=None, redis_url=config.redis_url))  # type: ignore[call-arg]
    node = f"bcdbot-{name}-{config.redis_port}"
    argv = [config.python, "-m", "bcdbot", "worker", "--kind", kind, "--concurrency", str(concurrency)]
    argv += ["--name", node]
    if queues:
        argv += ["--queues", queues]
    destination = [f"{node}@{gethostname()}"]
    ready = lambda: bool(client.control.ping(destination=destination, timeout=0.5))  # noqa: E731
    return ManagedProcess(
        name, argv, ready, config.log(name), env={**config.service_env(), **(env or {})}, cwd=config.root
    )


def bot_process(
    config: StackConfig, *, name: str = "bot", env: dict[str, str] | None = None
) -> ManagedProcess:
    """The bot; ready once this run logged that its post-init (services, commands) finished."""
    argv = [config.python, "-m", "bcdbot", "bot"]
    process = ManagedProcess(
        name,
        argv,
        lambda: False,
        config.log(name),
        env={**config.service_env(), **(env or {})},
        cwd=config.root,
    )
    process.ready = lambda: process.logged_since_start(BOT_READY_LOG_LINE)
    return process


def bot_webhook_process(
    config: StackConfig,
    *,
    name: str,
    port: int,
    webhook_url: str,
    secret: str,
    env: dict[str, str] | None = None,
) -> ManagedProcess:
    """A bot replica in webhook mode on 127.0.0.1:`port`; ready once post-init ran and /healthz answers."""
    webhook_env = {
        "TELEGRAM_WEBHOOK_URL": webhook_url,
        "BCDBOT_WEBHOOK_SECRET": secret,
        "BCDBOT_WEBHOOK_LISTEN": "127.0.0.1",
        "BCDBOT_WEBHOOK_PORT": str(port),
    }
    process = bot_process(config, name=name, env={**webhook_env, **(env or {})})
    process.port = port
    health = f"http://127.0.0.1:{port}/healthz"
    process.ready = lambda: process.logged_since_start(BOT_READY_LOG_LINE) and http_ok(health)
    return process


# --- admin console and maintenance ---------------------------------------------------------------


def admin_process(
    config: StackConfig, *, port: int | None = None, env: dict[str, str] | None = None
) -> ManagedProcess:
    """The admin console (`bcdbot admin`); ready once its login page answers."""
    port = port or config.admin_port
    argv = [config.python, "-m", "bcdbot", "admin"]
    process_env = {**config.service_env(), "BCDBOT_ADMIN_PORT": str(port), **(env or {})}
    ready = lambda: http_ok(f"http://127.0.0.1:{port}/login")  # noqa: E731
    return ManagedProcess(
        "admin", argv, ready, config.log("admin"), env=process_env, cwd=config.root, port=port
    )


def maintenance_process(config: StackConfig, *, env: dict[str, str] | None = None) -> ManagedProcess:
    """The retention job: one Celery worker with an embedded beat on the maintenance queue."""
    argv = [config.python, "-m", "bcdbot", "maintenance"]
    process = ManagedProcess(
        "maintenance",
        argv,
        lambda: False,
        config.log("maintenance"),
        env={**config.service_env(), **(env or {})},
        cwd=config.root,
    )
    process.ready = lambda: process.logged_since_start("ready.")
    return process
